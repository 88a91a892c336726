package dev.kaizen4j.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.contract.BackChannelContract;
import dev.kaizen4j.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBackChannelTest extends BackChannelContract {

    @TempDir
    Path directory;

    private FileBackChannel channel;

    @BeforeEach
    void setUp() {
        channel = new FileBackChannel(directory.resolve("requests"), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    }

    @Override
    protected BackChannel channel() {
        return channel;
    }

    @Override
    protected void decide(Submission submission, Verdict verdict, String notes) {
        channel.decide(submission.requestId(), verdict, "alice", notes);
    }

    @Override
    protected BackChannel restartedChannel() {
        return new FileBackChannel(directory.resolve("requests"), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    }

    @Override
    protected boolean readsFailWithTheBackend() {
        return false; // the unwritable folder holds no decision files: reading it finds none
    }

    @Override
    protected BackChannel channelWithBackendDown() {
        return unwritable(directory);
    }

    @Override
    protected int requestsHeld() {
        return channel.requests().size();
    }

    @Override
    protected String sentToBackend() {
        return filesIn(directory);
    }

    /** A file channel whose directory lies below a regular file, so nothing can be written. */
    static FileBackChannel unwritable(Path directory) {
        try {
            Path file = Files.writeString(directory.resolve("not-a-directory"), "x");
            return new FileBackChannel(file.resolve("requests"));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The text of every file below {@code directory}. */
    static String filesIn(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                text.append(Files.readString(file)).append('\n');
            }
            return text.toString();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @Test
    void givenASubmission_thenAMarkdownFileShowsRationaleEvidenceAndDiff() throws IOException {
        ImprovementRequest request = Fixtures.request("Use the target keyword.");

        channel.submit(request);

        String markdown = Files.readString(directory.resolve("requests").resolve(request.id() + ".md"));
        assertThat(markdown)
                .contains(request.title())
                .contains("### Rationale")
                .contains("missed in 73%")
                .contains("TASK-003 step 4")
                .contains("```diff")
                .contains("+- Use the target keyword.");
    }

    @Test
    void givenAnUnknownRequestId_whenDeciding_thenTheErrorNamesIt() {
        assertThatThrownBy(() -> channel.decide("nope-123", Verdict.APPROVED, "alice", ""))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("nope-123");
    }

    @Test
    void givenAnUnwritableDirectory_whenSubmitting_thenTheErrorSaysItCannotWrite() {
        Submission submission = unwritable(directory).submit(Fixtures.request("Use the target keyword."));

        assertThat(submission.error()).contains("cannot write");
    }

    @Test
    void givenASubmission_thenNoTemporaryFilesAreLeftBehind() throws IOException {
        channel.submit(Fixtures.request("Use the target keyword."));

        try (Stream<Path> files = Files.list(directory.resolve("requests"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }
}
