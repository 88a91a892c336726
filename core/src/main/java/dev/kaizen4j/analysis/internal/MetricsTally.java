package dev.kaizen4j.analysis.internal;

import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.model.Conversation;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Accumulates the team metrics of a set of tasks; memory is one double per task (for the percentiles). */
public final class MetricsTally {

    private double[] durations = new double[64];
    private int tasks;
    private int completed;
    private int failed;
    private double completedSeconds;
    private long events;
    private long errorEvents;
    private long agentTurns;
    private long toolCalls;
    private long toolResults;
    private long toolResultErrors;
    private long tokens;
    private int tasksWithTokens;
    private long participation;
    private @Nullable Instant from;
    private @Nullable Instant to;
    private int suggestions;

    /** Adds one task's measures. */
    public void add(Conversation task, TaskMeasures measures) {
        if (tasks == durations.length) {
            durations = Arrays.copyOf(durations, tasks * 2);
        }
        double seconds = task.durationSeconds();
        durations[tasks++] = seconds;
        from = from == null || task.start().isBefore(from) ? task.start() : from;
        to = to == null || task.end().isAfter(to) ? task.end() : to;
        if (task.outcome().isCompleted()) {
            completed++;
            completedSeconds += seconds;
        } else if (task.outcome().isFailed()) {
            failed++;
        }
        events += measures.events();
        errorEvents += measures.errorEvents();
        agentTurns += measures.agentTurns();
        toolCalls += measures.toolCalls();
        toolResults += measures.toolResults();
        toolResultErrors += measures.toolResultErrors();
        if (measures.tokens() >= 0) {
            tokens += measures.tokens();
            tasksWithTokens++;
        }
        participation += measures.teamAgentsTakingPart();
    }

    public void suggestions(int count) {
        suggestions = count;
    }

    /** The metrics, with the collaboration score relative to a team of {@code teamSize} agents. */
    public TeamMetrics metrics(String team, int teamSize) {
        double[] sorted = Arrays.copyOf(durations, tasks);
        Arrays.sort(sorted);
        return new TeamMetrics(team, from, to, tasks, completed, failed, ratio(completed, tasks),
                completed == 0 ? 0 : completedSeconds / completed, percentile(sorted, 50), percentile(sorted, 95),
                tasks == 0 || teamSize == 0 ? 0 : Math.min(1, (double) participation / tasks / teamSize),
                ratio(errorEvents, events), tasks == 0 ? 0 : (double) agentTurns / tasks, toolCalls,
                ratio(toolResultErrors, toolResults), tasksWithTokens == 0 ? null : (double) tokens / tasksWithTokens,
                suggestions, events);
    }

    /** Nearest-rank percentile of the sorted durations; 0 when empty. */
    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ratio(long count, long total) {
        return total == 0 ? 0 : (double) count / total;
    }

    /**
     * The counts of one task.
     *
     * @param tokens summed {@code metadata.tokens}, or -1 when the task logged none
     * @param teamAgentsTakingPart distinct agents of the team that wrote at least one message
     */
    public record TaskMeasures(long events, long errorEvents, long agentTurns, long toolCalls, long toolResults,
            long toolResultErrors, long tokens, int teamAgentsTakingPart) {}
}
