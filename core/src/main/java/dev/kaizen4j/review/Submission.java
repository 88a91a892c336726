package dev.kaizen4j.review;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Where a request now lives on a back-channel, or why it could not get there. Failure is a value:
 * back-channels never throw into the agent loop.
 *
 * @param channel the back-channel's {@link BackChannel#name() name}
 * @param requestId the request
 * @param externalId the id on the channel (issue number, message timestamp, file name), when submitted
 * @param link a URL or path a human can open, when known
 * @param error why the submission failed, when it did
 * @param retriable whether a later retry may succeed
 */
public record Submission(
        String channel, String requestId, @Nullable String externalId, @Nullable String link, @Nullable String error,
        boolean retriable) {

    public Submission {
        requireNonNull(channel, "channel");
        requireNonNull(requestId, "requestId");
        if ((externalId == null) == (error == null)) {
            throw new IllegalArgumentException("a submission has either an external id or an error");
        }
    }

    public static Submission submitted(String channel, String requestId, String externalId, @Nullable String link) {
        return new Submission(channel, requestId, requireNonNull(externalId, "externalId"), link, null, false);
    }

    public static Submission failed(String channel, String requestId, String error, boolean retriable) {
        return new Submission(channel, requestId, null, null, requireNonNull(error, "error"), retriable);
    }

    public boolean isSubmitted() {
        return externalId != null;
    }
}
