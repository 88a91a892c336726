package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metrics store through the real PostgREST, as Supabase serves it. */
@RequiresPostgrest
class RestMetricsStoreTest extends MetricsStoreContract {

    @RegisterExtension
    static final SharedSupabaseRest supabase = SharedSupabaseRest.migrated();
    @RegisterExtension
    static final SharedSupabaseRest unmigrated = SharedSupabaseRest.start(database -> { });

    @BeforeEach
    void emptyTable() {
        supabase.database().execute("TRUNCATE team_effectiveness_metrics");
    }

    @Override
    protected MetricsStore store() {
        return MetricsStore.rest(supabase.gateway().url(), PostgrestServer.serviceRoleKey());
    }

    @Override
    protected DataSource database() {
        return supabase.database().dataSource();
    }

    @Override
    protected MetricsStore storeWithoutTable() {
        return MetricsStore.rest(unmigrated.gateway().url(), PostgrestServer.serviceRoleKey());
    }

    @Test
    void givenAnUpsert_thenItIsOneBulkRequestMergingDuplicatesOnTeamAndDay() {
        store().upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60)),
                day("marketing-team", JUNE_11, 4, Duration.ofSeconds(60))));

        assertThat(supabase.gateway().sent()).last().asString()
                .startsWith("POST /rest/v1/team_effectiveness_metrics?on_conflict=team_name,metric_date")
                .contains("\"metric_date\":\"2025-06-10\"", "\"metric_date\":\"2025-06-11\"")
                .contains("\"average_completion_time\":\"60.000000 seconds\"");
    }

    @Test
    void givenTablesMadeByHandThenMigrated_whenUpserted_thenTheServiceRoleKeyWritesThem() {
        try (SupabaseRest handMade = SupabaseRest.start(database -> {
            database.createDesignTablesByHand();
            new SchemaMigrations(database.dataSource()).migrate();
        })) {
            MetricsStore.rest(handMade.gateway().url(), PostgrestServer.serviceRoleKey())
                    .upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60))));

            assertThat(Rows.count(handMade.database().dataSource(), "SELECT count(*) FROM team_effectiveness_metrics"))
                    .isEqualTo(1);
            assertThat(Rows.single(handMade.database().dataSource(), "SELECT relrowsecurity::text AS rls FROM pg_class"
                    + " WHERE relname = 'team_effectiveness_metrics'")).as("RLS left as the user set it")
                    .containsEntry("rls", "false");
        }
    }

    @Test
    void givenAHandMadeTableWithoutTheUniqueConstraint_whenUpserted_thenTheErrorSaysWhatIsMissing() {
        try (SupabaseRest handMade = SupabaseRest.start(database -> {
            database.execute(JdbcMetricsStoreTest.WITHOUT_UNIQUE);
            new SchemaMigrations(database.dataSource()).migrate();
        })) {
            MetricsStore store = MetricsStore.rest(handMade.gateway().url(), PostgrestServer.serviceRoleKey());

            assertThatThrownBy(() -> store.upsert(List.of(day("marketing-team", JUNE_10, 4, Duration.ofSeconds(60)))))
                    .isInstanceOf(KaizenException.class)
                    .hasMessageContaining("POST team_effectiveness_metrics failed: HTTP 400 42P10")
                    .hasMessageContaining("lacks the unique constraint the upsert relies on");
        }
    }
}
