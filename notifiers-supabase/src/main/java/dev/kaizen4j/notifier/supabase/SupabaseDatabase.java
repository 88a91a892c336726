package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.internal.Database;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * A Supabase (or any PostgreSQL) database reached over JDBC through a small connection pool: where the
 * review queue, the shared ledger and the team leases live. Opening does not connect; {@link #check()}
 * does, and every use fails with one clear line when the database cannot be reached. The password is
 * never shown: {@link #toString()} names host, port, database and user.
 *
 * <p>Thread safety: safe for concurrent use. Close it when done; what was made from it stops working.
 */
public final class SupabaseDatabase implements AutoCloseable {

    private final Database database;
    private final String schema;

    private SupabaseDatabase(Database database, String schema) {
        this.database = database;
        this.schema = schema;
    }

    /**
     * Opens a pool on the configured {@code db.url}.
     *
     * @throws KaizenException when {@code db.url} is missing or does not read, naming the setting
     */
    public static SupabaseDatabase open(SupabaseConfig config) {
        requireNonNull(config, "config");
        String url = config.dbUrl().orElseThrow(() -> KaizenException.invalidInput(
                "kaizen.supabase.db.url (KAIZEN_SUPABASE_DB_URL or SUPABASE_DB_URL) is required for the database"));
        config.validate();
        return new SupabaseDatabase(Database.open(Database.parse(url), config.schema(), config.poolSize(),
                config.connectTimeout()), config.schema());
    }

    /**
     * Opens a pool of at most 4 connections on {@code connectionString} ({@code postgresql://} URI or
     * {@code jdbc:postgresql://} URL), on schema {@code public}, waiting at most 10 s for a connection.
     */
    public static SupabaseDatabase open(String connectionString) {
        return open(connectionString, "public", Duration.ofSeconds(10));
    }

    /** As {@link #open(String)}, with the schema and the connection timeout. */
    public static SupabaseDatabase open(String connectionString, String schema, Duration connectTimeout) {
        requireNonNull(schema, "schema");
        requireNonNull(connectTimeout, "connectTimeout");
        return new SupabaseDatabase(Database.open(Database.parse(connectionString), schema, 4, connectTimeout), schema);
    }

    /** The pooled connections, each on {@link #schema()}. */
    public DataSource dataSource() {
        return database.dataSource();
    }

    public String schema() {
        return schema;
    }

    /** Whether the connection goes through Supabase's transaction pooler (port 6543). */
    public boolean transactionPooler() {
        return database.target().transactionPooler();
    }

    /**
     * Connects once.
     *
     * @throws DatabaseUnreachableException when the database cannot be reached
     * @throws KaizenException in one line when it refuses the credentials or the database does not exist
     */
    public void check() {
        database.check();
    }

    /**
     * Applies the schema migrations the database lacks; see {@link SchemaMigrations#migrate()}.
     *
     * @throws KaizenException through the transaction pooler (port 6543), where the migrations' session
     *     lock would not hold: migrate through port 5432
     */
    public List<SchemaMigrations.AppliedMigration> migrate() {
        if (transactionPooler()) {
            throw KaizenException.invalidInput("migrations need a session (their lock is held for the whole"
                    + " migration): migrate through port 5432 (direct or the session pooler), not the transaction"
                    + " pooler's port " + Database.TRANSACTION_POOLER_PORT);
        }
        check();
        return new SchemaMigrations(dataSource(), schema).migrate();
    }

    @Override
    public void close() {
        database.close();
    }

    /** {@code host:port/database as user}; never the password. */
    @Override
    public String toString() {
        return database.target().toString();
    }
}
