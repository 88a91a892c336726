package dev.kaizen4j.publish;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import java.util.Optional;

/**
 * Turns an approved request into a change that flows through Git and review: a pull request or a
 * patch. Nothing is applied to a running agent. Implementations are idempotent per request. Plugins
 * make theirs known by name with a {@link dev.kaizen4j.spi.ChangePublisherProvider}.
 *
 * <p>Thread safety: implementations must be safe for concurrent calls, and idempotent even when two
 * runtimes publish the same approved request at the same moment (after a crash between publishing and
 * recording it, or when a cycle and {@code kaizen4j review sync} overlap): the ledger then records one
 * publication, and the change must exist once. {@link PatchFileChangePublisher} rewrites the same
 * patch atomically.
 *
 * <p>A publisher that can tell whether its change was merged (a pull request) overrides
 * {@link #statusOf}; {@code DecisionSync} then records merges and unmerged closes in the ledger.
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
