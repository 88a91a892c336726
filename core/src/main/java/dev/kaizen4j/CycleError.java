package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One failure of a cycle run: a step that could not do its work. The run goes on without that
 * step's output and reports the failure in {@link CycleResult#errors()}.
 *
 * @param kind which step failed
 * @param requestId the request concerned, when the failure concerns one
 * @param channel the back-channel or publisher concerned, when one is
 * @param message what went wrong; never holds a secret from the request
 * @param retriable whether the next run retries the step (a failed submission stays pending, a
 *     failed publication stays approved, a failed model call is made again)
 */
public record CycleError(Kind kind, @Nullable String requestId, @Nullable String channel, String message,
        boolean retriable) {

    /** The step that failed. */
    public enum Kind {
        /** A back-channel did not take a request. */
        SUBMISSION,
        /** An approved change could not be published. */
        PUBLICATION,
        /** The ledger could not be read or written; nothing depending on it was sent. */
        LEDGER,
        /** A model call failed or its answer stayed invalid; the stage went on without it. */
        LLM,
        /** A back-channel could not tell whether a submitted request was decided; the next run asks again. */
        DECISION
    }

    public CycleError {
        requireNonNull(kind, "kind");
        requireNonNull(message, "message");
    }

    /** One line: the kind, the request and channel when known, and the message. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT)
                + (requestId == null ? "" : " " + requestId)
                + (channel == null ? "" : " on " + channel)
                + ": " + message
                + (retriable ? " (retried next run)" : "");
    }
}
