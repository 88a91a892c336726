package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How well a team worked over a window (or one day). Every rate is a fraction in {@code [0, 1]}.
 * A task is the set of events sharing a {@code task_id}; an <em>agent message</em> is an event
 * written by neither {@code system}, {@code user}, {@code human} nor a tool (a {@code tool_result}
 * event, or a code executor such as {@code Computer_terminal} speaking).
 *
 * @param team the team
 * @param from the first task start seen, or null when there were no tasks
 * @param to the last event seen, or null when there were no tasks
 * @param tasksTotal tasks seen (tasks whose first event falls in the window)
 * @param tasksCompleted tasks whose last declared outcome is success
 * @param tasksFailed tasks whose last declared outcome is failure, partial or abandoned (tasks with
 *     no declared outcome count in neither)
 * @param successRate {@code tasksCompleted / tasksTotal}
 * @param averageCompletionSeconds mean duration of the completed tasks; a task's duration is the
 *     {@code metadata.duration_seconds} of its last outcome event, else first to last event
 * @param p50DurationSeconds median duration of all tasks (nearest rank)
 * @param p95DurationSeconds 95th percentile duration of all tasks (nearest rank)
 * @param collaborationScore mean over tasks of the share of the team's agents that wrote at least one
 *     message in the task; the team's agents are those of the team spec, or else every agent seen
 *     in the window (1.0: everyone took part in every task)
 * @param errorRate error events divided by all events; an error event is an {@code error} event,
 *     any event with a {@code metadata.error}, or a tool result that reports a failure (an error
 *     flag, or output such as {@code exitcode: 1}, a traceback, a timeout, an HTTP 4xx/5xx status)
 * @param turnsPerTask agent messages per task
 * @param toolCalls {@code tool_call} events written by agents
 * @param toolErrorRate tool results reporting a failure divided by tool results
 * @param tokensPerTask {@code metadata.tokens} summed over the tasks that logged any, divided by
 *     those tasks, or null when none did
 * @param improvementSuggestions findings in the report (each calls for a change); for one day, the
 *     report's findings seen in that day's tasks
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
