package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.analysis.DailyMetrics;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.TeamMetrics;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every transport of {@link MetricsStore} does, against a real database. */
abstract class MetricsStoreContract {

    static final LocalDate JUNE_10 = LocalDate.parse("2025-06-10");
    static final LocalDate JUNE_11 = LocalDate.parse("2025-06-11");

    /** A store on a migrated database whose metrics table is empty. */
    protected abstract MetricsStore store();

    protected abstract DataSource database();

    /** A store on a database that has no metrics table. */
    protected abstract MetricsStore storeWithoutTable();

    static DailyTeamMetrics day(String team, LocalDate date, int completed, Duration average) {
        return new DailyTeamMetrics(team, date, completed, average, 0.75, 0.125, 2);
    }

    private Map<String, String> stored(String team, LocalDate date) {
        return Rows.single(database(), "SELECT tasks_completed, average_completion_time::text AS average,"
                + " pg_typeof(average_completion_time)::text AS type, collaboration_score, error_rate,"
                + " improvement_suggestions FROM team_effectiveness_metrics WHERE team_name = '" + team
                + "' AND metric_date = DATE '" + date + "'");
    }

    @Test
    void givenNewDays_whenUpserted_thenOneRowPerDayHoldsTheFiguresWithTheAverageAsAnInterval() {
        int written = store().upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofMillis(83_500)),
                day("marketing-team", JUNE_11, 1, Duration.ofHours(26).plusNanos(123_456_000))));

        assertThat(written).isEqualTo(2);
        assertThat(stored("marketing-team", JUNE_10)).containsEntry("tasks_completed", "4")
                .containsEntry("average", "00:01:23.5")
                .containsEntry("type", "interval")
                .containsEntry("collaboration_score", "0.75")
                .containsEntry("error_rate", "0.125")
                .containsEntry("improvement_suggestions", "2");
        assertThat(stored("marketing-team", JUNE_11)).containsEntry("average", "26:00:00.123456");
    }

    @Test
    void givenAStoredDay_whenUpsertedAgain_thenItsFiguresAreReplacedAndOtherDaysKept() {
        store().upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60)),
                day("marketing-team", JUNE_11, 1, Duration.ofSeconds(30))));

        store().upsert(List.of(new DailyTeamMetrics("marketing-team", JUNE_11, 3, null, 0.5, 0.0, 0)));

        assertThat(Rows.count(database(), "SELECT count(*) FROM team_effectiveness_metrics")).isEqualTo(2);
        assertThat(stored("marketing-team", JUNE_10)).containsEntry("tasks_completed", "4");
        assertThat(stored("marketing-team", JUNE_11)).containsEntry("tasks_completed", "3")
                .containsEntry("average", null)
                .containsEntry("collaboration_score", "0.5")
                .containsEntry("improvement_suggestions", "0");
    }

    @Test
    void givenARowRepeatingATeamAndDay_whenUpserted_thenTheLastOneCounts() {
        int written = store().upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60)),
                day("marketing-team", JUNE_10, 5, Duration.ofSeconds(60))));

        assertThat(written).isEqualTo(1);
        assertThat(stored("marketing-team", JUNE_10)).containsEntry("tasks_completed", "5");
    }

    @Test
    void givenAReport_whenRecorded_thenEachOfItsDaysIsStoredWithTheFiguresRunPrints() {
        TeamMetrics first = metrics(10, 7, 95.25, 0.8, 0.05, 3);
        TeamMetrics second = metrics(4, 0, 0, 0.5, 0.25, 1);
        EffectivenessReport report = new EffectivenessReport("marketing-team", first, List.of(), List.of(), List.of(),
                List.of(), List.of(new DailyMetrics(JUNE_10, first), new DailyMetrics(JUNE_11, second)));

        assertThat(store().record(report)).isEqualTo(2);

        assertThat(stored("marketing-team", JUNE_10)).containsEntry("tasks_completed", "7")
                .containsEntry("average", "00:01:35.25")
                .containsEntry("collaboration_score", "0.8")
                .containsEntry("error_rate", "0.05")
                .containsEntry("improvement_suggestions", "3");
        assertThat(stored("marketing-team", JUNE_11)).as("no completed task: no average")
                .containsEntry("tasks_completed", "0").containsEntry("average", null);
    }

    @Test
    void givenStoredDaysOfTwoTeams_whenRead_thenOnlyTheTeamsDaysInTheRangeComeBackAsStored() {
        DailyTeamMetrics tenth = day("marketing-team", JUNE_10, 4, Duration.ofSeconds(83, 123_456_000));
        DailyTeamMetrics eleventh = new DailyTeamMetrics("marketing-team", JUNE_11, 0, null, 1.0, 0.0, 0);
        store().upsert(List.of(tenth, eleventh, day("sales-team", JUNE_10, 9, Duration.ofSeconds(1)),
                day("marketing-team", JUNE_10.minusDays(1), 1, Duration.ofDays(2))));

        assertThat(store().read("marketing-team", JUNE_10, JUNE_11)).containsExactly(tenth, eleventh);
        assertThat(store().read("marketing-team", JUNE_10.minusDays(1), JUNE_10.minusDays(1)))
                .extracting(DailyTeamMetrics::averageCompletionTime).containsExactly(Duration.ofDays(2));
        assertThat(store().read("nobody", JUNE_10, JUNE_11)).isEmpty();
    }

    @Test
    void givenNoRows_whenUpserted_thenNothingIsWritten() {
        assertThat(store().upsert(List.of())).isZero();
        assertThat(Rows.count(database(), "SELECT count(*) FROM team_effectiveness_metrics")).isZero();
    }

    @Test
    void givenSeveralRuntimesUpsertingTheSameDaysAtOnce_thenEachDayHasOneRowWithOneRuntimesFigures() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> runtimes = new ArrayList<>();
            for (int runtime = 0; runtime < 6; runtime++) {
                int completed = runtime;
                runtimes.add(() -> store().upsert(List.of(day("marketing-team", JUNE_10, completed, Duration.ofSeconds(5)),
                        day("marketing-team", JUNE_11, completed, Duration.ofSeconds(5)),
                        day("sales-team", JUNE_10, completed, Duration.ofSeconds(5)))));
            }
            for (Future<Integer> written : pool.invokeAll(runtimes)) {
                assertThat(written.get()).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(Rows.count(database(), "SELECT count(*) FROM team_effectiveness_metrics")).isEqualTo(3);
        assertThat(Rows.column(database(), "SELECT tasks_completed FROM team_effectiveness_metrics"))
                .allSatisfy(completed -> assertThat(Integer.parseInt(completed)).isBetween(0, 5));
    }

    @Test
    void givenNoMetricsTable_whenUpserted_thenOneLineSaysToMigrate() {
        MetricsStore store = storeWithoutTable();

        assertThatThrownBy(() -> store.upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60)))))
                .isInstanceOf(KaizenException.class)
                .satisfies(e -> assertThat(((KaizenException) e).isRetriable()).isFalse())
                .hasMessageContaining("team_effectiveness_metrics")
                .hasMessageContaining("kaizen4j migrate")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void givenInvalidFigures_whenARowIsMade_thenItIsRefusedNamingTheTeamAndDay() {
        assertThatThrownBy(() -> new DailyTeamMetrics("marketing-team", JUNE_10, -1, null, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marketing-team on 2025-06-10");
        assertThatThrownBy(() -> new DailyTeamMetrics("marketing-team", JUNE_10, 1, null, Double.NaN, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> new DailyTeamMetrics("marketing-team", JUNE_10, 1, Duration.ofSeconds(-1), 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative average");
    }

    private static TeamMetrics metrics(int tasks, int completed, double averageSeconds, double collaboration,
            double errorRate, int suggestions) {
        return new TeamMetrics("marketing-team", null, null, tasks, completed, tasks - completed,
                tasks == 0 ? 0 : (double) completed / tasks, averageSeconds, averageSeconds, averageSeconds,
                collaboration, errorRate, 3.0, 0, 0, null, suggestions, tasks * 5L);
    }
}
