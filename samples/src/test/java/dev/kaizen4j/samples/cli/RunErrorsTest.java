package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunErrorsTest {

    @TempDir
    Path directory;

    @Test
    void givenABackChannelThatCannotTakeRequests_whenRun_thenTheErrorsArePrintedAndTheExitCodeIsOne()
            throws IOException {
        Path state = Files.createDirectories(directory.resolve("state"));
        Files.writeString(state.resolve("requests"), "a file where the request directory should be");

        CommandRun run = CommandRun.of(Map.of(), "run", "--state-dir", state.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(RunCommand.EXIT_CYCLE_ERRORS);
        assertThat(run.out()).containsPattern("Errors \\(\\d+\\)")
                .containsPattern("submission marketing-team-[0-9a-f]{8} on file: submission failed: cannot write to")
                .contains("(retried next run)")
                .contains("error(s) (listed above)");
    }

    @Test
    void givenAMalformedDecisionFile_whenSynced_thenItIsNamedWithItsLineAndTheExitCodeIsOneUntilItIsFixed()
            throws IOException {
        // given
        Path state = Files.createDirectories(directory.resolve("state"));
        CommandRun.of(Map.of(), "run", "--state-dir", state.toString());
        Path request;
        try (Stream<Path> files = Files.list(state.resolve("requests"))) {
            request = files.filter(file -> file.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        String id = request.getFileName().toString().replace(".json", "");
        Files.writeString(state.resolve("requests").resolve(id + ".decision.json"),
                "{\n  \"verdict\": \"APPROVED\"\n  \"reviewer\": \"alice\"\n}");

        // when
        CommandRun sync = CommandRun.of(Map.of(), "review", "sync", "--state-dir", state.toString());
        CommandRun run = CommandRun.of(Map.of(), "run", "--state-dir", state.toString());

        // then
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(RunCommand.EXIT_CYCLE_ERRORS);
        assertThat(sync.out()).contains("0 decisions picked up").contains("Errors (1)")
                .contains("decision " + id + " on file: the decision could not be read: unreadable decision file")
                .contains(id + ".decision.json").contains("line 3").contains("the next sync asks again");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(RunCommand.EXIT_CYCLE_ERRORS);
        assertThat(run.out()).contains("decision " + id + " on file: the decision could not be read");
        assertThat(CommandRun.of(Map.of(), "review", "list", "--state-dir", state.toString()).out())
                .containsPattern(id + "\\s+submitted");

        // and when the reviewer fixes the file
        Files.writeString(state.resolve("requests").resolve(id + ".decision.json"),
                "{\"verdict\": \"REJECTED\", \"reviewer\": \"alice\", \"notes\": \"not now\","
                        + " \"decided_at\": \"2025-06-16T10:00:00Z\"}");
        CommandRun fixed = CommandRun.of(Map.of(), "review", "sync", "--state-dir", state.toString());
        assertThat(fixed.exitCode()).as(fixed.out() + fixed.err()).isZero();
        assertThat(fixed.out()).contains("1 decisions picked up").contains(id + ": rejected by alice");
    }

    @Test
    void givenAnotherRequestsMalformedDecisionFile_whenOneIsApproved_thenItIsRecordedAndTheOtherIsNamedAsUnread()
            throws IOException {
        // given
        Path state = Files.createDirectories(directory.resolve("state"));
        CommandRun.of(Map.of(), "run", "--state-dir", state.toString());
        List<String> ids;
        try (Stream<Path> files = Files.list(state.resolve("requests"))) {
            ids = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .map(name -> name.replace(".json", "")).sorted().toList();
        }
        String broken = ids.get(0);
        String approved = ids.get(1);
        Files.writeString(state.resolve("requests").resolve(broken + ".decision.json"), "{\n  \"verdict\": \"APPROVED\",");

        // when
        CommandRun approve = CommandRun.of(Map.of(), "review", "approve", approved, "--reviewer", "alice",
                "--state-dir", state.toString());

        // then
        assertThat(approve.exitCode()).as(approve.out() + approve.err()).isZero();
        assertThat(approve.out()).contains("Ledger: " + approved + " is now published").contains("Errors (1)")
                .contains("decision " + broken + " on file: the decision could not be read")
                .contains(broken + ".decision.json").contains("the next sync asks again");
        assertThat(CommandRun.of(Map.of(), "review", "list", "--state-dir", state.toString()).out())
                .containsPattern(broken + "\\s+submitted");
    }

    @Test
    void givenTheRequestsCanBeWrittenAgain_whenRunAgain_thenThePendingOnesAreSubmittedAndTheExitCodeIsZero()
            throws IOException {
        Path state = Files.createDirectories(directory.resolve("state"));
        Path blocker = Files.writeString(state.resolve("requests"), "a file where the request directory should be");
        CommandRun.of(Map.of(), "run", "--state-dir", state.toString());
        Files.delete(blocker);

        CommandRun run = CommandRun.of(Map.of(), "run", "--state-dir", state.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("retried marketing-team-").contains(": submitted — submitted to file")
                .doesNotContain("Errors (");
    }
}
