package dev.kaizen4j.discussion;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.team.TeamSpec;
import java.util.List;

/**
 * Leads the team's improvement discussion: the manager reviews the report, the agents that need
 * work reflect on the evidence about them, and the manager settles on a plan.
 *
 * <p>Thread safety: a cycle calls its facilitator from the thread running the cycle; a facilitator
 * shared by several cycles must be safe for concurrent calls. {@link RuleBasedFacilitator} keeps no
 * state; the LLM facilitator belongs to its {@code LlmAssistant}, which serves one cycle at a time.
 */
@FunctionalInterface
public interface Facilitator {

    /**
     * @param report the analysis of the window
     * @param team the team, with its manager and prompts
     * @param reviewerFeedback notes from humans who asked for more work on earlier requests
     */
    ImprovementPlan facilitate(EffectivenessReport report, TeamSpec team, List<String> reviewerFeedback);
}
