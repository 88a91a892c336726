package dev.kaizen4j.source;

/**
 * Receives how far a source has read, for progress indicators. Called on the thread that reads,
 * often: implementations must be cheap.
 */
@FunctionalInterface
public interface ReadProgress {

    /** A listener that ignores progress. */
    ReadProgress NONE = bytes -> { };

    /** {@code bytes} more bytes of the input were read from disk. */
    void advanced(long bytes);
}
