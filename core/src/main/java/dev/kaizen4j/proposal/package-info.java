/**
 * Proposed changes: {@link dev.kaizen4j.proposal.PromptRefinement}s and
 * {@link dev.kaizen4j.proposal.CodeModification}s, each with a unified diff and a stable
 * fingerprint, and the {@link dev.kaizen4j.proposal.ProposalGenerator} that writes them.
 */
@NullMarked
package dev.kaizen4j.proposal;

import org.jspecify.annotations.NullMarked;
