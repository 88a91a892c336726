package dev.kaizen4j.review;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes improvement requests to humans and reads their decisions back. Core has the file channel
 * ({@link FileBackChannel}); {@code kaizen4j-notifier-github} has GitHub issues; other channels are
 * plugins, found by name through {@link dev.kaizen4j.spi.BackChannelProvider}.
 * {@link #composite(BackChannel...)} fans a request out to several.
 *
 * <p>Contract for implementers (pinned by the {@code BackChannelContract} test kit):
 * <ul>
 *   <li>{@link #submit} is idempotent on {@link ImprovementRequest#fingerprint()}, also across
 *       instances and restarts: submitting the same request again returns the existing submission and
 *       creates nothing new;</li>
 *   <li>no method throws for a failure of the channel (network, authentication, rate limit): a
 *       failed submission is a {@link Submission#failed failed Submission}, a decision that cannot
 *       be read is {@linkplain DecisionRead#unread() unread} in {@link #readDecisions} (and an empty
 *       Optional from {@link #decisionFor}, logged);</li>
 *   <li>secrets (tokens, keys) never appear in what is sent, returned or logged;</li>
 *   <li>{@link #name()} tells two instances of the same kind apart ({@code github:acme/agents}).</li>
 * </ul>
 *
 * <p>Thread safety: implementations must be safe for concurrent calls of every method, also for the
 * same request: a cycle and a decision sync, or two runtimes retrying the same pending request after a
 * crash, may call {@link #submit} or {@link #decisionFor} at the same time. The ledger claims each new
 * request for one runtime, so concurrent submits of one request only follow a crash or an outage, and
 * rely on {@link #submit}'s idempotency on the fingerprint. {@link FileBackChannel} is thread-safe.
 *
 * <p>Lifecycle: whoever creates a channel closes it. {@link dev.kaizen4j.ImprovementCycle} and
 * {@link dev.kaizen4j.DecisionSync} use the channel they are given and never close it; a composite
 * closes the channels it was made of.
 */
public interface BackChannel extends AutoCloseable {

    /**
     * A short, stable name such as {@code file} or {@code github:acme/agents}; two channels used
     * side by side have different names. Recorded with every submission.
     */
    String name();

    /** Puts the request in front of humans, or says why it could not. */
    Submission submit(ImprovementRequest request);

    /**
     * Submits a request again after an earlier attempt left {@code previous}. Channels made of several
     * (the {@link #composite composite}) submit only to the parts that failed; others submit again.
     */
    default Submission retry(ImprovementRequest request, Submission previous) {
        return submit(request);
    }

    /** The decision humans made on a submitted request; empty while nobody has decided. */
    Optional<ReviewDecision> decisionFor(Submission submission);

    /**
     * The decisions on many submitted requests, keyed by {@link Submission#requestId()}; undecided
     * requests are absent. The default asks {@link #decisionFor} for each; a channel that can read many
     * decisions in one call overrides it.
     */
    default Map<String, ReviewDecision> decisionsFor(Collection<Submission> submissions) {
        Map<String, ReviewDecision> decisions = new LinkedHashMap<>();
        for (Submission submission : submissions) {
            decisionFor(submission).ifPresent(decision -> decisions.put(submission.requestId(), decision));
        }
        return decisions;
    }

    /**
     * The decisions on many submitted requests, and the requests whose decision could not be read, with
     * why: what {@link dev.kaizen4j.DecisionSync} asks, so that a channel that cannot be read is reported
     * rather than taken for "nobody decided yet". The default asks {@link #decisionsFor}; if that throws,
     * it asks {@link #decisionFor} for each request, so that one unreadable request does not hide the
     * others' decisions, and reports those that throw. A channel that catches its own failures overrides
     * this method to report them.
     */
    default DecisionRead readDecisions(Collection<Submission> submissions) {
        try {
            return DecisionRead.of(decisionsFor(submissions));
        } catch (RuntimeException batchFailed) {
            return DecisionRead.each(submissions, this::decisionFor);
        }
    }

    /**
     * The part of {@code submission} that was made on this channel: the submission itself when this
     * channel made it, the matching {@linkplain Submission#parts() part} of a composite's, else empty.
     * Decisions are only asked of the channel a request was submitted to.
     */
    default Optional<Submission> addressed(Submission submission) {
        if (name().equals(submission.channel())) {
            return Optional.of(submission);
        }
        return submission.part(name()).filter(Submission::isSubmitted);
    }

    /** Tells the channel about a later change of the request's status, for channels that show it. */
    default void statusChanged(Submission submission, RequestStatus status, String note) {}

    /**
     * Hands decisions that reach the channel as events (buttons, webhooks) to {@code listener}.
     * Channels that only poll ignore it.
     */
    default void decisionsTo(DecisionListener listener) {}

    /**
     * Whether {@link #decisionsTo} listeners hear of decisions as they are made (buttons, webhooks), so a
     * host may wait for them instead of polling. False by default.
     */
    default boolean deliversDecisions() {
        return false;
    }

    /** Releases connections and threads; the default holds none. Never throws for a failure to release. */
    @Override
    default void close() {}

    /**
     * A back-channel submitting every request to each of {@code channels}; see
     * {@link CompositeBackChannel} for how submissions are tracked and conflicting decisions resolved.
     *
     * @throws IllegalArgumentException when two channels have the same {@link #name()}
     */
    static BackChannel composite(BackChannel... channels) {
        return new CompositeBackChannel(List.of(channels));
    }
}
