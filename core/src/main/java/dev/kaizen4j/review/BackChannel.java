package dev.kaizen4j.review;

import java.util.List;
import java.util.Optional;

/**
 * Takes improvement requests to humans and reads their decisions back. Implementations exist for
 * files (in core), Slack, GitHub and Supabase; {@link #composite(BackChannel...)} fans a request
 * out to several.
 *
 * <p>Contract for implementers:
 * <ul>
 *   <li>{@link #submit} is idempotent on {@link ImprovementRequest#fingerprint()}: submitting the
 *       same request again returns the existing submission and creates nothing new;</li>
 *   <li>no method throws for a failure of the channel (network, authentication, rate limit): a
 *       failed submission is a {@link Submission#failed failed Submission}, a decision that cannot
 *       be read is an empty Optional, logged;</li>
 *   <li>secrets (tokens, keys) never appear in what is sent or logged.</li>
 * </ul>
 *
 * <p>Thread safety: implementations must be safe for concurrent calls of every method, also for the
 * same request: a cycle and a decision sync, or two runtimes retrying the same pending request after a
 * crash, may call {@link #submit} or {@link #decisionFor} at the same time. The ledger claims each new
 * request for one runtime, so concurrent submits of one request only follow a crash or an outage, and
 * rely on {@link #submit}'s idempotency on the fingerprint. {@link FileBackChannel} is thread-safe.
 */
public interface BackChannel {

    /** A short, stable name such as {@code file}, {@code slack} or {@code github}. */
    String name();

    /** Puts the request in front of humans, or says why it could not. */
    Submission submit(ImprovementRequest request);

    /** The decision humans made on a submitted request; empty while nobody has decided. */
    Optional<ReviewDecision> decisionFor(Submission submission);

    /** Tells the channel about a later change of the request's status, for channels that show it. */
    default void statusChanged(Submission submission, RequestStatus status, String note) {}

    /** A back-channel submitting every request to each of {@code channels}, in order. */
    static BackChannel composite(BackChannel... channels) {
        return new CompositeBackChannel(List.of(channels));
    }
}
