package dev.kaizen4j.discussion;

import java.util.List;

/**
 * The outcome of the manager-led discussion.
 *
 * @param wentWell what the team did well
 * @param struggles where it struggled
 * @param improvements the improvements to pursue, in priority order
 * @param transcript the discussion, turn by turn
 */
public record ImprovementPlan(
        List<String> wentWell, List<String> struggles, List<PlannedImprovement> improvements,
        List<DiscussionTurn> transcript) {

    public ImprovementPlan {
        wentWell = List.copyOf(wentWell);
        struggles = List.copyOf(struggles);
        improvements = List.copyOf(improvements);
        transcript = List.copyOf(transcript);
    }

    /** A plan with nothing to do. */
    public static ImprovementPlan empty() {
        return new ImprovementPlan(List.of(), List.of(), List.of(), List.of());
    }
}
