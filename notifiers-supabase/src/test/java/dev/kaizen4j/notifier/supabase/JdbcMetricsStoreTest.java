package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcMetricsStoreTest extends MetricsStoreContract {

    /** The metrics table made by hand without the design's UNIQUE (team_name, metric_date). */
    static final String WITHOUT_UNIQUE = "CREATE TABLE team_effectiveness_metrics (id UUID PRIMARY KEY DEFAULT"
            + " gen_random_uuid(), team_name TEXT NOT NULL, metric_date DATE NOT NULL, tasks_completed INTEGER,"
            + " average_completion_time INTERVAL, collaboration_score FLOAT, error_rate FLOAT,"
            + " improvement_suggestions INTEGER)";

    private static TestDatabase migrated;
    private static TestDatabase empty;

    @BeforeAll
    static void databases() {
        migrated = TestDatabase.create();
        new SchemaMigrations(migrated.dataSource()).migrate();
        empty = TestDatabase.create();
    }

    @BeforeEach
    void emptyTable() {
        migrated.execute("TRUNCATE team_effectiveness_metrics");
    }

    @Override
    protected MetricsStore store() {
        return MetricsStore.jdbc(migrated.dataSource());
    }

    @Override
    protected DataSource database() {
        return migrated.dataSource();
    }

    @Override
    protected MetricsStore storeWithoutTable() {
        return MetricsStore.jdbc(empty.dataSource());
    }

    @Test
    void givenTablesMadeByHandAsTheDesignDefinesThem_whenUpsertedWithoutMigrating_thenTheRowIsStored() {
        TestDatabase handMade = TestDatabase.create();
        handMade.createDesignTablesByHand();

        MetricsStore.jdbc(handMade.dataSource()).upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60))));

        assertThat(Rows.single(handMade.dataSource(), "SELECT tasks_completed, average_completion_time::text AS average"
                + " FROM team_effectiveness_metrics")).containsEntry("tasks_completed", "4")
                .containsEntry("average", "00:01:00");
    }

    @Test
    void givenAnotherSchema_whenUpserted_thenTheRowLandsInThatSchema() {
        TestDatabase database = TestDatabase.create();
        new SchemaMigrations(database.dataSource(), "kaizen").migrate();

        MetricsStore.jdbc(database.dataSource(), "kaizen").upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60))));

        assertThat(Rows.count(database.dataSource(), "SELECT count(*) FROM kaizen.team_effectiveness_metrics")).isEqualTo(1);
    }

    @Test
    void givenAHandMadeTableWithoutTheUniqueConstraint_whenUpserted_thenOneLineNamesTheMissingConstraint() {
        TestDatabase handMade = TestDatabase.create();
        handMade.execute(WITHOUT_UNIQUE);

        assertThatThrownBy(() -> MetricsStore.jdbc(handMade.dataSource())
                .upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60)))))
                .isInstanceOf(KaizenException.class)
                .hasMessage("upserting into \"public\".team_effectiveness_metrics failed: the table lacks"
                        + " UNIQUE (team_name, metric_date), which the design defines and the upsert relies on");
        assertThat(Rows.count(handMade.dataSource(), "SELECT count(*) FROM team_effectiveness_metrics")).isZero();
    }
}
