package dev.kaizen4j.samples.cli;

import dev.kaizen4j.CycleError;
import dev.kaizen4j.CycleResult;
import dev.kaizen4j.DecisionUpdate;
import dev.kaizen4j.ProposalOutcome;
import dev.kaizen4j.analysis.AgentMetrics;
import dev.kaizen4j.analysis.AgentRanking;
import dev.kaizen4j.analysis.DailyMetrics;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.PromptVersionMetrics;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.llm.LlmCall;
import dev.kaizen4j.llm.LlmUsage;
import dev.kaizen4j.source.SourceProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Prints reports and cycle results as readable text. */
final class ReportPrinter {

    private static final int ATTRIBUTIONS_SHOWN = 10;

    private final PrintWriter out;

    ReportPrinter(PrintWriter out) {
        this.out = out;
    }

    void report(EffectivenessReport report) {
        metrics(report.metrics());
        daily(report.daily());
        promptVersions(report.promptVersions());
        agents(report.agents());
        findings(report.findings());
        ranking(report.ranking());
        attributions(report.attributions());
    }

    void metrics(TeamMetrics m) {
        heading("Team metrics: " + m.team() + (m.from() == null ? "" : " (" + m.from() + " .. " + m.to() + ")"));
        row("tasks", Integer.toString(m.tasksTotal()));
        row("completed / failed", m.tasksCompleted() + " / " + m.tasksFailed());
        row("success rate", percent(m.successRate()));
        row("avg completion time", seconds(m.averageCompletionSeconds()));
        row("duration p50 / p95", seconds(m.p50DurationSeconds()) + " / " + seconds(m.p95DurationSeconds()));
        row("collaboration score", String.format(Locale.ROOT, "%.2f", m.collaborationScore()));
        row("error rate", percent(m.errorRate()));
        row("turns per task", String.format(Locale.ROOT, "%.1f", m.turnsPerTask()));
        row("tool calls / error rate", m.toolCalls() + " / " + percent(m.toolErrorRate()));
        row("tokens per task", m.tokensPerTask() == null ? "not logged" : String.format(Locale.ROOT, "%.0f", m.tokensPerTask()));
        row("improvement suggestions", Integer.toString(m.improvementSuggestions()));
    }

    void daily(List<DailyMetrics> days) {
        if (days.size() < 2) {
            return;
        }
        heading("Per day");
        out.printf(Locale.ROOT, "  %-10s %6s %6s %8s %9s %7s %8s %7s%n", "day", "tasks", "failed", "success",
                "avg time", "errors", "toolErr", "collab");
        for (DailyMetrics day : days) {
            TeamMetrics m = day.metrics();
            out.printf(Locale.ROOT, "  %-10s %6d %6d %8s %9s %7s %8s %7.2f%n", day.day(), m.tasksTotal(), m.tasksFailed(),
                    percent(m.successRate()), seconds(m.averageCompletionSeconds()), percent(m.errorRate()),
                    percent(m.toolErrorRate()), m.collaborationScore());
        }
    }

    void promptVersions(List<PromptVersionMetrics> versions) {
        if (versions.isEmpty()) {
            return;
        }
        heading("Per prompt version (metadata.prompt_version)");
        out.printf(Locale.ROOT, "  %-20s %-14s %6s %6s %8s %9s %7s%n", "agent", "version", "tasks", "failed", "success",
                "avg time", "errors");
        for (PromptVersionMetrics version : versions) {
            TeamMetrics m = version.metrics();
            out.printf(Locale.ROOT, "  %-20s %-14s %6d %6d %8s %9s %7s%n", version.agent(), version.version(),
                    m.tasksTotal(), m.tasksFailed(), percent(m.successRate()), seconds(m.averageCompletionSeconds()),
                    percent(m.errorRate()));
        }
    }

    void agents(List<AgentMetrics> agents) {
        heading("Agents");
        out.printf(Locale.ROOT, "  %-20s %8s %6s %7s %6s %6s %8s %7s%n", "agent", "messages", "tools", "toolErr",
                "errors", "tasks", "success", "blame");
        for (AgentMetrics a : agents) {
            out.printf(Locale.ROOT, "  %-20s %8d %6d %7d %6d %6d %8s %7s%n", a.agent(), a.messages(), a.toolCalls(),
                    a.toolErrors(), a.errors(), a.tasksInvolved(), percent(a.taskSuccessRate()), percent(a.blameShare()));
        }
    }

    void findings(List<Finding> findings) {
        heading("Findings");
        if (findings.isEmpty()) {
            out.println("  none");
        }
        for (Finding finding : findings) {
            out.printf(Locale.ROOT, "  [%s] %s%n", finding.severity(), finding.title());
            out.printf(Locale.ROOT, "         agents: %s; id: %s%n", String.join(", ", finding.agents()), finding.id());
            for (Evidence evidence : finding.evidence().stream().limit(3).toList()) {
                out.printf(Locale.ROOT, "         %s step %d: %s%n", evidence.taskId(), evidence.step(),
                        oneLine(evidence.excerpt()));
            }
        }
    }

