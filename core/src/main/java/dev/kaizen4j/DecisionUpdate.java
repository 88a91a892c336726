package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.publish.PublicationStatus;
import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.ReviewDecision;
import org.jspecify.annotations.Nullable;

/**
 * A human decision picked up from a back-channel, and what followed from it; or, for a change
 * published earlier, its merge or unmerged close.
 *
 * @param requestId the request
 * @param decision the decision
 * @param published where the approved change was published, when it was
 * @param publishError why publishing failed, when it did; the request stays approved for a retry
 * @param publication the merge or unmerged close of a published change, when this update records one
 */
public record DecisionUpdate(
        String requestId, ReviewDecision decision, @Nullable PublishedChange published, @Nullable String publishError,
        @Nullable PublicationStatus publication) {

    public DecisionUpdate {
        requireNonNull(requestId, "requestId");
        requireNonNull(decision, "decision");
    }

    /** An update without a merge or close. */
    public DecisionUpdate(String requestId, ReviewDecision decision, @Nullable PublishedChange published,
            @Nullable String publishError) {
        this(requestId, decision, published, publishError, null);
    }
}
