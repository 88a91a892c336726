package dev.kaizen4j.review;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
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
 * @param parts for a composite channel, each channel's own submission, failed ones included
 */
public record Submission(
        String channel, String requestId, @Nullable String externalId, @Nullable String link, @Nullable String error,
        boolean retriable, List<Submission> parts) {

    public Submission {
        requireNonNull(channel, "channel");
        requireNonNull(requestId, "requestId");
        if ((externalId == null) == (error == null)) {
            throw new IllegalArgumentException("a submission has either an external id or an error");
        }
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public Submission(String channel, String requestId, @Nullable String externalId, @Nullable String link,
            @Nullable String error, boolean retriable) {
        this(channel, requestId, externalId, link, error, retriable, List.of());
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

    /** The part made on {@code channel}, for a composite submission. */
    public Optional<Submission> part(String channel) {
        return parts.stream().filter(part -> part.channel().equals(channel)).findFirst();
    }

    /** Whether some channels took the request and others failed, so a retry is due for those. */
    public boolean isPartial() {
        return isSubmitted() && parts.stream().anyMatch(part -> !part.isSubmitted());
    }
}
