/**
 * The durable outbox and audit trail of every request's life: {@link dev.kaizen4j.ledger.ImprovementLedger}
 * and its file and in-memory implementations, with the life-cycle rules every append is checked
 * against ({@link dev.kaizen4j.ledger.LedgerTransitions}).
 */
@NullMarked
package dev.kaizen4j.ledger;

import org.jspecify.annotations.NullMarked;
