/**
 * Kaizen4j: safe, human-reviewed self-improvement for teams of AI agents.
 *
 * <p>{@link dev.kaizen4j.ImprovementCycle} wires the stages together: a
 * {@link dev.kaizen4j.source.ConversationSource} feeds an
 * {@link dev.kaizen4j.analysis.EffectivenessAnalyzer}, a
 * {@link dev.kaizen4j.discussion.Facilitator} turns the report into a plan, a
 * {@link dev.kaizen4j.proposal.ProposalGenerator} writes proposals, validators check them and a
 * {@link dev.kaizen4j.review.BackChannel} takes them to humans. Every step is recorded in an
 * {@link dev.kaizen4j.ledger.ImprovementLedger}.
 */
@NullMarked
package dev.kaizen4j;

import org.jspecify.annotations.NullMarked;
