package dev.kaizen4j.testing;

import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import java.time.Instant;
import java.util.Map;

/** Values shared by core's tests; the requests are the contract kit's ({@link ContractRequests}). */
public final class Fixtures {

    public static final Instant NOW = ContractRequests.NOW;
    public static final String TEAM = ContractRequests.TEAM;

    private Fixtures() {}

    public static PromptRefinement promptRefinement(String lesson) {
        return ContractRequests.promptRefinement(lesson);
    }

    public static CodeModification codeModification() {
        return ContractRequests.codeModification();
    }

    public static Finding finding() {
        return ContractRequests.finding();
    }

    public static ImprovementRequest request(Proposal proposal) {
        return ContractRequests.request(proposal);
    }

    /** A request for a prompt refinement whose lesson (and so fingerprint) is {@code lesson}. */
    public static ImprovementRequest request(String lesson) {
        return ContractRequests.request(lesson);
    }

    public static ConversationEvent event(String taskId, String agent, MessageType type, String message,
            Map<String, Object> metadata) {
        return new ConversationEvent(NOW, TEAM, taskId, agent, message, type, null, metadata);
    }

    /**
     * Records {@code request} in {@code ledger} along the life cycle the ledger enforces, pending,
     * submitted to {@code submission}'s channel, approved, published, and returns the published record.
     */
    public static RequestRecord published(ImprovementLedger ledger, ImprovementRequest request, Submission submission) {
        ledger.append(LedgerEntry.of(NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        ledger.append(LedgerEntry.transition(NOW, ledger.find(request.id()).orElseThrow(), RequestStatus.SUBMITTED,
                "submitted").withSubmission(submission));
        ReviewDecision approval = new ReviewDecision(Verdict.APPROVED, "reviewer", "ship it", NOW);
        ledger.append(LedgerEntry.transition(NOW, ledger.find(request.id()).orElseThrow(), RequestStatus.APPROVED,
                "approved").withDecision(approval));
        ledger.append(LedgerEntry.transition(NOW, ledger.find(request.id()).orElseThrow(), RequestStatus.PUBLISHED,
                "published: " + request.id() + ".patch"));
        return ledger.find(request.id()).orElseThrow();
    }
}
