package dev.kaizen4j.publish;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;

/**
 * Turns an approved request into a change that flows through Git and review: a pull request or a
 * patch. Nothing is applied to a running agent. Implementations are idempotent per request and safe to
 * use from several threads. Plugins make theirs known by name with a
 * {@link dev.kaizen4j.spi.ChangePublisherProvider}.
 *
 * <p>Lifecycle: whoever creates a publisher closes it; {@link dev.kaizen4j.ImprovementCycle} and
 * {@link dev.kaizen4j.DecisionSync} never close the publisher they are given.
 */
@FunctionalInterface
public interface ChangePublisher extends AutoCloseable {

    /**
     * @param request the approved request
     * @param approval the approving decision
     * @throws dev.kaizen4j.KaizenException if publishing failed; the request stays approved for a retry
     */
    PublishedChange publish(ImprovementRequest request, ReviewDecision approval);

    /** Releases connections; the default holds none. Never throws for a failure to release. */
    @Override
    default void close() {}
}
