package dev.kaizen4j.notifier.supabase.internal;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.DatabaseUnreachableException;
import java.net.ConnectException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A connection string read and a small pool opened on it, and SQL failures turned into one clear line.
 * Takes the {@code postgresql://user:password@host:port/db?sslmode=require} URI that Supabase shows
 * (also {@code postgres://}) or a {@code jdbc:postgresql://} URL. The password is kept apart from
 * everything that is shown: {@link #toString()} and every message name the host, port, database and
 * user only.
 */
public final class Database implements AutoCloseable {

    /** Supabase's transaction pooler port, where prepared statements and LISTEN do not work. */
    public static final int TRANSACTION_POOLER_PORT = 6543;

    private final Target target;
    private final HikariDataSource pool;

    private Database(Target target, HikariDataSource pool) {
        this.target = target;
        this.pool = pool;
    }

    /**
     * Where a connection string points, and with which credentials.
     *
     * @param host the host
     * @param port the port
     * @param database the database name
     * @param user the user, or null to let the driver choose
     * @param password the password, or null; never shown
     * @param parameters the remaining URL parameters, {@code key=value} each, without user and password
     */
    public record Target(String host, int port, String database, @Nullable String user, @Nullable String password,
            List<String> parameters) {

        public Target {
            requireNonNull(host, "host");
            requireNonNull(database, "database");
            parameters = List.copyOf(parameters);
        }

        /** The JDBC URL without credentials; {@code prepareThreshold=0} added on the transaction pooler's port. */
        public String jdbcUrl() {
            List<String> query = new ArrayList<>(parameters);
            if (port == TRANSACTION_POOLER_PORT
                    && query.stream().noneMatch(parameter -> parameter.startsWith("prepareThreshold="))) {
                query.add("prepareThreshold=0");
            }
            String hostPart = host.contains(":") ? "[" + host + "]" : host;
            return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database
                    + (query.isEmpty() ? "" : "?" + String.join("&", query));
        }

        /** Whether this goes through Supabase's transaction pooler (no prepared statements, no LISTEN). */
        public boolean transactionPooler() {
            return port == TRANSACTION_POOLER_PORT;
        }

        /** {@code host:port/database as user}; never the password. */
        @Override
        public String toString() {
            return host + ":" + port + "/" + database + (user == null ? "" : " as " + user);
        }
    }

    /**
     * Reads a connection string.
     *
     * @throws KaizenException of kind invalid input, naming what is wrong (never quoting the password)
     */
    public static Target parse(String connectionString) {
        requireNonNull(connectionString, "connectionString");
        String text = connectionString.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        String rest;
        boolean jdbc = false;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
            jdbc = true;
        } else if (lower.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw KaizenException.invalidInput("the database URL must start with postgresql://, postgres:// or"
                    + " jdbc:postgresql://, was '" + masked(text) + "'");
        }
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        String user = null;
        String password = null;
        int at = jdbc ? -1 : beforeQuery.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = beforeQuery.substring(0, at);
            beforeQuery = beforeQuery.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        int slash = beforeQuery.indexOf('/');
        String hostPort = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String database = slash < 0 ? "" : decode(beforeQuery.substring(slash + 1));
        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw KaizenException.invalidInput("the database URL's host '" + hostPort + "' lacks its closing ]");
            }
            host = hostPort.substring(1, close);
            if (hostPort.length() > close + 1 && hostPort.charAt(close + 1) == ':') {
                portText = hostPort.substring(close + 2);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw KaizenException.invalidInput("the database URL '" + masked(text) + "' names no host");
        }
        int port = 5432;
        if (portText != null && !portText.isEmpty()) {
            if (!portText.matches("\\d{1,5}") || Integer.parseInt(portText) > 65_535) {
                throw KaizenException.invalidInput("the database URL's port '" + portText + "' is not a port number");
            }
            port = Integer.parseInt(portText);
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> parameters.add(parameter);
            }
        }
        return new Target(host, port, database.isEmpty() ? "postgres" : database, user, password, parameters);
    }

    /**
     * Opens a pool of at most {@code maxConnections} on {@code target}, with {@code schema} as each
     * connection's schema and UTC as its time zone (through the transaction pooler, which keeps no
     * session settings, only schema {@code public} is accepted). Does not connect yet: a database that
     * is down fails the first use, not the opening.
     *
     * @throws KaizenException for a schema other than {@code public} on the transaction pooler
     */
    public static Database open(Target target, String schema, int maxConnections, Duration connectTimeout) {
        requireNonNull(target, "target");
        requireNonNull(schema, "schema");
        HikariConfig config = new HikariConfig();
        config.setPoolName("kaizen4j-supabase");
        config.setJdbcUrl(target.jdbcUrl());
        if (target.user() != null) {
            config.setUsername(target.user());
        }
        if (target.password() != null) {
            config.setPassword(target.password());
        }
        // Session settings do not survive Supabase's transaction pooler, which hands each transaction to
        // any server connection: there the tables must be in the default schema and times are written as UTC.
        if (target.transactionPooler()) {
            if (!schema.equals("public")) {
                throw KaizenException.invalidInput("schema '" + schema + "' cannot be used through the transaction"
                        + " pooler (port " + TRANSACTION_POOLER_PORT + "), which keeps no session settings: use"
                        + " schema public or the session pooler's port 5432");
            }
        } else {
            config.setSchema(schema);
            config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        }
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", Math.max(1, connectTimeout.toSeconds()));
        config.addDataSourceProperty("ApplicationName", "kaizen4j");
        return new Database(target, new HikariDataSource(config));
    }

    public DataSource dataSource() {
        return pool;
    }

    public Target target() {
        return target;
    }

    /**
     * Connects once and runs {@code SELECT 1}.
     *
     * @throws KaizenException in one line when the database cannot be reached or refuses the credentials
     */
    public void check() {
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute("SELECT 1");
        } catch (SQLException e) {
            throw failure("connecting to " + target, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Database[" + target + "]";
    }

    /**
     * One clear line for a failed {@code action}: the database unreachable, a refused password, a
     * missing table or column (run {@code kaizen4j migrate}), a unique violation, a serialization
     * failure or deadlock (retriable), a connection killed mid-way (retriable).
     */
    public static KaizenException failure(String action, SQLException failure) {
        SQLException cause = innermost(failure);
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        String message = firstLine(cause.getMessage());
        if (isUnreachable(failure)) {
            return new DatabaseUnreachableException(action + " failed: the database cannot be reached: " + message, failure);
        }
        return switch (state) {
            case "28P01", "28000" -> new KaizenException(KaizenException.Kind.AUTHENTICATION,
                    action + " failed: the database refused the credentials: " + message, failure);
            case "3D000" -> KaizenException.invalidInput(action + " failed: " + message, failure);
            case "42P01", "42703", "42883" -> KaizenException.invalidInput(action + " failed: " + message
                    + " (the schema is not migrated: run kaizen4j migrate)", failure);
            case "23505" -> KaizenException.invalidInput(action + " failed: a unique value is taken: " + message, failure);
            case "40001", "40P01" -> new KaizenException(KaizenException.Kind.RETRIABLE,
                    action + " failed: " + message + " (concurrent update; retry)", failure);
            default -> new KaizenException(state.startsWith("42") || state.startsWith("22")
                    ? KaizenException.Kind.INVALID_INPUT : KaizenException.Kind.RETRIABLE,
                    action + " failed: " + message + (state.isEmpty() ? "" : " [SQLSTATE " + state + "]"), failure);
        };
    }

    private static boolean isUnreachable(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("08001") || sql.getSQLState().equals("08004"))) {
                return true;
            }
        }
        return false;
    }

    private static SQLException innermost(SQLException failure) {
        SQLException innermost = failure;
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                innermost = sql;
            }
        }
        return innermost;
    }

    static String firstLine(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String masked(String text) {
        return text.replaceAll("(//[^:/@?]*:)[^@]*@", "$1****@").replaceAll("(?i)(password=)[^&]*", "$1****");
    }
}
