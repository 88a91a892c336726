package dev.kaizen4j.proposal;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.team.PromptField;
import java.util.List;

/**
 * A change to one prompt text of an agent.
 *
 * @param team the team
 * @param agent the agent
 * @param field which prompt text
 * @param current its current text
 * @param proposed the proposed text
 * @param rationale why, tied to evidence
 * @param evidence finding ids, task ids and rates behind the rationale
 */
public record PromptRefinement(
        String team, String agent, PromptField field, String current, String proposed, String rationale,
        List<String> evidence) implements Proposal {

    public PromptRefinement {
        requireNonNull(team, "team");
        requireNonNull(agent, "agent");
        requireNonNull(field, "field");
        requireNonNull(current, "current");
        requireNonNull(proposed, "proposed");
        requireNonNull(rationale, "rationale");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    @Override
    public String target() {
        return "agents/" + agent + "/" + field.key();
    }

    @Override
    public String before() {
        return current;
    }

    @Override
    public String after() {
        return proposed;
    }

    @Override
    public String summary() {
        return "refine " + agent + " " + field.key();
    }
}
