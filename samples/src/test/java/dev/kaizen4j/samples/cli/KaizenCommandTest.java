package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KaizenCommandTest {

    @TempDir
    Path directory;

    @Test
    void givenNoFlags_whenRun_thenTheBundledExampleProducesRequestsAndASecondRunNone() throws IOException {
        CommandRun first = kaizen("run", "--state-dir", state());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("bundled marketing-team example")
                .contains("Team metrics: marketing-team")
                .contains("success rate")
                .contains("missed in 71% of applicable tasks")
                .contains("web_search failed in 43% of calls")
                .contains("Agents that need work")
                .contains("+- Meet this team requirement")
                .contains("-        private static final int MAX_SEARCH_RETRIES = 0;");
        assertThat(requestFiles()).isNotEmpty();
        int requests = requestFiles().size();

        CommandRun second = kaizen("run", "--state-dir", state());

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("0 submitted").contains("duplicates suppressed");
        assertThat(requestFiles()).hasSize(requests);
    }

    @Test
    void givenASubmittedRequest_whenApprovedThroughReview_thenTheLedgerShowsItAndAPatchIsWritten() throws IOException {
        kaizen("run", "--state-dir", state());
        String id = requestFiles().get(0).getFileName().toString().replace(".json", "");

        CommandRun approve = kaizen("review", "approve", id, "--notes", "Looks good", "--reviewer", "alice",
                "--state-dir", state());

        assertThat(approve.exitCode()).as(approve.err()).isZero();
        assertThat(approve.out()).contains(id + " approved by alice").contains("is now published").contains("git apply");
        assertThat(Files.readString(directory.resolve("state/ledger.jsonl")))
                .contains("\"status\":\"APPROVED\"").contains("Looks good").contains("\"status\":\"PUBLISHED\"");
        assertThat(directory.resolve("state/patches/" + id + ".patch")).exists();
        assertThat(kaizen("review", "list", "--state-dir", state()).out()).containsPattern(id + "\\s+published");
        assertThat(kaizen("review", "show", id, "--state-dir", state()).out()).contains("History:").contains("approved");
    }

    @Test
    void givenAClock_whenADecisionIsRecorded_thenTheLedgerAndTheDecisionCarryItsTime() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2025-06-16T09:00:00Z"), ZoneOffset.UTC);
        CommandRun.of(Map.of(), clock, "run", "--state-dir", state());
        String id = requestFiles().get(0).getFileName().toString().replace(".json", "");

        CommandRun.of(Map.of(), clock, "review", "reject", id, "--notes", "Not now", "--state-dir", state());

        String ledger = Files.readString(directory.resolve("state/ledger.jsonl"));
        assertThat(ledger.lines().filter(line -> line.contains("\"REJECTED\"")))
                .singleElement().asString()
                .contains("\"at\":\"2025-06-16T09:00:00Z\"")
                .contains("\"decided_at\":\"2025-06-16T09:00:00Z\"");
    }

    @Test
    void givenAnalyze_whenAskedForJson_thenTheReportHasTheDocumentedKeys() throws IOException {
        Path json = directory.resolve("report.json");

        CommandRun result = kaizen("analyze", "--state-dir", state(), "--report-json", json.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Per day").containsPattern("2025-06-09\\s+\\d+");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("daily")).hasSize(7);
        assertThat(report.get("daily").get(0).get("day").asText()).isEqualTo("2025-06-09");
        assertThat(report.has("metrics")).isTrue();
        assertThat(report.get("metrics").get("tasks_total").asInt()).isEqualTo(86);
        assertThat(report.get("agents").size()).isGreaterThanOrEqualTo(4);
        assertThat(report.get("findings").get(0).get("rate").asDouble()).isBetween(0.0, 1.0);
        JsonNode attribution = report.get("attributions").get(0);
        assertThat(attribution.has("task_id")).isTrue();
        assertThat(attribution.has("agent")).isTrue();
        assertThat(attribution.get("step").isInt()).isTrue();
        assertThat(attribution.has("confidence")).isTrue();
        assertThat(attribution.has("reason")).isTrue();
    }

    @Test
    void givenAMalformedLogLine_whenAnalyzed_thenItIsSkippedAndReportedWithFileAndLine() throws IOException {
        Path logs = Files.writeString(directory.resolve("team.jsonl"), """
                {"timestamp":"2025-06-10T14:03:22.123456","team_name":"ops","task_id":"T1","agent_name":"a","message":"hi","message_type":"proposal"}
                {"timestamp": oops
                {"timestamp":"2025-06-10T14:04:00","team_name":"ops","task_id":"T1","agent_name":"system","message":"done","message_type":"task_completion","metadata":{"outcome":"success"}}
                """);

        CommandRun result = kaizen("analyze", "--logs", logs.toString(), "--state-dir", state());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Team metrics: ops").contains("Skipped input (1 lines)")
                .contains(logs + ":2: invalid JSON");
    }

    @Test
    void givenAMissingLogFile_whenAnalyzed_thenAClearErrorAndNoStackTrace() {
        CommandRun result = kaizen("analyze", "--logs", directory.resolve("absent.jsonl").toString(), "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).isEqualTo("error: log path not found: " + directory.resolve("absent.jsonl") + "\n");
    }

    @Test
    void givenAnInvalidTeamSpec_whenRun_thenTheErrorNamesFileAndLine() throws IOException {
        Path spec = Files.writeString(directory.resolve("team.yaml"), "name: ops\nagents:\n  - role: Writer\n");
        Path logs = Files.writeString(directory.resolve("team.jsonl"), "");

        CommandRun result = kaizen("run", "--team-spec", spec.toString(), "--logs", logs.toString(), "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).startsWith("error: team spec " + spec + " line 3: 'agents[0].name' is missing")
                .doesNotContain("Exception");
    }

    @Test
    void givenSettingsInTheEnvironment_whenRun_thenTheyAreUsedAndAFlagStillWins() throws IOException {
        CommandRun result = kaizen(Map.of("KAIZEN_STATE_DIR", state(), "KAIZEN_MAX_SUBMISSIONS", "1"), "run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("1 submitted").contains("rate limited");
        assertThat(requestFiles()).hasSize(1);
    }

    @Test
    void givenAnUnsafeProposedFile_whenValidated_thenExitCodeOneAndTheViolation() throws IOException {
        Path current = Files.writeString(directory.resolve("Current.java"),
                "class A { private static final int MAX_RETRIES = 0; void run() { } }\n");
        Path proposed = Files.writeString(directory.resolve("Proposed.java"),
                "class A { private static final int MAX_RETRIES = 0; void run() { Runtime.getRuntime().exec(\"rm -rf /\"); } }\n");
        Path safe = Files.writeString(directory.resolve("Safe.java"),
                "class A { private static final int MAX_RETRIES = 2; void run() { } }\n");

        CommandRun rejected = kaizen("validate", "--current", current.toString(), "--proposed", proposed.toString());
        CommandRun json = kaizen("validate", "--current", current.toString(), "--proposed", proposed.toString(), "--json");
        CommandRun accepted = kaizen("validate", "--current", current.toString(), "--proposed", safe.toString());
        CommandRun missing = kaizen("validate", "--current", current.toString(), "--proposed", "nope.java");

        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.out()).startsWith("REJECTED").contains("line 1").contains("process-execution");
        assertThat(new ObjectMapper().readTree(json.out()).get("accepted").asBoolean()).isFalse();
        assertThat(accepted.exitCode()).as(accepted.out()).isZero();
        assertThat(accepted.out()).contains("adjust_parameters");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--proposed file not found: nope.java");
    }

    @Test
    void givenAnEditThatFitsNoCategory_whenValidated_thenAcceptedWithAWarningUnlessStrict() throws IOException {
        Path current = Files.writeString(directory.resolve("Current.java"), "class A { void run() { } }\n");
        Path proposed = Files.writeString(directory.resolve("Proposed.java"),
                "class A { void run() { System.out.println(\"running\"); } }\n");

        CommandRun text = kaizen("validate", "--current", current.toString(), "--proposed", proposed.toString());
        CommandRun json = kaizen("validate", "--current", current.toString(), "--proposed", proposed.toString(), "--json");
        CommandRun strict = kaizen("validate", "--current", current.toString(), "--proposed", proposed.toString(),
                "--strict-categories");

        assertThat(text.exitCode()).as(text.out()).isZero();
        assertThat(text.out()).startsWith("ACCEPTED").contains("warning: line 1 [category-unclassified]");
        assertThat(new ObjectMapper().readTree(json.out()).get("warnings").get(0).get("rule_id").asText())
                .isEqualTo("category-unclassified");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).startsWith("REJECTED").contains("category-unclassified");
    }

    @Test
    void givenAnUnknownRequest_whenApproved_thenAClearError() {
        CommandRun result = kaizen("review", "approve", "nope-1", "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("no request 'nope-1'");
    }

    @Test
    void givenTheExample_whenVerifiedAroundAMidweekChange_thenTheComparisonIsPrinted() {
        CommandRun result = kaizen("verify", "--changed-at", "2025-06-12", "--weeks", "1", "--state-dir", state());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Before/after: ").contains("Evidence: weaker evidence")
                .containsPattern("success rate .*% \\(\\d+\\) -> .*% \\(\\d+\\)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "analyze", "validate", "review", "verify"})
    void everySubcommandHasHelp(String subcommand) {
        CommandRun result = kaizen(subcommand, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: kaizen4j " + subcommand);
    }

    private String state() {
        return directory.resolve("state").toString();
    }

    private List<Path> requestFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("state/requests"))) {
            return files.filter(file -> file.toString().endsWith(".json") && !file.toString().endsWith(".decision.json"))
                    .sorted().toList();
        }
    }

    private static CommandRun kaizen(String... args) {
        return kaizen(Map.of(), args);
    }

    private static CommandRun kaizen(Map<String, String> environment, String... args) {
        return CommandRun.of(environment, args);
    }
}
