package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An agent's place in the list of agents that need improvement.
 *
 * @param agent the agent
 * @param score higher means more in need; attributed failures plus the rates of findings naming it
 * @param reasons the finding ids and attribution counts behind the score
 */
public record AgentRanking(String agent, double score, List<String> reasons) {

    public AgentRanking {
        requireNonNull(agent, "agent");
        reasons = List.copyOf(reasons);
    }
}
