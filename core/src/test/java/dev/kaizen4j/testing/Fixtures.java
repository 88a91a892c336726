package dev.kaizen4j.testing;

import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.Severity;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.team.PromptField;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Values shared by tests across modules. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2025-06-16T09:00:00Z");
    public static final String TEAM = "marketing-team";

    private Fixtures() {}

    public static PromptRefinement promptRefinement(String lesson) {
        return new PromptRefinement(TEAM, "content_creator", PromptField.SYSTEM_PROMPT,
                "You write engaging marketing content for {brand}.",
                "You write engaging marketing content for {brand}.\n\nLessons from past tasks:\n- " + lesson + "\n",
                "'content tasks mention the target keyword' missed in 73% of applicable tasks (44 of 60)",
                List.of("check:seo-keywords"));
    }

    public static CodeModification codeModification() {
        String current = "class Researcher {\n    private static final int MAX_SEARCH_RETRIES = 0;\n}\n";
        return new CodeModification(TEAM, "market_researcher", "agents/MarketResearcher.java", current,
                current.replace("= 0;", "= 2;"), "web_search failed in 41% of calls (37 of 90)",
                ModificationCategory.ADJUST_PARAMETERS, List.of("tool-errors:web_search"));
    }

    public static Finding finding() {
        return new Finding("check:seo-keywords", "check",
                "'content tasks mention the target keyword' missed in 73% of applicable tasks (44 of 60)",
                Severity.HIGH, List.of("content_creator"), 44, 60,
                List.of(new Evidence("TASK-003", 4, "Here is the draft of the blog post about our new line.")));
    }

    public static ImprovementRequest request(Proposal proposal) {
        return new ImprovementRequest(ImprovementRequest.idFor(proposal), proposal.fingerprint(), proposal.team(),
                ImprovementRequest.titleFor(proposal), proposal, List.of(finding()),
                Map.of("success_rate", 0.58, "error_rate", 0.07),
                List.of(new DiscussionTurn("manager", "Content keeps missing the target keyword.")), NOW);
    }

    /** A request for a prompt refinement whose lesson (and so fingerprint) is {@code lesson}. */
    public static ImprovementRequest request(String lesson) {
        return request(promptRefinement(lesson));
    }

    public static ConversationEvent event(String taskId, String agent, MessageType type, String message,
            Map<String, Object> metadata) {
        return new ConversationEvent(NOW, TEAM, taskId, agent, message, type, null, metadata);
    }
}
