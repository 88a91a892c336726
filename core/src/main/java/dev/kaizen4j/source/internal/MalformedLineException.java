package dev.kaizen4j.source.internal;

/** Thrown by {@link EventLineParser} for a line it cannot use; the message says why. */
public final class MalformedLineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedLineException(String message) {
        super(message, null, false, false);
    }
}
