package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaizen4j.internal.CrashPoints.Point;
import dev.kaizen4j.internal.CrashPoints;
import dev.kaizen4j.notifier.supabase.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on a shared Supabase/PostgreSQL database (a real PostgreSQL server), in-process and in child JVMs. */
class SupabaseRunnerTest {

    private static final String PASSWORD = "Runner-pw-77";

    @TempDir
    Path directory;

    private TestDatabase database;
    private Map<String, String> environment;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.create();
        environment = environment(url(database.port()));
    }

    private String url(int port) {
        return "postgresql://postgres:" + PASSWORD + "@localhost:" + port + "/" + database.name();
    }

    private Map<String, String> environment(String url) {
        Map<String, String> values = new HashMap<>();
        values.put("KAIZEN_STATE_DIR", directory.resolve("state").toString());
        values.put("KAIZEN_SUPABASE_DB_URL", url);
        values.put("KAIZEN_SUPABASE_CONNECT_TIMEOUT", "2s");
        return values;
    }

    @Test
    void givenTablesCreatedByHand_whenMigrated_thenTheMigrationsArePrintedAndTheRowsKept() {
        database.createDesignTablesByHand();
        database.execute("INSERT INTO team_improvement_requests (team_name, request_type, agent_name, current_state,"
                + " proposed_state, rationale, status) VALUES ('ops', 'prompt', 'a', '{}', '{}', 'by hand', 'approved')");

        CommandRun first = CommandRun.of(environment, "migrate");
        CommandRun second = CommandRun.of(environment, "migrate");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Applied 8 migration(s) to localhost:" + database.port())
                .contains("  V1 design tables").contains("  V7 review timestamps").doesNotContain(PASSWORD);
        assertThat(second.out()).contains("is up to date");
        assertThat(query("SELECT rationale || '|' || status FROM team_improvement_requests")).isEqualTo("by hand|approved");
    }

    @Test
    void givenTheSupabaseBackChannel_whenRunReviewedInTheTableAndSynced_thenTheLedgerAndTheRowFollowTheDecision() {
        CommandRun run = CommandRun.of(environment, "run", "--back-channel", "supabase");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Ledger: database localhost:" + database.port()).doesNotContain(PASSWORD);
        int rows = Integer.parseInt(query("SELECT count(*) FROM team_improvement_requests"));
        assertThat(rows).isPositive();
        assertThat(query("SELECT count(*) FROM kaizen4j_ledger_requests WHERE status = 'SUBMITTED'"))
                .isEqualTo(String.valueOf(rows));
        assertThat(Files.exists(directory.resolve("state/ledger.jsonl"))).isFalse();
        String requestId = query("SELECT min(request_id) FROM team_improvement_requests");
        CommandRun list = CommandRun.of(environment, "review", "list");
        assertThat(list.out()).contains(requestId).contains("submitted");

        database.execute("UPDATE team_improvement_requests SET status = 'approved', reviewer_notes = 'good',"
                + " reviewed_by = 'ana' WHERE request_id = '" + requestId + "'");
        CommandRun sync = CommandRun.of(environment, "review", "sync", "--back-channel", "supabase");

        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).contains("1 decisions picked up").contains(requestId + ": approved by ana");
        assertThat(query("SELECT status || '|' || (implemented_at IS NOT NULL) FROM team_improvement_requests"
                + " WHERE request_id = '" + requestId + "'")).isEqualTo("implemented|true");
        assertThat(query("SELECT status FROM kaizen4j_ledger_requests WHERE request_id = '" + requestId + "'"))
                .isEqualTo("PUBLISHED");
        CommandRun again = CommandRun.of(environment, "run", "--back-channel", "supabase");
        assertThat(again.exitCode()).isZero();
        assertThat(query("SELECT count(*) FROM team_improvement_requests")).isEqualTo(String.valueOf(rows));
    }

    @Test
    void givenAListeningRunner_whenARowIsDecidedInTheTable_thenTheDecisionIsHeardAtOnceAndPublished()
            throws InterruptedException {
        assertThat(CommandRun.of(environment, "run", "--back-channel", "supabase").exitCode()).isZero();
        String requestId = query("SELECT min(request_id) FROM team_improvement_requests");
        AtomicReference<CommandRun> listen = new AtomicReference<>();
        Thread listener = new Thread(() -> listen.set(CommandRun.of(environment, "review", "listen",
                "--back-channel", "supabase")));
        listener.start();
        awaitQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'", "1");

        database.execute("UPDATE team_improvement_requests SET status = 'approved', reviewed_by = 'ana'"
                + " WHERE request_id = '" + requestId + "'");
        awaitQuery("SELECT status FROM kaizen4j_ledger_requests WHERE request_id = '" + requestId + "'", "PUBLISHED");
        listener.interrupt();
        listener.join(Duration.ofSeconds(30).toMillis());

        assertThat(listener.isAlive()).as("stopped").isFalse();
        assertThat(listen.get().exitCode()).as(listen.get().err()).isZero();
        assertThat(listen.get().out()).contains("Listening for decisions on supabase")
                .contains(requestId + ": approved by ana on supabase; the ledger says published")
                .contains("Stopped listening.").doesNotContain(PASSWORD);
        assertThat(query("SELECT status FROM team_improvement_requests WHERE request_id = '" + requestId + "'"))
                .isEqualTo("implemented");
    }

    private void awaitQuery(String sql, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!expected.equals(query(sql))) {
            assertThat(System.nanoTime()).as("waiting for " + sql + " to be " + expected).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void givenARequestInTheSupabaseTable_whenRejectedWithTheRunner_thenTheRowAndTheLedgerHoldTheDecision() {
        assertThat(CommandRun.of(environment, "run", "--back-channel", "supabase").exitCode()).isZero();
        String requestId = query("SELECT min(request_id) FROM team_improvement_requests");

        CommandRun reject = CommandRun.of(environment, "review", "reject", requestId, "--notes", "too vague",
                "--reviewer", "ana");
        CommandRun again = CommandRun.of(environment, "review", "approve", requestId, "--reviewer", "bo");

        assertThat(reject.exitCode()).as(reject.out() + reject.err()).isZero();
        assertThat(reject.out()).contains(requestId + " rejected by ana").contains("is now rejected");
        assertThat(query("SELECT status || '|' || reviewer_notes || '|' || reviewed_by || '|' || (reviewed_at IS NOT NULL)"
                + " FROM team_improvement_requests WHERE request_id = '" + requestId + "'"))
                .isEqualTo("rejected|too vague|ana|true");
        assertThat(query("SELECT status FROM kaizen4j_ledger_requests WHERE request_id = '" + requestId + "'"))
                .isEqualTo("REJECTED");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("not awaiting a decision");
    }

    @Test
    void givenTheDatabaseCannotBeReached_whenRun_thenOneLineWithoutThePasswordAndExitCode2() {
        CommandRun run = CommandRun.of(environment(url(closedPort())), "run", "--back-channel", "supabase");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: the database localhost:").contains("cannot be reached")
                .doesNotContain(PASSWORD).doesNotContain("\n");
    }

    @Test
    void givenAWrongPassword_whenRun_thenOneLineWithoutEitherPasswordAndExitCode2() {
        database.passwordRole("kaizen4j_reviewer", PASSWORD);
        String wrong = "Not-" + PASSWORD;
        String url = "postgresql://kaizen4j_reviewer:" + wrong + "@localhost:" + database.port() + "/" + database.name();
        String right = "postgresql://kaizen4j_reviewer:" + PASSWORD + "@localhost:" + database.port() + "/"
                + database.name();

        CommandRun refused = CommandRun.of(environment(url), "run", "--back-channel", "supabase");
        CommandRun accepted = CommandRun.of(environment(right), "migrate");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).contains("refused the credentials")
                .contains("password authentication failed for user \"kaizen4j_reviewer\"")
                .doesNotContain(wrong).doesNotContain(PASSWORD).doesNotContain("\n");
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
    }

    @Test
    void givenNoDatabaseConfigured_whenMigrating_thenItSaysWhichVariableToSet() {
        CommandRun run = CommandRun.of(Map.of("KAIZEN_STATE_DIR", directory.toString()), "migrate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("KAIZEN_SUPABASE_DB_URL");
    }

    @Test
    void givenNoMigrate_whenTheSchemaIsMissing_thenTheRunSaysToMigrate() {
        CommandRun run = CommandRun.of(environment, "run", "--no-migrate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("kaizen4j migrate");
        assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename = 'team_improvement_requests'")).isEqualTo("0");
    }

    @Test
    void givenRuntimesInSeveralProcesses_whenTheirTeamsOverlap_thenEachTeamRunsOnceAtATimeAndNothingIsDuplicated()
            throws Exception {
        Path config = directory.resolve("kaizen4j.properties");
        Files.writeString(config, "kaizen.supabase.db.url=" + url(database.port()) + "\n", StandardCharsets.UTF_8);
        Path sales = salesTeam();
        Path release = directory.resolve("release");
        assertThat(CommandRun.of(environment, "migrate").exitCode()).isZero();

        // A runtime in another JVM holds the marketing team's cycle, stopped once it has its proposals.
        RunnerProcess holder = RunnerProcess.startHeld(directory, Point.CYCLE_PROPOSING, release,
                "run", "--back-channel", "supabase", "--config", config.toString(), "--state-dir", "state-a");
        holder.awaitMarker(CrashPoints.HELD_MARKER + Point.CYCLE_PROPOSING.label());

        CommandRun sameTeam = CommandRun.of(environment, "run", "--back-channel", "supabase");
        RunnerProcess otherTeam = RunnerProcess.start(directory, null, "run", "--back-channel", "supabase",
                "--config", config.toString(), "--state-dir", "state-c", "--logs", sales.resolve("logs").toString(),
                "--team-spec", sales.resolve("team.yaml").toString());
        assertThat(otherTeam.awaitExit()).isZero();
        Files.createFile(release);
        assertThat(holder.awaitExit()).isZero();

        assertThat(sameTeam.exitCode()).isZero();
        assertThat(sameTeam.out()).contains("The cycle of team marketing-team is already running on")
                .contains("nothing was submitted");
        assertThat(query("SELECT count(DISTINCT team_name) FROM team_improvement_requests")).isEqualTo("2");
        String rows = query("SELECT count(*) FROM team_improvement_requests");
        assertThat(query("SELECT count(DISTINCT fingerprint) FROM team_improvement_requests")).isEqualTo(rows);
        assertThat(query("SELECT count(*) FROM kaizen4j_ledger_requests WHERE status = 'SUBMITTED'")).isEqualTo(rows);
        assertThat(query("SELECT count(*) FROM kaizen4j_ledger_entries")).isEqualTo(String.valueOf(2 * Integer.parseInt(rows)));
        assertThat(query("SELECT count(*) FROM kaizen4j_team_leases")).isEqualTo("0");

        // Two more runtimes on both teams at once, after the first ones: nothing new, nothing twice.
        RunnerProcess marketing = RunnerProcess.start(directory, null, "run", "--back-channel", "supabase",
                "--config", config.toString(), "--state-dir", "state-d");
        RunnerProcess salesAgain = RunnerProcess.start(directory, null, "run", "--back-channel", "supabase",
                "--config", config.toString(), "--state-dir", "state-e", "--logs", sales.resolve("logs").toString(),
                "--team-spec", sales.resolve("team.yaml").toString());
        assertThat(marketing.awaitExit()).isZero();
        assertThat(salesAgain.awaitExit()).isZero();
        assertThat(query("SELECT count(*) FROM team_improvement_requests")).isEqualTo(rows);
        assertThat(query("SELECT count(*) FROM kaizen4j_ledger_entries")).isEqualTo(String.valueOf(2 * Integer.parseInt(rows)));
    }

    @Test
    void givenTheExampleLoggedToTheConversationTable_whenAnalyzedFromTheDatabase_thenTheReportEqualsTheFileOne()
            throws IOException, SQLException {
        Path example = BundledExample.extractTo(directory.resolve("example"));
        assertThat(CommandRun.of(environment, "migrate").exitCode()).isZero();
        int events = insertConversations(example.resolve("logs"));
        Path fromFiles = directory.resolve("files.json");
        Path fromTable = directory.resolve("table.json");

        CommandRun files = CommandRun.of(environment, "analyze", "--logs", example.resolve("logs").toString(),
                "--report-json", fromFiles.toString());
        CommandRun table = CommandRun.of(environment, "analyze", "--format", "postgres", "--report-json",
                fromTable.toString());
        CommandRun init = CommandRun.of(environment, "init", "--format", "postgres", "--out",
                directory.resolve("team.yaml").toString());

        assertThat(events).isEqualTo(1055);
        assertThat(files.exitCode()).as(files.err()).isZero();
        assertThat(table.exitCode()).as(table.err()).isZero();
        // The file source emits a task a few lines after it ends, so two tasks ending together may come in the
        // other order: the reports agree up to that order (and the last digit of sums taken in it).
        assertThat(canonical(fromTable)).isEqualTo(canonical(fromFiles));
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("team marketing-team, 4 agent(s)").contains("(postgres logs)")
                .contains("kaizen4j run --format postgres --team-spec");
    }

    @Test
    void givenTheDatabaseFormat_whenLogsAreNamedToo_thenTheRunnerSaysToDropThem() {
        CommandRun both = CommandRun.of(environment, "analyze", "--format", "postgres", "--logs", "some.jsonl");
        Map<String, String> noDatabase = new HashMap<>(environment);
        noDatabase.remove("KAIZEN_SUPABASE_DB_URL");
        CommandRun unconfigured = CommandRun.of(noDatabase, "analyze", "--format", "postgres");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--format postgres reads the team_conversations table").contains("drop --logs");
        assertThat(unconfigured.exitCode()).isEqualTo(2);
        assertThat(unconfigured.err()).contains("--format postgres needs a database: set KAIZEN_SUPABASE_DB_URL");
    }

    /** A report with its attributions sorted by task and every number cut to 11 decimals. */
    private static JsonNode canonical(Path report) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(report.toFile());
        List<JsonNode> attributions = new ArrayList<>();
        root.get("attributions").forEach(attributions::add);
        attributions.sort(Comparator.comparing(attribution -> attribution.get("task_id").asText()));
        ((ObjectNode) root).set("attributions", json.valueToTree(attributions));
        return json.readTree(json.writeValueAsString(root).replaceAll("(\\d\\.\\d{11})\\d+", "$1"));
    }

    /** Writes the JSON Lines logs in {@code logs} into team_conversations, a row per line, as a runtime would log. */
    private int insertConversations(Path logs) throws IOException, SQLException {
        ObjectMapper json = new ObjectMapper();
        int rows = 0;
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO team_conversations (team_name,"
                        + " task_id, agent_name, message, message_type, to_agent, metadata, \"timestamp\")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)");
                Stream<Path> files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode event = json.readTree(line);
                    insert.setString(1, event.get("team_name").asText());
                    insert.setString(2, event.get("task_id").asText());
                    insert.setString(3, event.get("agent_name").asText());
                    insert.setString(4, event.get("message").asText());
                    insert.setString(5, event.get("message_type").asText());
                    insert.setString(6, event.hasNonNull("to_agent") ? event.get("to_agent").asText() : null);
                    insert.setString(7, event.has("metadata") ? event.get("metadata").toString() : "{}");
                    insert.setObject(8, LocalDateTime.parse(event.get("timestamp").asText()).atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                    rows++;
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    /** The bundled example renamed to another team, with its own spec and logs. */
    private Path salesTeam() throws IOException {
        Path example = BundledExample.extractTo(directory.resolve("example"));
        Path sales = directory.resolve("sales-team");
        Files.createDirectories(sales.resolve("logs"));
        Files.writeString(sales.resolve("team.yaml"),
                Files.readString(example.resolve("team.yaml")).replace("marketing-team", "sales-team"));
        try (Stream<Path> logs = Files.list(example.resolve("logs"))) {
            for (Path log : logs.toList()) {
                Files.writeString(sales.resolve("logs").resolve(log.getFileName().toString().replace("marketing", "sales")),
                        Files.readString(log).replace("\"marketing-team\"", "\"sales-team\""));
            }
        }
        return sales;
    }

    private String query(String sql) {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
