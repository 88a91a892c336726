package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.internal.Database;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runtime at a time per team: leases with an expiry in {@code kaizen4j_team_leases}. A runtime
 * {@linkplain #acquire acquires} a team's lease before its cycle, the lease renews itself while held, and
 * {@linkplain Lease#close closing} it releases the team. A runtime that dies stops renewing, so its lease
 * expires and another runtime takes the team; N runtimes with overlapping teams thus split them without
 * double work. Works through any connection pooler (no session state).
 *
 * <p>Expiry is judged with this object's clock: the runtimes' clocks must agree to well within the lease
 * duration.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class TeamLeases {

    private static final Logger log = LoggerFactory.getLogger(TeamLeases.class);

    private static final String ACQUIRE = """
            INSERT INTO kaizen4j_team_leases AS lease (team_name, holder, acquired_at, expires_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (team_name) DO UPDATE
            SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at
            WHERE lease.expires_at < EXCLUDED.acquired_at OR lease.holder = EXCLUDED.holder
            RETURNING holder""";

    private final DataSource dataSource;
    private final String holder;
    private final Duration duration;
    private final Clock clock;

    /**
     * @param dataSource the database holding {@code kaizen4j_team_leases}
     * @param holder this runtime's name, unique among the runtimes ({@link #runtimeName()} makes one)
     * @param duration how long a lease lasts without renewal; renewed every third of it while held
     * @param clock dates acquisitions and expiries
     */
    public TeamLeases(DataSource dataSource, String holder, Duration duration, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.holder = requireNonNull(holder, "holder");
        this.duration = requireNonNull(duration, "duration");
        this.clock = requireNonNull(clock, "clock");
        if (holder.isBlank()) {
            throw KaizenException.invalidInput("a lease holder needs a name");
        }
        if (duration.toMillis() < 300) {
            throw KaizenException.invalidInput("a lease must last at least 300ms, was " + duration);
        }
    }

    /** A name for this process: host, process id and a random suffix. */
    public static String runtimeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String holder() {
        return holder;
    }

    /**
     * Takes {@code team}'s lease when nobody holds it, its lease expired, or this holder already has it.
     *
     * @return the lease, renewing itself until closed; empty when another runtime holds the team
     * @throws KaizenException in one line when the database fails
     */
    public Optional<Lease> acquire(String team) {
        requireNonNull(team, "team");
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement acquire = connection.prepareStatement(ACQUIRE)) {
            acquire.setString(1, team);
            acquire.setString(2, holder);
            acquire.setTimestamp(3, Timestamp.from(now));
            acquire.setTimestamp(4, Timestamp.from(now.plus(duration)));
            try (ResultSet rows = acquire.executeQuery()) {
                return rows.next() ? Optional.of(new Lease(team)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Database.failure("acquiring the lease of team " + team, e);
        }
    }

    /** Who holds {@code team}'s lease now, if anyone whose lease has not expired. */
    public Optional<String> holderOf(String team) {
        requireNonNull(team, "team");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT holder FROM kaizen4j_team_leases WHERE team_name = ? AND expires_at >= ?")) {
            select.setString(1, team);
            select.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Database.failure("reading the lease of team " + team, e);
        }
    }

    /** A held lease on one team; renews itself every third of the duration until closed. */
    public final class Lease implements AutoCloseable {

        private final String team;
        private final ScheduledExecutorService renewer;
        private volatile boolean held = true;

        private Lease(String team) {
            this.team = team;
            this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "kaizen4j-lease-" + team);
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(100, duration.toMillis() / 3);
            renewer.scheduleAtFixedRate(this::renewQuietly, period, period, TimeUnit.MILLISECONDS);
        }

        public String team() {
            return team;
        }

        /** Whether the last renewal found the lease still this holder's. */
        public boolean held() {
            return held;
        }

        /**
         * Extends the lease by its duration from now, if this holder still has it.
         *
         * @return false when the lease expired and another runtime took the team
         */
        public boolean renew() {
            Instant now = clock.instant();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement renew = connection.prepareStatement(
                            "UPDATE kaizen4j_team_leases SET expires_at = ? WHERE team_name = ? AND holder = ?")) {
                renew.setTimestamp(1, Timestamp.from(now.plus(duration)));
                renew.setString(2, team);
                renew.setString(3, holder);
                held = renew.executeUpdate() == 1;
                return held;
            } catch (SQLException e) {
                throw Database.failure("renewing the lease of team " + team, e);
            }
        }

        private void renewQuietly() {
            try {
                if (!renew()) {
                    log.warn("The lease of team {} was lost to another runtime", team);
                }
            } catch (RuntimeException failure) {
                log.warn("Renewing the lease of team {} failed: {}", team, failure.getMessage());
            }
        }

        /** Stops renewing and releases the team, if this holder still has it. Never throws. */
        @Override
        public void close() {
            renewer.shutdownNow();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement release = connection.prepareStatement(
                            "DELETE FROM kaizen4j_team_leases WHERE team_name = ? AND holder = ?")) {
                release.setString(1, team);
                release.setString(2, holder);
                release.executeUpdate();
            } catch (SQLException e) {
                log.warn("Releasing the lease of team {} failed; it expires by itself: {}", team,
                        Database.failure("releasing", e).getMessage());
            }
            held = false;
        }

        @Override
        public String toString() {
            return "Lease[" + team + " by " + holder + "]";
        }
    }
}
