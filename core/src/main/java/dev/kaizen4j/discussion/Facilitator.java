package dev.kaizen4j.discussion;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.team.TeamSpec;
import java.util.List;

/**
 * Leads the team's improvement discussion: the manager reviews the report, the agents that need
 * work reflect on the evidence about them, and the manager settles on a plan.
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
