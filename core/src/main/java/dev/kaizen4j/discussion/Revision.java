package dev.kaizen4j.discussion;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.proposal.Proposal;

/**
 * An earlier request a reviewer sent back with "needs work": the next cycle's proposal for the same
 * agent and target should address the notes, and is submitted as a new request that revises it.
 *
 * @param requestId the earlier request
 * @param proposal the earlier proposal
 * @param reviewer who asked for more work
 * @param notes what the reviewer asked for
 */
public record Revision(String requestId, Proposal proposal, String reviewer, String notes) {

    public Revision {
        requireNonNull(requestId, "requestId");
        requireNonNull(proposal, "proposal");
        requireNonNull(reviewer, "reviewer");
        requireNonNull(notes, "notes");
    }

    /** Whether {@code candidate} changes what the earlier proposal changed: same kind, agent and target. */
    public boolean revisedBy(Proposal candidate) {
        return candidate.getClass() == proposal.getClass() && candidate.team().equals(proposal.team())
                && candidate.agent().equals(proposal.agent()) && candidate.target().equals(proposal.target());
    }
}
