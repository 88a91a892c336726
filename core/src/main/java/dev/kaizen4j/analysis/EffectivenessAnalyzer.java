package dev.kaizen4j.analysis;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.team.TeamSpec;
import java.util.stream.Stream;

/**
 * Turns a team's conversations into an {@link EffectivenessReport}: metrics, findings, failure
 * attributions and the ranking of agents that need improvement.
 */
@FunctionalInterface
public interface EffectivenessAnalyzer {

    /**
     * Analyzes the conversations in one pass. Implementations must not hold every conversation in
     * memory: a window can hold millions of tasks.
     *
     * @param conversations the team's tasks; the caller closes the stream
     * @param team what is known of the team; may list no agents
     */
    EffectivenessReport analyze(Stream<Conversation> conversations, TeamSpec team);
}
