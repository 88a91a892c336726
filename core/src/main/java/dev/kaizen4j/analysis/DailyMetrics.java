package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * The team metrics of one UTC day: the tasks that started that day.
 *
 * @param day the day, in UTC
 * @param metrics the metrics of that day's tasks, defined as in {@link TeamMetrics};
 *     {@code improvement_suggestions} counts the report's findings seen in that day's tasks
 */
public record DailyMetrics(LocalDate day, TeamMetrics metrics) {

    public DailyMetrics {
        requireNonNull(day, "day");
        requireNonNull(metrics, "metrics");
    }
}
