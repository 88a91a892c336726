package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How well a team worked over a window. Every rate is a fraction in {@code [0, 1]}.
 *
 * @param team the team
 * @param from the first task start seen, or null when there were no tasks
 * @param to the last event seen, or null when there were no tasks
 * @param tasksTotal tasks seen
 * @param tasksCompleted tasks whose outcome was success
 * @param tasksFailed tasks whose outcome was failure, partial or abandoned
 * @param successRate {@code tasksCompleted / tasksTotal}
 * @param averageCompletionSeconds mean duration of the completed tasks (logged
 *     {@code duration_seconds}, else first to last event)
 * @param p50DurationSeconds median duration of all tasks (nearest rank)
 * @param p95DurationSeconds 95th percentile duration of all tasks (nearest rank)
 * @param collaborationScore mean over tasks of the distinct agents that spoke in the task divided by
 *     the agents of the team (those in the spec, or else those seen in the window)
 * @param errorRate events reporting an error ({@code error} events or a {@code metadata.error})
 *     divided by all events
 * @param turnsPerTask agent messages (events neither from system/user/human nor tool results) per task
 * @param toolCalls {@code tool_call} events
 * @param toolErrorRate {@code tool_result} events with an error divided by {@code tool_result}
 *     events
 * @param tokensPerTask {@code metadata.tokens} summed and divided by the tasks that logged tokens,
 *     or null when none did
 * @param improvementSuggestions findings that call for a change
 * @param events events seen, all speakers and types included
 */
public record TeamMetrics(
        String team,
        @Nullable Instant from,
        @Nullable Instant to,
        int tasksTotal,
        int tasksCompleted,
        int tasksFailed,
        double successRate,
        double averageCompletionSeconds,
        double p50DurationSeconds,
        double p95DurationSeconds,
        double collaborationScore,
        double errorRate,
        double turnsPerTask,
        long toolCalls,
        double toolErrorRate,
        @Nullable Double tokensPerTask,
        int improvementSuggestions,
        long events) {

    public TeamMetrics {
        requireNonNull(team, "team");
    }
}
