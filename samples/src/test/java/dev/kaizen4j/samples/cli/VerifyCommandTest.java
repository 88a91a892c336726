package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.experiment.Rollout;
import dev.kaizen4j.experiment.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    private static final String KEY = "writer-checklist";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void givenAnExperimentsLogs_whenVerifiedAsJson_thenTheDocumentedShapeIsPrinted() throws IOException {
        Path logs = log(1000, 0.70, 0.80, false);

        CommandRun result = kaizen("verify", "--logs", logs.toString(), "--experiment", KEY, "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("experiment").asText()).isEqualTo(KEY);
        assertThat(json.get("decision").asText()).isEqualTo("effective");
        assertThat(json.get("srm").get("expected_share").asDouble()).isEqualTo(0.5);
        assertThat(json.get("srm").get("control").asLong() + json.get("srm").get("treatment").asLong()).isEqualTo(1000);
        JsonNode success = json.get("metrics").get(0);
        assertThat(success.get("name").asText()).isEqualTo("success_rate");
        assertThat(success.get("primary").asBoolean()).isTrue();
        assertThat(Stream.of("relative_lift", "ci_low", "ci_high", "p_value", "adjusted_p_value", "absolute_difference"))
                .allSatisfy(field -> assertThat(success.get(field).isNumber()).as(field).isTrue());
        assertThat(success.get("needed_per_arm").isNull()).isTrue();
        assertThat(success.get("control").get("n").asLong()).isEqualTo(json.get("srm").get("control").asLong());
        assertThat(json.get("tasks").get("hash_mismatches").asLong()).isZero();
        assertThat(json.get("metrics")).extracting(m -> m.get("name").asText()).containsExactly("success_rate",
                "error_rate", "tool_error_rate", "duration_seconds", "tokens_per_task");
    }

    @Test
    void givenAnExperimentsLogs_whenVerified_thenAReadableTableIsPrinted() throws IOException {
        Path logs = log(200, 0.70, 0.72, false);

        CommandRun result = kaizen("verify", "--logs", logs.toString(), "--experiment", KEY, "--alpha", "0.1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Experiment writer-checklist: INCONCLUSIVE")
                .contains("Sample ratio: control").contains("90% CI")
                .containsPattern("success_rate \\*\\s+0\\.\\d+ \\(\\d+\\)")
                .contains("Needed: about ").contains("tasks with an outcome per arm");
    }

    @Test
    void givenLogsThatBreakTheSplit_whenVerified_thenTheExperimentIsInvalid() throws IOException {
        Path logs = log(1000, 0.70, 0.80, true);

        CommandRun result = kaizen("verify", "--logs", logs.toString(), "--experiment", KEY, "--json");

        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("decision").asText()).isEqualTo("invalid");
        assertThat(json.get("srm").get("p_value").asDouble()).isLessThan(0.001);
        assertThat(json.get("reasons").get(0).asText()).startsWith("sample-ratio mismatch");
    }

    @Test
    void givenAnApprovedRequest_whenVerifiedWithRequest_thenTheLedgerRecordsTheVerdictAndTheEvidenceIsKept()
            throws IOException {
        kaizen("run", "--state-dir", state());
        String id = firstRequestId();
        kaizen("review", "approve", id, "--state-dir", state());
        Path logs = log(1000, 0.70, 0.80, false);

        CommandRun result = kaizen("verify", "--logs", logs.toString(), "--experiment", KEY, "--request", id,
                "--state-dir", state());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Recorded verified_effective for " + id);
        assertThat(Files.readString(directory.resolve("state/ledger.jsonl"))).contains("\"status\":\"VERIFIED_EFFECTIVE\"");
        assertThat(directory.resolve("state/verifications/" + id + ".json")).exists();
        assertThat(kaizen("review", "list", "--state-dir", state()).out()).containsPattern(id + "\\s+verified effective");
    }

    @Test
    void givenARequestAwaitingReview_whenVerified_thenAClearError() throws IOException {
        kaizen("run", "--state-dir", state());
        Path logs = log(100, 0.7, 0.7, false);

        CommandRun result = kaizen("verify", "--logs", logs.toString(), "--experiment", KEY, "--request",
                firstRequestId(), "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("is submitted; only published or merged requests");
    }

    @Test
    void givenNeitherOrBothModes_thenAClearError() throws IOException {
        Path logs = log(10, 0.7, 0.7, false);

        CommandRun neither = kaizen("verify", "--logs", logs.toString());
        CommandRun both = kaizen("verify", "--logs", logs.toString(), "--experiment", KEY, "--changed-at", "2025-06-12");
        CommandRun badSplit = kaizen("verify", "--logs", logs.toString(), "--experiment", KEY, "--split", "1.5");

        assertThat(neither.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(neither.err()).contains("give either --experiment KEY");
        assertThat(both.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(badSplit.err()).contains("treatment share must be within").contains("was 1.5");
    }

    @Test
    void givenTheExample_whenVerifiedBeforeAndAfterAsJson_thenItIsLabelledWeakerEvidence() throws IOException {
        CommandRun result = kaizen("verify", "--changed-at", "2025-06-12", "--json", "--state-dir", state());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("design").asText()).isEqualTo("before_after");
        assertThat(json.get("evidence").asText()).startsWith("weaker evidence");
        assertThat(json.get("srm").isNull()).isTrue();
    }

    /**
     * An experiment's log: tasks assigned by the rollout's hash (or, with {@code skewed}, a third of
     * the treatment tasks logged as control), succeeding at each arm's rate.
     */
    private Path log(int tasks, double controlRate, double treatmentRate, boolean skewed) throws IOException {
        return experimentLog(directory, tasks, controlRate, treatmentRate, skewed);
    }

    static Path experimentLog(Path directory, int tasks, double controlRate, double treatmentRate, boolean skewed)
            throws IOException {
        Rollout rollout = Rollout.of(KEY);
        SplittableRandom random = new SplittableRandom(42);
        SplittableRandom durations = new SplittableRandom(7);
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2025-06-09T09:00:00Z");
        for (int i = 0; i < tasks; i++) {
            String id = "TASK-" + i;
            Variant variant = rollout.assign(id).orElseThrow();
            boolean success = random.nextDouble() < (variant == Variant.TREATMENT ? treatmentRate : controlRate);
            String logged = skewed && variant == Variant.TREATMENT && i % 3 == 0 ? "control" : variant.key();
            Map<String, Object> tags = Map.of("experiment", KEY, "variant", logged);
            Instant at = start.plusSeconds(60L * i);
            lines.add(line(at, id, "writer", "Drafting the post.", "update", tags));
            lines.add(line(at.plusSeconds(30), id, "system", "Done.", success ? "task_completion" : "task_failed",
                    Map.of("experiment", KEY, "variant", logged, "duration_seconds", 30 + durations.nextInt(20))));
        }
        Path file = directory.resolve("experiment.jsonl");
        Files.write(file, lines);
        return file;
    }

    private static String line(Instant at, String task, String agent, String message, String type,
            Map<String, Object> metadata) throws IOException {
        return JSON.writeValueAsString(Map.of("timestamp", at.toString(), "team_name", "writer-team", "task_id", task,
                "agent_name", agent, "message", message, "message_type", type, "metadata", metadata));
    }

    private String firstRequestId() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("state/requests"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().findFirst()
                    .orElseThrow().replace(".json", "");
        }
    }

    private String state() {
        return directory.resolve("state").toString();
    }

    private static CommandRun kaizen(String... args) {
        return CommandRun.of(Map.of(), args);
    }
}
