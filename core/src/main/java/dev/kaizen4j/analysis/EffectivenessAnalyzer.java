package dev.kaizen4j.analysis;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.team.TeamSpec;
import java.util.stream.Stream;

/**
 * Turns a team's conversations into an {@link EffectivenessReport}: metrics, findings, failure
 * attributions and the ranking of agents that need improvement.
 *
 * <p>Thread safety: a cycle calls its analyzer from the thread running the cycle; an analyzer shared
 * by several cycles must be safe for concurrent calls. {@link DefaultEffectivenessAnalyzer} keeps no
 * state between calls (it may use several threads inside one call).
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
