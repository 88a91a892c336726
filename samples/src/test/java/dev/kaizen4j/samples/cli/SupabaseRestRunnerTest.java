package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.notifier.supabase.PostgrestServer;
import dev.kaizen4j.notifier.supabase.RequiresPostgrest;
import dev.kaizen4j.notifier.supabase.Rows;
import dev.kaizen4j.notifier.supabase.SchemaMigrations;
import dev.kaizen4j.notifier.supabase.SupabaseRest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's Supabase back-channel over the REST transport, against the real PostgREST. */
@RequiresPostgrest
class SupabaseRestRunnerTest {

    @TempDir
    Path directory;

    @Test
    void givenOnlyTheProjectUrlAndKey_whenRunDecidedInTheTableAndSynced_thenTheRowAndTheLocalLedgerFollow() {
        try (SupabaseRest supabase = SupabaseRest.start(database -> {
            // a project where the design's tables were created by hand, then migrated
            database.createDesignTablesByHand();
            new SchemaMigrations(database.dataSource()).migrate();
        })) {
            Map<String, String> environment = new HashMap<>();
            environment.put("KAIZEN_STATE_DIR", directory.resolve("state").toString());
            environment.put("SUPABASE_URL", supabase.gateway().url().toString());
            environment.put("SUPABASE_SERVICE_KEY", PostgrestServer.serviceRoleKey());

            CommandRun run = CommandRun.of(environment, "run", "--back-channel", "supabase");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            List<String> ids = Rows.column(supabase.database().dataSource(),
                    "SELECT request_id FROM team_improvement_requests ORDER BY request_id");
            supabase.database().execute("UPDATE team_improvement_requests SET status = 'rejected',"
                    + " reviewer_notes = 'not now', reviewed_by = 'ana' WHERE request_id = '" + ids.get(0) + "'");
            CommandRun sync = CommandRun.of(environment, "review", "sync", "--back-channel", "supabase");
            CommandRun again = CommandRun.of(environment, "run", "--back-channel", "supabase");

            assertThat(ids).as(run.out()).isNotEmpty();
            assertThat(Files.exists(directory.resolve("state/ledger.jsonl"))).as("the ledger stays local").isTrue();
            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
            assertThat(sync.out()).contains(ids.get(0) + ": rejected by ana");
            assertThat(CommandRun.of(environment, "review", "show", ids.get(0)).out()).contains("not now");
            assertThat(again.exitCode()).isZero();
            assertThat(Rows.column(supabase.database().dataSource(), "SELECT request_id FROM team_improvement_requests"
                    + " ORDER BY request_id")).as("nothing submitted twice").isEqualTo(ids);
            assertThat(run.out() + run.err() + sync.out() + sync.err() + again.out() + again.err())
                    .doesNotContain(PostgrestServer.serviceRoleKey());
        }
    }
}
