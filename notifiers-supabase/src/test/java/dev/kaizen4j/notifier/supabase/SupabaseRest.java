package dev.kaizen4j.notifier.supabase;

import dev.kaizen4j.notifier.supabase.internal.PostgrestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Supabase project for tests: a fresh {@link TestDatabase}, prepared by the caller (migrated, or
 * with tables made by hand), the real PostgREST on it and the {@code /rest/v1} gateway in front.
 * Skipped (JUnit assumption) where PostgREST cannot be installed.
 */
public final class SupabaseRest implements AutoCloseable {

    private final TestDatabase database;
    private final PostgrestServer postgrest;
    private final SupabaseGateway gateway;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private SupabaseRest(TestDatabase database, PostgrestServer postgrest, SupabaseGateway gateway) {
        this.database = database;
        this.postgrest = postgrest;
        this.gateway = gateway;
    }

    /** A project whose database was migrated. */
    public static SupabaseRest migrated() {
        return start(database -> new SchemaMigrations(database.dataSource()).migrate());
    }

    /** A project whose database {@code prepare} set up; the Supabase roles exist before it runs. */
    public static SupabaseRest start(Consumer<TestDatabase> prepare) {
        TestDatabase database = TestDatabase.create();
        PostgrestServer.createRoles(database);
        prepare.accept(database);
        PostgrestServer postgrest = PostgrestServer.start(database);
        return new SupabaseRest(database, postgrest, SupabaseGateway.in(postgrest));
    }

    public TestDatabase database() {
        return database;
    }

    public SupabaseGateway gateway() {
        return gateway;
    }

    public PostgrestServer postgrest() {
        return postgrest;
    }

    /** A client with the service-role key whose back-off waits are recorded in {@link #sleeps()}, not slept. */
    public PostgrestClient client() {
        return client(PostgrestServer.serviceRoleKey());
    }

    public PostgrestClient client(String key) {
        return clientBuilder(key).build();
    }

    public PostgrestClient.Builder clientBuilder(String key) {
        return PostgrestClient.builder(gateway.url(), key).sleeper(sleeps::add);
    }

    /** The back-off waits of the clients made here, in order. */
    public List<Duration> sleeps() {
        return sleeps;
    }

    @Override
    public void close() {
        gateway.close();
        postgrest.close();
    }
}
