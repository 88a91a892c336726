package dev.kaizen4j.review.contract;

import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.Severity;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.team.PromptField;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic improvement requests for back-channel tests: prompt refinements, code changes, oversized ones. */
public final class ContractRequests {

    /** The time every request is dated with. */
    public static final Instant NOW = Instant.parse("2025-06-16T09:00:00Z");
    /** The team every request belongs to. */
    public static final String TEAM = "marketing-team";

    private ContractRequests() {}

    /** A refinement of the content creator's system prompt adding {@code lesson}; the lesson sets the fingerprint. */
    public static PromptRefinement promptRefinement(String lesson) {
        return new PromptRefinement(TEAM, "content_creator", PromptField.SYSTEM_PROMPT,
                "You write engaging marketing content for {brand}.",
                "You write engaging marketing content for {brand}.\n\nLessons from past tasks:\n- " + lesson + "\n",
                "'content tasks mention the target keyword' missed in 73% of applicable tasks (44 of 60)",
                List.of("check:seo-keywords"));
    }

    /** A change of a constant in the market researcher's source, in the adjust-parameters category. */
    public static CodeModification codeModification() {
        String current = "class Researcher {\n    private static final int MAX_SEARCH_RETRIES = 0;\n}\n";
        return new CodeModification(TEAM, "market_researcher", "agents/MarketResearcher.java", current,
                current.replace("= 0;", "= 2;"), "web_search failed in 41% of calls (37 of 90)",
                ModificationCategory.ADJUST_PARAMETERS, List.of("tool-errors:web_search"));
    }

    /** The finding behind the prompt refinement, with one piece of evidence. */
    public static Finding finding() {
        return new Finding("check:seo-keywords", "check",
                "'content tasks mention the target keyword' missed in 73% of applicable tasks (44 of 60)",
                Severity.HIGH, List.of("content_creator"), 44, 60,
                List.of(new Evidence("TASK-003", 4, "Here is the draft of the blog post about our new line.")));
    }

    /** A full request for {@code proposal}, with a finding, metrics and one discussion turn. */
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

    /** A request for the {@link #codeModification() code change}. */
    public static ImprovementRequest codeRequest() {
        return request(codeModification());
    }

    /** A prompt refinement whose lesson alone is {@code characters} long: larger than chat and issue limits. */
    public static ImprovementRequest oversized(int characters) {
        StringBuilder lesson = new StringBuilder("Always name the target keyword.");
        while (lesson.length() < characters) {
            lesson.append(" Check the brief for it, then use it in the title and the first paragraph.");
        }
        return request(lesson.toString());
    }
}
