package dev.kaizen4j.internal;

/** The thread counts of Kaizen4j's parallel stages: reading logs and examining tasks. */
public final class Parallelism {

    /** The default: the processors available, at most four; more rarely pays for the coordination. */
    public static final int DEFAULT = Math.min(4, Runtime.getRuntime().availableProcessors());

    /**
     * The default for examining tasks: one processor fewer (at least one, at most four), since reading
     * the log that feeds them has threads of its own. On two processors the tasks are then examined on
     * the consuming thread while two threads read: the same throughput as two examining threads, about an
     * eighth less CPU time, and a faster first run, when the compiler competes for the processors.
     */
    public static final int EXAMINING_DEFAULT = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));

    private Parallelism() {}

    /** Returns {@code threads}, or throws when it is not positive. */
    public static int requirePositive(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        return threads;
    }
}
