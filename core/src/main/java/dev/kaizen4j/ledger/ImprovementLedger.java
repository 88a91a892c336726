package dev.kaizen4j.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The durable outbox and audit trail of improvement requests: an append-only list of transitions.
 * Implementations must make an entry durable before {@link #append} returns.
 */
public interface ImprovementLedger {

    /**
     * Appends a transition.
     *
     * @throws dev.kaizen4j.KaizenException if the entry names an unknown request without carrying it,
     *     or the ledger cannot be written
     */
    void append(LedgerEntry entry);

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
