package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.analysis.DailyMetrics;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.notifier.supabase.internal.Intervals;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code team_effectiveness_metrics}: a team's figures for one UTC day, the same numbers
 * {@code kaizen4j run} prints per day.
 *
 * @param team column {@code team_name}
 * @param date column {@code metric_date}, a UTC day
 * @param tasksCompleted column {@code tasks_completed}: tasks started that day whose outcome is success
 * @param averageCompletionTime column {@code average_completion_time} (an {@code INTERVAL}): the mean
 *     duration of those tasks, or null when none was completed
 * @param collaborationScore column {@code collaboration_score}, in {@code [0, 1]}
 * @param errorRate column {@code error_rate}, in {@code [0, 1]}
 * @param improvementSuggestions column {@code improvement_suggestions}: the report's findings seen in
 *     that day's tasks
 */
public record DailyTeamMetrics(
        String team,
        LocalDate date,
        int tasksCompleted,
        @Nullable Duration averageCompletionTime,
        double collaborationScore,
        double errorRate,
        int improvementSuggestions) {

    public DailyTeamMetrics {
        requireNonNull(team, "team");
        requireNonNull(date, "date");
        if (team.isBlank()) {
            throw new IllegalArgumentException("the team name of the metrics of " + date + " is blank");
        }
        if (tasksCompleted < 0 || improvementSuggestions < 0) {
            throw new IllegalArgumentException("negative count in the metrics of " + team + " on " + date);
        }
        if (averageCompletionTime != null && averageCompletionTime.isNegative()) {
            throw new IllegalArgumentException("negative average completion time in the metrics of " + team
                    + " on " + date + ": " + averageCompletionTime);
        }
        if (!Double.isFinite(collaborationScore) || !Double.isFinite(errorRate)) {
            throw new IllegalArgumentException("collaboration score and error rate must be finite in the metrics of "
                    + team + " on " + date);
        }
    }

    /** The row of one day of {@code team}'s report. */
    public static DailyTeamMetrics of(String team, DailyMetrics day) {
        requireNonNull(team, "team");
        requireNonNull(day, "day");
        TeamMetrics metrics = day.metrics();
        Duration average = metrics.tasksCompleted() == 0 || !Double.isFinite(metrics.averageCompletionSeconds())
                ? null
                : Intervals.ofSeconds(metrics.averageCompletionSeconds());
        return new DailyTeamMetrics(team, day.day(), metrics.tasksCompleted(), average, metrics.collaborationScore(),
                metrics.errorRate(), metrics.improvementSuggestions());
    }

    /** One row per day of {@code report} that had tasks, oldest first. */
    public static List<DailyTeamMetrics> of(EffectivenessReport report) {
        requireNonNull(report, "report");
        return report.daily().stream().map(day -> of(report.team(), day)).toList();
    }
}
