package dev.kaizen4j.ledger;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable outbox and audit trail of improvement requests: an append-only list of transitions.
 * Implementations must make an entry durable before {@link #append} returns, and refuse entries
 * that break the life cycle ({@link LedgerTransitions}).
 *
 * <p>Thread safety: implementations must be safe for concurrent use by several threads, and a
 * ledger shared by several processes (a file, a database) must make {@link #append} and
 * {@link #appendIfAbsent} atomic across them: the check and the write happen under one lock or
 * transaction. {@link FileImprovementLedger} and {@link InMemoryImprovementLedger} are.
 */
public interface ImprovementLedger {

    /**
     * Appends a transition, after checking it against the request's current state.
     *
     * @throws IllegalTransitionException if the request may not enter the entry's status from its
     *     current one (decided twice, anything after a final status)
     * @throws dev.kaizen4j.KaizenException if the entry names an unknown request without carrying it,
     *     or the ledger cannot be written
     */
    void append(LedgerEntry entry);

    /**
     * Claims the entry's fingerprint: appends the entry (the first entry of a request, carrying it)
     * unless a request with the same fingerprint is already recorded, all in one atomic step, so
     * that of several threads or runtimes proposing the same change exactly one goes on to submit
     * it. A request that went nowhere ({@link LedgerTransitions#leavesFingerprintFree}, such as one
     * rejected by validation) does not hold its fingerprint.
     *
     * <p>The default implementation checks and appends under this object's monitor, which is atomic
     * only among callers of this method on this instance; implementations shared by several
     * instances or processes override it.
     *
     * @return true if the entry was appended, false if another request holds the fingerprint
     * @throws dev.kaizen4j.KaizenException if the entry does not carry its request, or the ledger
     *     cannot be written
     */
    default boolean appendIfAbsent(LedgerEntry entry) {
        requireNonNull(entry, "entry");
        if (entry.request() == null) {
            throw KaizenException.invalidInput("a claim on fingerprint " + entry.fingerprint()
                    + " must carry the request " + entry.requestId());
        }
        synchronized (this) {
            boolean held = findByFingerprint(entry.fingerprint())
                    .filter(holder -> !LedgerTransitions.leavesFingerprintFree(holder.status()))
                    .isPresent();
            if (held) {
                return false;
            }
            append(entry);
            return true;
        }
    }

    /**
     * The requests of {@code team} to submit again: those waiting for submission, and those submitted to only
     * some channels of a composite. A ledger shared by several runtimes claims them for {@code holder} until
     * {@code now + hold}, so that a runtime asking in that time, or at the same moment, is not given them; a
     * claim ends when the request moves on or the time passes, so a runtime that dies frees its requests.
     * The default claims nothing and returns them all, which suits a ledger one runtime uses at a time.
     *
     * @return the requests, in the order they were first recorded
     */
    default List<RequestRecord> claimRetries(String team, String holder, Instant now, Duration hold) {
        requireNonNull(team, "team");
        requireNonNull(holder, "holder");
        requireNonNull(now, "now");
        requireNonNull(hold, "hold");
        return records().stream()
                .filter(record -> record.request().team().equals(team))
                .filter(LedgerTransitions::awaitsSubmission)
                .toList();
    }

    /** Every request, in the order they were first recorded. */
    List<RequestRecord> records();

    /** The request with this id. */
    default Optional<RequestRecord> find(String requestId) {
        return records().stream().filter(record -> record.requestId().equals(requestId)).findFirst();
    }

    /** The request with this fingerprint. */
    default Optional<RequestRecord> findByFingerprint(String fingerprint) {
        return records().stream().filter(record -> record.fingerprint().equals(fingerprint)).findFirst();
    }
}
