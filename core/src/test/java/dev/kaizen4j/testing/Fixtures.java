package dev.kaizen4j.testing;

import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.ImprovementRequest;
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
}
