package dev.kaizen4j.review;

/**
 * Receives decisions a back-channel learns of as events (a button pressed in a chat, a webhook call)
 * instead of by polling. The listener records them in the ledger; the channel keeps no state of its
 * own for them. {@link dev.kaizen4j.DecisionSync#listener} is the usual listener.
 *
 * <p>Implementations are safe to call from any thread, including the channel's event threads.
 */
@FunctionalInterface
public interface DecisionListener {

    /**
     * A human decided on a request.
     *
     * @param channel the {@link BackChannel#name() name} of the channel the decision came from; a
     *     decision on a request that was not submitted there is ignored
     * @param requestId the request
     * @param decision the decision
     */
    void decided(String channel, String requestId, ReviewDecision decision);
}
