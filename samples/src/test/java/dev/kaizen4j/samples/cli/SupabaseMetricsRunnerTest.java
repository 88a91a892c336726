package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.notifier.supabase.PostgrestServer;
import dev.kaizen4j.notifier.supabase.Rows;
import dev.kaizen4j.notifier.supabase.SupabaseRest;
import dev.kaizen4j.notifier.supabase.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kaizen4j run} writes the team's daily figures to Supabase over either transport. */
class SupabaseMetricsRunnerTest {

    @TempDir
    Path directory;

    private Map<String, String> environment() {
        Map<String, String> values = new HashMap<>();
        values.put("KAIZEN_STATE_DIR", directory.resolve("state").toString());
        return values;
    }

    /** Each day of the report as the row the metrics table should hold: tasks_completed|collaboration_score|error_rate|improvement_suggestions. */
    private List<String> expectedRows(Path report) throws IOException {
        JsonNode daily = new ObjectMapper().readTree(report.toFile()).get("daily");
        assertThat(daily).as("daily metrics in the report").isNotNull();
        return java.util.stream.StreamSupport.stream(daily.spliterator(), false)
                .map(day -> day.get("day").asText() + "|" + day.get("metrics").get("tasks_completed").asInt() + "|"
                        + day.get("metrics").get("collaboration_score").asDouble() + "|"
                        + day.get("metrics").get("error_rate").asDouble() + "|"
                        + day.get("metrics").get("improvement_suggestions").asInt())
                .toList();
    }

    private static List<String> storedRows(DataSource dataSource) {
        return Rows.column(dataSource, "SELECT metric_date || '|' || tasks_completed || '|' || collaboration_score"
                + " || '|' || error_rate || '|' || improvement_suggestions FROM team_effectiveness_metrics"
                + " WHERE team_name = 'marketing-team' ORDER BY metric_date");
    }

    @Test
    void givenTheDatabaseTransport_whenRunTwice_thenEachDayOfTheReportIsOneRowWithTheSameFigures() throws IOException {
        TestDatabase database = TestDatabase.create();
        Map<String, String> environment = environment();
        environment.put("KAIZEN_SUPABASE_DB_URL", database.jdbcUrl());
        Path report = directory.resolve("report.json");

        CommandRun first = CommandRun.of(environment, "run", "--report-json", report.toString());
        CommandRun second = CommandRun.of(environment, "run");

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        List<String> expected = expectedRows(report);
        assertThat(expected).hasSizeGreaterThan(1);
        assertThat(first.out()).contains("Metrics: " + expected.size() + " day(s) of team marketing-team upserted"
                + " into team_effectiveness_metrics (database localhost:" + database.port());
        assertThat(storedRows(database.dataSource())).containsExactlyElementsOf(expected);
        assertThat(Rows.count(database.dataSource(), "SELECT count(*) FROM team_effectiveness_metrics"
                + " WHERE average_completion_time > INTERVAL '0'")).isPositive();
    }

    @Test
    void givenTheRestTransport_whenRun_thenTheDaysAreUpsertedThroughTheApiAndTheKeyIsNeverPrinted() throws IOException {
        try (SupabaseRest supabase = SupabaseRest.migrated()) {
            Map<String, String> environment = environment();
            environment.put("KAIZEN_SUPABASE_URL", supabase.gateway().url().toString());
            environment.put("SUPABASE_SERVICE_KEY", PostgrestServer.serviceRoleKey());
            Path report = directory.resolve("report.json");

            CommandRun run = CommandRun.of(environment, "run", "--report-json", report.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("upserted into team_effectiveness_metrics (" + supabase.gateway().url())
                    .doesNotContain(PostgrestServer.serviceRoleKey());
            assertThat(storedRows(supabase.database().dataSource())).containsExactlyElementsOf(expectedRows(report));
            assertThat(supabase.gateway().sent()).anySatisfy(request -> assertThat(request)
                    .startsWith("POST /rest/v1/team_effectiveness_metrics?on_conflict=team_name,metric_date"));
        }
    }

    @Test
    void givenARefusedKey_whenRun_thenTheCycleCompletesAndTheFailedMetricsAreOneLineAndExitCode1() {
        try (SupabaseRest supabase = SupabaseRest.migrated()) {
            Map<String, String> environment = environment();
            String key = PostgrestServer.foreignKey();
            environment.put("KAIZEN_SUPABASE_URL", supabase.gateway().url().toString());
            environment.put("KAIZEN_SUPABASE_KEY", key);

            CommandRun run = CommandRun.of(environment, "run");

            assertThat(run.exitCode()).isEqualTo(RunCommand.EXIT_CYCLE_ERRORS);
            assertThat(run.out()).contains("Metrics: not stored in team_effectiveness_metrics")
                    .contains("HTTP 401").contains("service_role key")
                    .contains("Ledger: ")
                    .doesNotContain(key);
            assertThat(Rows.count(supabase.database().dataSource(), "SELECT count(*) FROM team_effectiveness_metrics"))
                    .isZero();
        }
    }

    @Test
    void givenNoSupabaseSettings_whenRun_thenNoMetricsLineIsPrinted() {
        CommandRun run = CommandRun.of(environment(), "run");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("Metrics:");
    }
}
