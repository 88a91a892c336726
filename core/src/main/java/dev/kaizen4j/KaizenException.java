package dev.kaizen4j;

/**
 * The one unchecked exception family thrown by Kaizen4j's synchronous APIs.
 *
 * <p>Adapters that talk to humans or services never throw into the host's agent loop; they return
 * failures as values. This exception is for programming and configuration errors and for
 * operations the caller asked to run synchronously.
 */
public class KaizenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    /** What went wrong, so callers can decide whether to retry. */
    public enum Kind {
        /** Input was invalid; retrying the same input cannot help. */
        INVALID_INPUT,
        /** A transient failure; the same call may succeed later. */
        RETRIABLE,
        /** The remote service asked us to slow down. */
        RATE_LIMITED,
        /** Credentials were missing or refused. */
        AUTHENTICATION
    }

    public KaizenException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public KaizenException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Shorthand for an {@link Kind#INVALID_INPUT} exception. */
    public static KaizenException invalidInput(String message) {
        return new KaizenException(Kind.INVALID_INPUT, message);
    }

    /** Shorthand for an {@link Kind#INVALID_INPUT} exception with a cause. */
    public static KaizenException invalidInput(String message, Throwable cause) {
        return new KaizenException(Kind.INVALID_INPUT, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether repeating the operation later may succeed. */
    public boolean isRetriable() {
        return kind == Kind.RETRIABLE || kind == Kind.RATE_LIMITED;
    }
}
