package dev.kaizen4j.notifier.supabase;

import dev.kaizen4j.KaizenException;

/**
 * The database could not be reached at all: the connection was refused or timed out, the host is
 * unknown, or the server closed the connection. Retrying later may succeed.
 */
public final class DatabaseUnreachableException extends KaizenException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnreachableException(String message, Throwable cause) {
        super(Kind.RETRIABLE, message, cause);
    }
}
