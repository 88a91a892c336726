package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.internal.Database;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A Supabase (or any PostgreSQL) database reached over JDBC through a small connection pool: where the
 * review queue, the shared ledger and the team leases live. Opening does not connect; {@link #check()}
 * does, and every use fails with one clear line when the database cannot be reached. The password is
 * never shown: {@link #toString()} names host, port, database and user.
 *
 * <p>{@link #shared(SupabaseConfig)} hands out one pool per connection settings to everything in the
 * process that asks for it (the back-channel and the runner's ledger, for example), so that they do not
 * each hold connections of their own.
 *
 * <p>Thread safety: safe for concurrent use. Close it when done; what was made from it stops working
 * (for a shared pool: once every user has closed it).
 */
public final class SupabaseDatabase implements AutoCloseable {

    /** The pools {@link #shared} opened and still in use, by connection settings (password included: never shown). */
    private static final Map<String, SharedPool> SHARED = new HashMap<>();

    private final Database database;
    private final String schema;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SupabaseDatabase(Database database, String schema, Runnable release) {
        this.database = database;
        this.schema = schema;
        this.release = release;
    }

    private SupabaseDatabase(Database database, String schema) {
        this(database, schema, database::close);
    }

    /** A pool and how many {@link SupabaseDatabase}s share it. */
    private static final class SharedPool {
        final Database database;
        int users;

        SharedPool(Database database) {
            this.database = database;
        }
    }

    /**
     * Opens a pool on the configured {@code db.url}.
     *
     * @throws KaizenException when {@code db.url} is missing or does not read, naming the setting
     */
    public static SupabaseDatabase open(SupabaseConfig config) {
        return new SupabaseDatabase(openPool(config), config.schema());
    }

    /**
     * The pool on the configured {@code db.url} that this process already uses for the same settings (URL,
     * schema, pool size and connection timeout), or a new one. Each call returns a handle of its own, to be
     * closed when done: the pool closes with the last handle, and the next call opens a new one.
     *
     * @throws KaizenException when {@code db.url} is missing or does not read, naming the setting
     */
    public static SupabaseDatabase shared(SupabaseConfig config) {
        requireNonNull(config, "config");
        String key = requiredUrl(config) + '\n' + config.schema() + '\n' + config.poolSize() + '\n'
                + config.connectTimeout();
        synchronized (SHARED) {
            SharedPool pool = SHARED.get(key);
            if (pool == null) {
                pool = new SharedPool(openPool(config));
                SHARED.put(key, pool);
            }
            pool.users++;
            SharedPool used = pool;
            return new SupabaseDatabase(pool.database, config.schema(), () -> release(key, used));
        }
    }

    private static void release(String key, SharedPool pool) {
        synchronized (SHARED) {
            if (--pool.users > 0) {
                return;
            }
            SHARED.remove(key, pool);
        }
        pool.database.close();
    }

    private static Database openPool(SupabaseConfig config) {
        requireNonNull(config, "config");
        String url = requiredUrl(config);
        config.validate();
        return Database.open(Database.parse(url), config.schema(), config.poolSize(), config.connectTimeout());
    }

    private static String requiredUrl(SupabaseConfig config) {
        return config.dbUrl().orElseThrow(() -> KaizenException.invalidInput(
                "kaizen.supabase.db.url (KAIZEN_SUPABASE_DB_URL or SUPABASE_DB_URL) is required for the database"));
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

    /** Closes the pool, or for a {@link #shared} one, this handle on it; closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    /** {@code host:port/database as user}; never the password. */
    @Override
    public String toString() {
        return database.target().toString();
    }
}
