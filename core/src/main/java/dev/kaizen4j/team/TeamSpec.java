package dev.kaizen4j.team;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A team of agents: its name, manager, agents and host-defined checks.
 *
 * @param name the team name as it appears in logs ({@code team_name})
 * @param description what the team does
 * @param manager the name of the agent that leads discussions, if any
 * @param agents the agents
 * @param checks host-defined checks on the team's tasks
 * @param baseDirectory the directory agent source files are relative to, if the spec came from a file
 */
public record TeamSpec(
        String name,
        String description,
        @Nullable String manager,
        List<AgentSpec> agents,
        List<TaskCheckSpec> checks,
        @Nullable Path baseDirectory) {

    public TeamSpec {
        requireNonNull(name, "name");
        description = description == null ? "" : description;
        agents = List.copyOf(requireNonNull(agents, "agents"));
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** A spec that only names the team, for logs of a team nobody described. */
    public static TeamSpec named(String name) {
        return new TeamSpec(name, "", null, List.of(), List.of(), null);
    }

    public Optional<AgentSpec> agent(String agentName) {
        return agents.stream().filter(agent -> agent.name().equals(agentName)).findFirst();
    }

    /** The agent's spec, or a minimal one when the spec does not describe it. */
    public AgentSpec agentOrNamed(String agentName) {
        return agent(agentName).orElseGet(() -> AgentSpec.named(agentName));
    }

    /** The agent's source file resolved against the spec's directory, if both are known. */
    public Optional<Path> sourcePath(String agentName) {
        return agent(agentName)
                .map(AgentSpec::sourceFile)
                .map(file -> baseDirectory == null ? Path.of(file) : baseDirectory.resolve(file));
    }
}
