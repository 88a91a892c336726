package dev.kaizen4j.discussion;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One improvement the team agreed to pursue.
 *
 * @param priority 1 for the most important
 * @param agent the agent to improve
 * @param goal what should change, in words
 * @param findingIds the findings it answers
 * @param evidence task ids and rates supporting it
 */
public record PlannedImprovement(int priority, String agent, String goal, List<String> findingIds, List<String> evidence) {

    public PlannedImprovement {
        requireNonNull(agent, "agent");
        requireNonNull(goal, "goal");
        findingIds = List.copyOf(findingIds);
        evidence = List.copyOf(evidence);
    }
}
