package dev.kaizen4j.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A test hook that stops the process at a named point of a side-effecting sequence, so that tests
 * can kill a real runner (SIGKILL) exactly between two steps and check what the next run recovers.
 *
 * <p>It does nothing unless both switches are set when the class loads: the system property
 * {@value #PROPERTY} naming a {@link Point} and the environment variable {@value #ENVIRONMENT} set to
 * {@value #ENABLED}. At that point the process prints {@code kaizen4j crash point reached: <name>}
 * on standard error and waits to be killed; if nobody kills it within a minute it halts itself with
 * {@link Runtime#halt} (no shutdown hooks, no buffers flushed: as abrupt as a kill).
 *
 * <p>With the same environment switch, the system properties {@value #HOLD_PROPERTY} (a point) and
 * {@value #HOLD_UNTIL_PROPERTY} (a file) hold the process at that point, after printing
 * {@code kaizen4j held at: <name>}, until the file exists (at most a minute), so that a test can
 * release several processes into the same step at the same moment. Not API.
 */
public final class CrashPoints {

    /** The system property naming the point to stop at. */
    public static final String PROPERTY = "kaizen4j.internal.crash-point";
    /** The environment variable that must also be set, to {@value #ENABLED}. */
    public static final String ENVIRONMENT = "KAIZEN4J_INTERNAL_CRASH_TEST";
    /** The value {@value #ENVIRONMENT} must have. */
    public static final String ENABLED = "stop-the-process";
    /** What the process prints when it stops. */
    public static final String MARKER = "kaizen4j crash point reached: ";
    /** The system property naming the point to hold at. */
    public static final String HOLD_PROPERTY = "kaizen4j.internal.hold-at";
    /** The system property naming the file whose creation releases a held process. */
    public static final String HOLD_UNTIL_PROPERTY = "kaizen4j.internal.hold-until";
    /** What the process prints when it is held. */
    public static final String HELD_MARKER = "kaizen4j held at: ";
    /** The exit status when the process halts itself. */
    public static final int HALT_STATUS = 137;

    /** The named points. */
    public enum Point {
        /** Inside a ledger append: half the line is written and forced to disk. */
        LEDGER_TORN_APPEND,
        /** The cycle has its proposals and is about to claim and submit them. */
        CYCLE_PROPOSING,
        /** The cycle recorded {@code PENDING_SUBMISSION}; the back-channel has not been called. */
        CYCLE_CLAIMED,
        /** The back-channel accepted the request; the ledger does not know yet. */
        CYCLE_SUBMITTED,
        /** A decision was recorded; the change has not been published. */
        DECISION_RECORDED,
        /** The change was published; the ledger does not know yet. */
        DECISION_PUBLISHED;

        /** The name used in {@value CrashPoints#PROPERTY}: {@code cycle-claimed} for {@link #CYCLE_CLAIMED}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final @Nullable Point ARMED = armed(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));
    private static final @Nullable Point HELD = armed(System.getProperty(HOLD_PROPERTY), System.getenv(ENVIRONMENT));

    private CrashPoints() {}

    /** Whether {@code point} is the armed one; cheap, for code that must prepare a torn write. */
    public static boolean isArmed(Point point) {
        return ARMED == point;
    }

    /** Stops the process if {@code point} is armed; otherwise returns at once. */
    public static void reach(Point point) {
        if (ARMED == point) {
            stop(point);
        }
    }

    /** Holds the process if {@code point} is the held one, until the release file exists. */
    public static void hold(Point point) {
        String release = System.getProperty(HOLD_UNTIL_PROPERTY);
        if (HELD != point || release == null) {
            return;
        }
        System.err.println(HELD_MARKER + point.label());
        System.err.flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            while (!Files.exists(Path.of(release)) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static @Nullable Point armed(@Nullable String property, @Nullable String environment) {
        if (property == null || !ENABLED.equals(environment)) {
            return null;
        }
        for (Point point : Point.values()) {
            if (point.label().equals(property.trim())) {
                return point;
            }
        }
        return null;
    }

    private static void stop(Point point) {
        PrintStream err = System.err;
        err.println(MARKER + point.label());
        err.flush();
        try {
            TimeUnit.MINUTES.sleep(1);
        } catch (InterruptedException ignored) {
            // Halting anyway.
        }
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
