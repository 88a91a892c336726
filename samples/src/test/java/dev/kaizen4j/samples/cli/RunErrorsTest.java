package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