    void ranking(List<AgentRanking> ranking) {
        heading("Agents that need work");
        if (ranking.isEmpty()) {
            out.println("  none");
        }
        int place = 1;
        for (AgentRanking ranked : ranking) {
            out.printf(Locale.ROOT, "  %d. %-20s score %.1f  (%s)%n", place++, ranked.agent(), ranked.score(),
                    String.join("; ", ranked.reasons()));
        }
    }

    void attributions(List<FailureAttribution> attributions) {
        heading("Failure attribution (" + attributions.size() + " failed tasks)");
        for (FailureAttribution a : attributions.stream().limit(ATTRIBUTIONS_SHOWN).toList()) {
            out.printf(Locale.ROOT, "  %-10s %-20s step %-3d %.2f  %s%n", a.taskId(), a.agent(), a.step(),
                    a.confidence(), oneLine(a.reason()));
        }
        if (attributions.size() > ATTRIBUTIONS_SHOWN) {
            out.printf(Locale.ROOT, "  ... %d more in --report-json%n", attributions.size() - ATTRIBUTIONS_SHOWN);
        }
    }

    void skipped(List<SourceProblem> problems, long count) {
        if (count == 0) {
            return;
        }
        heading("Skipped input (" + count + " lines)");
        problems.stream().limit(10).forEach(problem -> out.println("  " + problem));
        if (count > 10) {
            out.printf(Locale.ROOT, "  ... %d more%n", count - 10);
        }
    }

    void cycle(CycleResult result) {
        report(result.report());
        plan(result.plan());
        heading("Proposals (" + result.outcomes().size() + ")");
        if (result.outcomes().isEmpty()) {
            out.println("  none");
        }
        for (ProposalOutcome outcome : result.outcomes()) {
            out.printf(Locale.ROOT, "%n  %s  %s%n", outcome.requestId(), outcome.proposal().summary());
            out.printf(Locale.ROOT, "  status: %s — %s%n", outcome.status().name().toLowerCase(Locale.ROOT),
                    outcome.note());
            out.println("  rationale: " + oneLine(outcome.proposal().rationale()));
            outcome.proposal().diff().lines().forEach(line -> out.println("    " + line));
        }
        for (ProposalOutcome retried : result.retried()) {
            out.printf(Locale.ROOT, "  retried %s: %s — %s%n", retried.requestId(),
                    retried.status().name().toLowerCase(Locale.ROOT), retried.note());
        }
        for (DecisionUpdate update : result.decisions()) {
            out.printf(Locale.ROOT, "  decision on %s: %s by %s%s%n", update.requestId(),
                    update.decision().verdict().name().toLowerCase(Locale.ROOT), update.decision().reviewer(),
                    update.published() == null ? "" : ", published: " + update.published().reference());
        }
        heading("Summary");
        out.printf(Locale.ROOT, "  %d proposed, %d submitted, %d rejected by validation, %d duplicates suppressed,"
                        + " %d rate limited, %d pending retry%n",
                result.outcomes().size(), result.submitted().size(), result.rejectedByValidation().size(),
                result.suppressedAsDuplicate().size(), result.suppressedByRateLimit().size(),
                result.pendingSubmission().size());
        llm(result.llmUsage());
        errors(result.errors());
        skipped(result.skippedInput(), result.skippedInputCount());
    }

    void llm(LlmUsage usage) {
        if (usage.calls().isEmpty()) {
            return;
        }
        heading("LLM calls (" + usage.calls().size() + ")");
        out.printf(Locale.ROOT, "  %-36s %9s %9s %9s  %s%n", "purpose", "est. in", "in", "out", "result");
        for (LlmCall call : usage.calls()) {
            out.printf(Locale.ROOT, "  %-36s %9d %9s %9s  %s%n", call.purpose(), call.estimatedInputTokens(),
                    tokens(call.inputTokens()), tokens(call.outputTokens()),
                    call.succeeded() ? "ok" : oneLine(String.valueOf(call.error())));
        }
        out.printf(Locale.ROOT, "  tokens this cycle: %d in (estimated %d), %d out%n", usage.inputTokens(),
                usage.estimatedInputTokens(), usage.outputTokens());
    }

    void errors(List<CycleError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        heading("Errors (" + errors.size() + ")");
        errors.forEach(error -> out.println("  " + error.toString().replace('\n', ' ')));
    }

    void plan(ImprovementPlan plan) {
        heading("Discussion");
        for (DiscussionTurn turn : plan.transcript()) {
            out.printf(Locale.ROOT, "  %s: %s%n", turn.speaker(), turn.message());
        }
    }

    private void heading(String text) {
        out.println();
        out.println(text);
        out.println("-".repeat(Math.min(text.length(), 100)));
    }

    private void row(String name, String value) {
        out.printf(Locale.ROOT, "  %-26s %s%n", name, value);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String seconds(double seconds) {
        return seconds >= 120 ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
                : String.format(Locale.ROOT, "%.0f s", seconds);
    }

    private static String tokens(@Nullable Integer count) {
        return count == null ? "-" : count.toString();
    }

    private static String oneLine(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 140 ? line.substring(0, 139) + "…" : line;
    }
}
