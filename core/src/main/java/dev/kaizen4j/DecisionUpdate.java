package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.ReviewDecision;
import org.jspecify.annotations.Nullable;

/**
 * A human decision picked up from a back-channel, and what followed from it.
 *
 * @param requestId the request
 * @param decision the decision
 * @param published where the approved change was published, when it was
 * @param publishError why publishing failed, when it did; the request stays approved for a retry
 */
public record DecisionUpdate(
        String requestId, ReviewDecision decision, @Nullable PublishedChange published, @Nullable String publishError) {

    public DecisionUpdate {
        requireNonNull(requestId, "requestId");
        requireNonNull(decision, "decision");
    }
}
