package dev.kaizen4j.discussion;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.analysis.AgentMetrics;
import dev.kaizen4j.analysis.AgentRanking;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.team.TeamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The offline facilitator: a scripted discussion driven by the report's ranking. The manager opens
 * with the metrics, each ranked agent reflects on the findings and failures attributed to it, and
 * the manager closes with one planned improvement per ranked agent, most in need first. Agents that
 * no finding names and that carry less than a minimum of (confidence-weighted) failure blame are
 * left alone.
 */
public final class RuleBasedFacilitator implements Facilitator {

    private final int maxImprovements;
    private final double minimumBlame;

    /**
     * @param maxImprovements how many agents the plan addresses at most
     * @param minimumBlame the summed confidence of attributed failures an agent needs to be addressed
     *     when no finding names it
     */
    public RuleBasedFacilitator(int maxImprovements, double minimumBlame) {
        if (maxImprovements < 1) {
            throw new IllegalArgumentException("maxImprovements must be positive: " + maxImprovements);
        }
        if (minimumBlame < 0) {
            throw new IllegalArgumentException("minimumBlame must not be negative: " + minimumBlame);
        }
        this.maxImprovements = maxImprovements;
        this.minimumBlame = minimumBlame;
    }

    /** A facilitator addressing at most three agents per cycle, each with a finding or a failure's worth of blame. */
    public static RuleBasedFacilitator create() {
        return new RuleBasedFacilitator(3, 1.0);
    }

    @Override
    public ImprovementPlan facilitate(EffectivenessReport report, TeamSpec team, List<String> reviewerFeedback) {
        requireNonNull(report, "report");
        requireNonNull(team, "team");
        String manager = team.manager() == null ? "manager" : team.manager();
        TeamMetrics metrics = report.metrics();
        List<DiscussionTurn> transcript = new ArrayList<>();
        transcript.add(new DiscussionTurn(manager, String.format(Locale.ROOT,
                "Let's review %d tasks: %d completed, %d failed (success rate %.0f%%). We found %d problems.",
                metrics.tasksTotal(), metrics.tasksCompleted(), metrics.tasksFailed(), metrics.successRate() * 100,
                report.findings().size())));
        for (String feedback : reviewerFeedback) {
            transcript.add(new DiscussionTurn(manager, "Reviewer feedback on an earlier request: " + feedback));
        }

        List<String> wentWell = new ArrayList<>();
        for (AgentMetrics agent : report.agents()) {
            if (agent.tasksInvolved() >= 3 && agent.failuresAttributed() == 0 && report.findingsFor(agent.agent()).isEmpty()
                    && team.agent(agent.agent()).isPresent()) {
                wentWell.add(String.format(Locale.ROOT, "%s took part in %d tasks with no failure attributed to it",
                        agent.agent(), agent.tasksInvolved()));
            }
        }
        List<String> struggles = report.findings().stream().map(Finding::title).toList();

        List<PlannedImprovement> improvements = new ArrayList<>();
        for (AgentRanking ranked : report.ranking()) {
            if (improvements.size() == maxImprovements) {
                break;
            }
            String agent = ranked.agent();
            List<Finding> findings = report.findingsFor(agent);
            List<FailureAttribution> failures = report.attributionsTo(agent);
            double blame = failures.stream().mapToDouble(FailureAttribution::confidence).sum();
            if (findings.isEmpty() && blame < minimumBlame) {
                // A stray low-confidence attribution is not enough to change an agent's prompt.
                continue;
            }
            transcript.add(new DiscussionTurn(agent, reflection(agent, findings, failures)));
            List<String> evidence = new ArrayList<>();
            findings.forEach(finding -> evidence.add(finding.id() + ": " + finding.title()));
            failures.stream().limit(5).forEach(failure -> evidence.add(failure.taskId() + " step " + failure.step()
                    + ": " + failure.reason()));
            String goal = findings.isEmpty()
                    ? agent + " should check its output against the task before finishing"
                    : agent + " should address: " + String.join("; ", findings.stream().map(Finding::title).toList());
            improvements.add(new PlannedImprovement(improvements.size() + 1, agent, goal,
                    findings.stream().map(Finding::id).toList(), evidence));
        }
        transcript.add(new DiscussionTurn(manager, improvements.isEmpty()
                ? "Nothing needs changing this time."
                : "Plan: " + String.join(" | ", improvements.stream()
                        .map(improvement -> improvement.priority() + ". " + improvement.goal()).toList())));
        return new ImprovementPlan(wentWell, struggles, improvements, transcript);
    }

    private static String reflection(String agent, List<Finding> findings, List<FailureAttribution> failures) {
        StringBuilder text = new StringBuilder();
        if (!failures.isEmpty()) {
            text.append(failures.size()).append(" failed tasks were attributed to me");
            text.append(" (for example ").append(failures.get(0).taskId()).append(": ")
                    .append(failures.get(0).reason()).append(")");
        }
        for (Finding finding : findings) {
            text.append(text.isEmpty() ? "" : ". ").append(finding.title());
        }
        if (text.isEmpty()) {
            text.append("I have no specific failures to discuss");
        }
        return text.append('.').toString();
    }
}
