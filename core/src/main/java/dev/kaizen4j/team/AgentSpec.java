package dev.kaizen4j.team;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One agent of a team, in the shape agent frameworks use (CrewAI-style).
 *
 * @param name the agent's name as it appears in logs ({@code agent_name})
 * @param role its role
 * @param goal its goal
 * @param backstory its backstory
 * @param systemPrompt its system prompt
 * @param tools the tools it may call
 * @param sourceFile the path of its source code, relative to the team spec's directory, if known
 * @param parameters model and runtime parameters (temperature, max iterations, ...)
 */
public record AgentSpec(
        String name,
        String role,
        String goal,
        String backstory,
        String systemPrompt,
        List<String> tools,
        @Nullable String sourceFile,
        Map<String, Object> parameters) {

    public AgentSpec {
        requireNonNull(name, "name");
        role = role == null ? "" : role;
        goal = goal == null ? "" : goal;
        backstory = backstory == null ? "" : backstory;
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        tools = tools == null ? List.of() : List.copyOf(tools);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** A minimal spec for an agent seen in logs but not described by any team spec. */
    public static AgentSpec named(String name) {
        return new AgentSpec(name, "", "", "", "", List.of(), null, Map.of());
    }

    /** The current text of a prompt field. */
    public String prompt(PromptField field) {
        return switch (field) {
            case SYSTEM_PROMPT -> systemPrompt;
            case ROLE -> role;
            case GOAL -> goal;
            case BACKSTORY -> backstory;
        };
    }
}
