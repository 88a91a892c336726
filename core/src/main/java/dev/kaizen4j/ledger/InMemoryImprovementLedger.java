package dev.kaizen4j.ledger;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A ledger kept in memory, for tests and hosts that persist elsewhere.
 *
 * <p>Thread safety: thread-safe; every method runs under the instance's monitor, so
 * {@link #appendIfAbsent} is atomic among all threads using the instance.
 */
public final class InMemoryImprovementLedger implements ImprovementLedger {

    private final LedgerFold fold = new LedgerFold();

    /**
     * A ledger holding {@code entries} as they were recorded, in order, for ledgers that store entries
     * elsewhere (a database) and fold them into records. Each entry is checked for carrying its request
     * and keeping its fingerprint, not against the transition rules: those were checked when it was
     * appended, perhaps under older rules.
     *
     * @throws dev.kaizen4j.KaizenException when an entry names a request no earlier entry carried
     */
    public static InMemoryImprovementLedger replaying(Iterable<LedgerEntry> entries) {
        requireNonNull(entries, "entries");
        InMemoryImprovementLedger ledger = new InMemoryImprovementLedger();
        for (LedgerEntry entry : entries) {
            ledger.fold.apply(requireNonNull(entry, "entry"));
        }
        return ledger;
    }

    @Override
    public synchronized void append(LedgerEntry entry) {
        requireNonNull(entry, "entry");
        fold.checkAppend(entry);
        fold.apply(entry);
    }

    @Override
    public synchronized boolean appendIfAbsent(LedgerEntry entry) {
        requireNonNull(entry, "entry");
        if (!fold.isClaimable(entry)) {
            return false;
        }
        fold.checkAppend(entry);
        fold.apply(entry);
        return true;
    }

    @Override
    public synchronized List<RequestRecord> records() {
        return fold.records();
    }

    @Override
    public synchronized Optional<RequestRecord> find(String requestId) {
        return fold.find(requireNonNull(requestId, "requestId"));
    }

    @Override
    public synchronized Optional<RequestRecord> findByFingerprint(String fingerprint) {
        return fold.findByFingerprint(requireNonNull(fingerprint, "fingerprint"));
    }
}
