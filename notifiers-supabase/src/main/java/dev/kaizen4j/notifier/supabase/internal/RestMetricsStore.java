package dev.kaizen4j.notifier.supabase.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.DailyTeamMetrics;
import dev.kaizen4j.notifier.supabase.MetricsStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MetricsStore} over Supabase's REST API: one bulk upsert per call, {@code POST
 * /rest/v1/team_effectiveness_metrics?on_conflict=team_name,metric_date} with {@code Prefer:
 * resolution=merge-duplicates, missing=default}, which PostgREST runs as one statement, so the rows of a
 * call are written together or not at all.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class RestMetricsStore implements MetricsStore {

    static final String TABLE = "team_effectiveness_metrics";
    private static final String COLUMNS = "team_name,metric_date,tasks_completed,average_completion_time,"
            + "collaboration_score,error_rate,improvement_suggestions";

    private final PostgrestClient client;

    public RestMetricsStore(PostgrestClient client) {
        this.client = requireNonNull(client, "client");
    }

    @Override
    public int upsert(Collection<DailyTeamMetrics> rows) {
        requireNonNull(rows, "rows");
        if (rows.isEmpty()) {
            return 0;
        }
        // one statement cannot update a row twice: of rows repeating a team and day, the last one counts
        Map<List<Object>, DailyTeamMetrics> unique = new LinkedHashMap<>();
        rows.forEach(row -> unique.put(List.of(row.team(), row.date()), row));
        List<Map<String, Object>> body = new ArrayList<>();
        for (DailyTeamMetrics row : unique.values()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("team_name", row.team());
            json.put("metric_date", row.date().toString());
            json.put("tasks_completed", row.tasksCompleted());
            json.put("average_completion_time",
                    row.averageCompletionTime() == null ? null : Intervals.text(row.averageCompletionTime()));
            json.put("collaboration_score", row.collaborationScore());
            json.put("error_rate", row.errorRate());
            json.put("improvement_suggestions", row.improvementSuggestions());
            body.add(json);
        }
        client.post(TABLE, "on_conflict=team_name,metric_date&columns=" + COLUMNS, body,
                "return=minimal,resolution=merge-duplicates,missing=default");
        return body.size();
    }

    @Override
    public List<DailyTeamMetrics> read(String team, LocalDate from, LocalDate to) {
        requireNonNull(team, "team");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        JsonNode rows = client.get(TABLE, "select=" + COLUMNS + "&team_name=" + PostgrestClient.eq(team)
                + "&metric_date=gte." + from + "&metric_date=lte." + to + "&order=metric_date");
        List<DailyTeamMetrics> metrics = new ArrayList<>();
        for (JsonNode row : rows) {
            String date = row.path("metric_date").asText();
            try {
                JsonNode average = row.path("average_completion_time");
                metrics.add(new DailyTeamMetrics(team, LocalDate.parse(date), row.path("tasks_completed").asInt(),
                        average.isTextual() ? Intervals.parse(average.asText()) : null,
                        row.path("collaboration_score").asDouble(), row.path("error_rate").asDouble(),
                        row.path("improvement_suggestions").asInt()));
            } catch (RuntimeException e) {
                throw KaizenException.invalidInput("the row of team " + team + " on " + date + " in " + TABLE
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        return metrics;
    }

    @Override
    public String toString() {
        return "RestMetricsStore[" + client + "]";
    }
}
