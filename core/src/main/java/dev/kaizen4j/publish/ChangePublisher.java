package dev.kaizen4j.publish;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;

/**
 * Turns an approved request into a change that flows through Git and review: a pull request or a
 * patch. Nothing is applied to a running agent. Implementations are idempotent per request.
 */
@FunctionalInterface
public interface ChangePublisher {

    /**
     * @param request the approved request
     * @param approval the approving decision
     * @throws dev.kaizen4j.KaizenException if publishing failed; the request stays approved for a retry
     */
    PublishedChange publish(ImprovementRequest request, ReviewDecision approval);
}
