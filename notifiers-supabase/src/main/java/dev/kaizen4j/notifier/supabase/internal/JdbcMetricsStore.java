package dev.kaizen4j.notifier.supabase.internal;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.DailyTeamMetrics;
import dev.kaizen4j.notifier.supabase.MetricsStore;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link MetricsStore} over JDBC: one transaction per call, {@code INSERT ... ON CONFLICT (team_name,
 * metric_date) DO UPDATE}. Rows are written in team and day order, so two runtimes upserting overlapping
 * days cannot deadlock; a serialization failure or deadlock all the same is retried.
 *
 * <p>Thread safety: safe for concurrent use; each call takes its own connection.
 */
public final class JdbcMetricsStore implements MetricsStore {

    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final String table;

    public JdbcMetricsStore(DataSource dataSource, String schema) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        requireNonNull(schema, "schema");
        if (schema.isBlank()) {
            throw KaizenException.invalidInput("the database schema name is blank");
        }
        this.table = "\"" + schema.replace("\"", "\"\"") + "\".team_effectiveness_metrics";
    }

    @Override
    public int upsert(Collection<DailyTeamMetrics> rows) {
        requireNonNull(rows, "rows");
        Map<List<Object>, DailyTeamMetrics> unique = new LinkedHashMap<>();
        rows.forEach(row -> unique.put(List.of(row.team(), row.date()), row));
        List<DailyTeamMetrics> ordered = unique.values().stream()
                .sorted(Comparator.comparing(DailyTeamMetrics::team).thenComparing(DailyTeamMetrics::date))
                .toList();
        if (ordered.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO " + table + " (team_name, metric_date, tasks_completed, average_completion_time,"
                + " collaboration_score, error_rate, improvement_suggestions) VALUES (?, ?, ?, ?::interval, ?, ?, ?)"
                + " ON CONFLICT (team_name, metric_date) DO UPDATE SET tasks_completed = EXCLUDED.tasks_completed,"
                + " average_completion_time = EXCLUDED.average_completion_time,"
                + " collaboration_score = EXCLUDED.collaboration_score, error_rate = EXCLUDED.error_rate,"
                + " improvement_suggestions = EXCLUDED.improvement_suggestions";
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (DailyTeamMetrics row : ordered) {
                        statement.setString(1, row.team());
                        statement.setDate(2, Date.valueOf(row.date()));
                        statement.setInt(3, row.tasksCompleted());
                        if (row.averageCompletionTime() == null) {
                            statement.setNull(4, Types.VARCHAR);
                        } else {
                            statement.setString(4, Intervals.text(row.averageCompletionTime()));
                        }
                        statement.setDouble(5, row.collaborationScore());
                        statement.setDouble(6, row.errorRate());
                        statement.setInt(7, row.improvementSuggestions());
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    connection.commit();
                    return ordered.size();
                } catch (SQLException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            } catch (SQLException e) {
                if (hasState(e, "42P10")) {
                    throw KaizenException.invalidInput("upserting into " + table + " failed: the table lacks"
                            + " UNIQUE (team_name, metric_date), which the design defines and the upsert relies on", e);
                }
                if (!hasState(e, "40001") && !hasState(e, "40P01") || attempt >= ATTEMPTS) {
                    throw Database.failure("upserting " + ordered.size() + " rows of team_effectiveness_metrics", e);
                }
            }
        }
    }

    @Override
    public List<DailyTeamMetrics> read(String team, LocalDate from, LocalDate to) {
        requireNonNull(team, "team");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        String sql = "SELECT metric_date, tasks_completed, extract(epoch FROM average_completion_time),"
                + " collaboration_score, error_rate, improvement_suggestions FROM " + table
                + " WHERE team_name = ? AND metric_date BETWEEN ? AND ? ORDER BY metric_date";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, team);
            statement.setDate(2, Date.valueOf(from));
            statement.setDate(3, Date.valueOf(to));
            List<DailyTeamMetrics> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    double seconds = result.getDouble(3);
                    boolean noAverage = result.wasNull();
                    rows.add(new DailyTeamMetrics(team, result.getDate(1).toLocalDate(), result.getInt(2),
                            noAverage ? null : Intervals.ofSeconds(seconds), result.getDouble(4), result.getDouble(5),
                            result.getInt(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Database.failure("reading team_effectiveness_metrics", e);
        }
    }

    private static boolean hasState(SQLException failure, String state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the transaction is gone with it
        }
    }

    @Override
    public String toString() {
        return "JdbcMetricsStore[" + table + "]";
    }
}
