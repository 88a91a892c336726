package dev.kaizen4j.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositeBackChannelTest extends BackChannelContract {

    @TempDir
    Path directory;

    private FileBackChannel first;
    private FileBackChannel second;
    private BackChannel composite;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
        first = new FileBackChannel(directory.resolve("a"), clock);
        second = new FileBackChannel(directory.resolve("b"), clock);
        composite = BackChannel.composite(first, named("mirror", second));
    }

    @Override
    protected BackChannel channel() {
        return composite;
    }

    @Override
    protected void decide(Submission submission, Verdict verdict, String notes) {
        second.decide(submission.requestId(), verdict, "bob", notes);
    }

    @Override
    protected int requestsHeld() {
        assertThat(first.requests()).hasSameSizeAs(second.requests());
        return first.requests().size();
    }

    @Test
    void givenOneChannelDown_whenSubmitted_thenTheOtherStillTakesTheRequest() {
        BackChannel down = new BackChannel() {
            @Override
            public String name() {
                return "down";
            }

            @Override
            public Submission submit(ImprovementRequest request) {
                return Submission.failed(name(), request.id(), "503 from service", true);
            }

            @Override
            public Optional<ReviewDecision> decisionFor(Submission submission) {
                return Optional.empty();
            }
        };

        Submission submission = BackChannel.composite(down, first).submit(Fixtures.request("Use the keyword."));

        assertThat(submission.isSubmitted()).isTrue();
        assertThat(submission.externalId()).startsWith("file=");
    }

    @Test
    void givenEveryChannelDown_whenSubmitted_thenTheFailureNamesEachAndIsRetriable() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("blocked"), "x");
        FileBackChannel broken = new FileBackChannel(notADirectory.resolve("requests"));

        Submission submission = BackChannel.composite(broken).submit(Fixtures.request("Use the keyword."));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.retriable()).isTrue();
        assertThat(submission.error()).startsWith("file: cannot write");
    }

    /** The same channel under another name, so both parts of the composite can be told apart. */
    private static BackChannel named(String name, BackChannel channel) {
        return new BackChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Submission submit(ImprovementRequest request) {
                Submission inner = channel.submit(request);
                return inner.isSubmitted()
                        ? Submission.submitted(name, request.id(), inner.externalId(), inner.link())
                        : Submission.failed(name, request.id(), inner.error(), inner.retriable());
            }

            @Override
            public Optional<ReviewDecision> decisionFor(Submission submission) {
                return channel.decisionFor(submission);
            }
        };
    }
}
