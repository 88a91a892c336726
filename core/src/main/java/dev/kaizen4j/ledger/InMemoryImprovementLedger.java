package dev.kaizen4j.ledger;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A ledger kept in memory, for tests and hosts that persist elsewhere. Thread-safe. */
public final class InMemoryImprovementLedger implements ImprovementLedger {

    private final LedgerFold fold = new LedgerFold();

    @Override
    public synchronized void append(LedgerEntry entry) {
        fold.apply(requireNonNull(entry, "entry"));
    }

    @Override
    public synchronized List<RequestRecord> records() {
        return fold.records();
    }
}
