package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the analysis of a team's conversations found.
 *
 * @param team the team
 * @param metrics team metrics over the window
 * @param agents per-agent metrics, by agent name
 * @param findings findings, most severe first
 * @param attributions one per failed task that could be attributed, in log order
 * @param ranking agents that need improvement, most in need first
 * @param daily the metrics of each UTC day with tasks, oldest first
 * @param promptVersions the metrics per agent and prompt version ({@code metadata.prompt_version}),
 *     when the log holds more than one version of some agent's prompts; empty otherwise
 */
public record EffectivenessReport(
        String team,
        TeamMetrics metrics,
        List<AgentMetrics> agents,
        List<Finding> findings,
        List<FailureAttribution> attributions,
        List<AgentRanking> ranking,
        List<DailyMetrics> daily,
        List<PromptVersionMetrics> promptVersions) {

    public EffectivenessReport {
        requireNonNull(team, "team");
        requireNonNull(metrics, "metrics");
        agents = List.copyOf(agents);
        findings = List.copyOf(findings);
        attributions = List.copyOf(attributions);
        ranking = List.copyOf(ranking);
        daily = List.copyOf(daily);
        promptVersions = promptVersions == null ? List.of() : List.copyOf(promptVersions);
    }

    /** A report without metrics per prompt version. */
    public EffectivenessReport(String team, TeamMetrics metrics, List<AgentMetrics> agents, List<Finding> findings,
            List<FailureAttribution> attributions, List<AgentRanking> ranking, List<DailyMetrics> daily) {
        this(team, metrics, agents, findings, attributions, ranking, daily, List.of());
    }

    /** A report without per-day metrics. */
    public EffectivenessReport(String team, TeamMetrics metrics, List<AgentMetrics> agents, List<Finding> findings,
            List<FailureAttribution> attributions, List<AgentRanking> ranking) {
        this(team, metrics, agents, findings, attributions, ranking, List.of());
    }

    public Optional<AgentMetrics> agent(String name) {
        return agents.stream().filter(agent -> agent.agent().equals(name)).findFirst();
    }

    /** The findings that name {@code agent}. */
    public List<Finding> findingsFor(String agent) {
        return findings.stream().filter(finding -> finding.concerns(agent)).toList();
    }

    /** The failures attributed to {@code agent}. */
    public List<FailureAttribution> attributionsTo(String agent) {
        return attributions.stream().filter(attribution -> attribution.agent().equals(agent)).toList();
    }
}
