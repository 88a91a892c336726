package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.validation.ValidationResult;
import org.jspecify.annotations.Nullable;

/**
 * What became of one proposal in a cycle.
 *
 * @param proposal the proposal
 * @param requestId its request id
 * @param status {@code REJECTED_BY_VALIDATION}, {@code SUPPRESSED_*}, {@code PENDING_SUBMISSION} (the
 *     submission failed and will be retried), {@code SUBMITTED} or {@code APPROVED} (auto-approved)
 * @param validation the validators' verdict
 * @param submission where it was submitted, or why it could not be, when it was attempted
 * @param note a human-readable explanation
 */
public record ProposalOutcome(
        Proposal proposal, String requestId, RequestStatus status, ValidationResult validation,
        @Nullable Submission submission, String note) {

    public ProposalOutcome {
        requireNonNull(proposal, "proposal");
        requireNonNull(requestId, "requestId");
        requireNonNull(status, "status");
        requireNonNull(validation, "validation");
        requireNonNull(note, "note");
    }
}
