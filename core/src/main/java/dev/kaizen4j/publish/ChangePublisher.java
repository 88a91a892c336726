package dev.kaizen4j.publish;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import java.util.Optional;

/**
 * Turns an approved request into a change that flows through Git and review: a pull request or a
 * patch. Nothing is applied to a running agent. Implementations are idempotent per request.
 *
 * <p>A publisher that can tell whether its change was merged (a pull request) overrides
 * {@link #statusOf}; {@code DecisionSync} then records merges and unmerged closes in the ledger.
 */
@FunctionalInterface
public interface ChangePublisher {

    /**
     * @param request the approved request
     * @param approval the approving decision
     * @throws dev.kaizen4j.KaizenException if publishing failed; the request stays approved for a retry
     */
    PublishedChange publish(ImprovementRequest request, ReviewDecision approval);

    /**
     * What became of the change published for {@code request}: open, merged or closed without merging.
     * Empty when this publisher cannot tell (a patch file: the host confirms it applied instead).
     *
     * @throws dev.kaizen4j.KaizenException if the state could not be read; a later sync retries
     */
    default Optional<PublicationStatus> statusOf(ImprovementRequest request) {
        return Optional.empty();
    }
}
