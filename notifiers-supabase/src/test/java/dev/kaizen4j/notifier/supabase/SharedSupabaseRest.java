package dev.kaizen4j.notifier.supabase;

import dev.kaizen4j.notifier.supabase.internal.PostgrestClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SupabaseRest} project shared by the tests of a class: started on first use, so that none starts
 * when every test is skipped, and closed after the class's last test. Register it on a static field with
 * {@code @RegisterExtension}; it answers as the project does.
 */
public final class SharedSupabaseRest implements AfterAllCallback {

    private final Supplier<SupabaseRest> starter;
    private SupabaseRest project;

    private SharedSupabaseRest(Supplier<SupabaseRest> starter) {
        this.starter = starter;
    }

    /** A project whose database is migrated. */
    public static SharedSupabaseRest migrated() {
        return new SharedSupabaseRest(SupabaseRest::migrated);
    }

    /** A project whose database {@code prepare} sets up (see {@link SupabaseRest#start}). */
    public static SharedSupabaseRest start(Consumer<TestDatabase> prepare) {
        return new SharedSupabaseRest(() -> SupabaseRest.start(prepare));
    }

    /** The project, started now if this is its first use. */
    public synchronized SupabaseRest project() {
        if (project == null) {
            project = starter.get();
        }
        return project;
    }

    public TestDatabase database() {
        return project().database();
    }

    public SupabaseGateway gateway() {
        return project().gateway();
    }

    public PostgrestClient client() {
        return project().client();
    }

    public PostgrestClient client(String key) {
        return project().client(key);
    }

    public PostgrestClient.Builder clientBuilder(String key) {
        return project().clientBuilder(key);
    }

    public List<Duration> sleeps() {
        return project().sleeps();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (project != null) {
            project.close();
            project = null;
        }
    }
}
