package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.DatabaseUnreachableException;
import dev.kaizen4j.notifier.supabase.SchemaMigrations.AppliedMigration;
import dev.kaizen4j.notifier.supabase.SupabaseConfig;
import dev.kaizen4j.notifier.supabase.SupabaseDatabase;
import dev.kaizen4j.notifier.supabase.TeamLeases;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The shared database of the Supabase settings ({@code KAIZEN_SUPABASE_DB_URL}, else {@code SUPABASE_DB_URL}),
 * when one is configured: the ledger and the team leases of every runtime on it. It is the process's
 * {@linkplain SupabaseDatabase#shared shared pool} of those settings, which the {@code supabase}
 * back-channel uses too, released when the process exits; its schema is migrated on first use
 * unless {@code --no-migrate} or the connection goes through Supabase's transaction pooler. A database that cannot be reached, or refuses the credentials, is bad input
 * (exit 2), in one line without the password.
 */
final class SharedDatabase {

    private static final Map<String, SupabaseDatabase> OPEN = new ConcurrentHashMap<>();
    private static final Set<String> MIGRATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.values().forEach(SupabaseDatabase::close)));
    }

    private SharedDatabase() {}

    /** The Supabase settings: {@code KAIZEN_SUPABASE_*} variables, then properties, then Supabase's own variables. */
    static SupabaseConfig config(RunnerSettings settings) {
        return SupabaseConfig.of(key -> settings.get(null, key).orElse(null), settings.environment());
    }

    /** The configured database, opened and (unless {@code migrate} is false) migrated; empty when none is configured. */
    static Optional<SupabaseDatabase> open(RunnerSettings settings, boolean migrate) {
        SupabaseConfig config = config(settings);
        Optional<String> url = config.dbUrl();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String key = url.get() + "\n" + config.schema();
        SupabaseDatabase database = OPEN.computeIfAbsent(key, ignored -> SupabaseDatabase.shared(config));
        reachable(() -> {
            // Through the transaction pooler the migrations cannot lock; kaizen4j migrate over port 5432 does them.
            if (migrate && !database.transactionPooler() && !MIGRATED.contains(key)) {
                database.migrate();
                MIGRATED.add(key);
            } else {
                database.check();
            }
            return null;
        }, database);
        return Optional.of(database);
    }

    /**
     * This runtime's turn at {@code team}'s cycle: always when no database is configured, else while it
     * holds the team's lease; closing it releases the lease.
     */
    static Turn turn(RunnerContext context, String team) {
        Optional<SupabaseDatabase> database = context.database();
        if (database.isEmpty()) {
            return new Turn(null, null);
        }
        TeamLeases leases = new TeamLeases(database.get().dataSource(), TeamLeases.runtimeName(),
                config(context.settings()).leaseDuration(), Clock.systemUTC());
        Optional<TeamLeases.Lease> lease = reachable(() -> leases.acquire(team), database.get());
        return lease.map(held -> new Turn(held, null))
                .orElseGet(() -> new Turn(null, leases.holderOf(team).orElse("another runtime")));
    }

    /**
     * A turn at a team's cycle.
     *
     * @param lease the team's lease, held by this runtime, or null when there is none to hold
     * @param otherHolder the runtime running the team's cycle now, when it is not this one
     */
    record Turn(TeamLeases.@Nullable Lease lease, @Nullable String otherHolder) implements AutoCloseable {

        boolean mine() {
            return otherHolder == null;
        }

        @Override
        public void close() {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** Applies the migrations the configured database lacks. */
    static List<AppliedMigration> migrate(SupabaseDatabase database) {
        return reachable(database::migrate, database);
    }

    private interface Work<T> {
        T run();
    }

    private static <T> T reachable(Work<T> work, SupabaseDatabase database) {
        try {
            return work.run();
        } catch (DatabaseUnreachableException unreachable) {
            throw KaizenException.invalidInput("the database " + database + " cannot be reached: "
                    + unreachable.getMessage(), unreachable);
        } catch (KaizenException failure) {
            if (failure.kind() == KaizenException.Kind.AUTHENTICATION) {
                throw KaizenException.invalidInput(failure.getMessage(), failure);
            }
            throw failure;
        }
    }
}
