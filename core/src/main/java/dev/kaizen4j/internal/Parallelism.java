package dev.kaizen4j.internal;

/** The thread counts of Kaizen4j's parallel stages: reading logs and examining tasks. */
public final class Parallelism {

    /** The default: the processors available, at most four; more rarely pays for the coordination. */
    public static final int DEFAULT = Math.min(4, Runtime.getRuntime().availableProcessors());

    private Parallelism() {}

    /** Returns {@code threads}, or throws when it is not positive. */
    public static int requirePositive(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        return threads;
    }
}
