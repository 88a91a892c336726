/**
 * The durable outbox and audit trail of every request's life: {@link dev.kaizen4j.ledger.ImprovementLedger}
 * and its file and in-memory implementations.
 */
@NullMarked
package dev.kaizen4j.ledger;

import org.jspecify.annotations.NullMarked;
