package dev.kaizen4j.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.review.contract.BackChannelContract;
import dev.kaizen4j.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
        first = file("a");
        second = file("b");
        composite = BackChannel.composite(first, named("mirror", second));
    }

    private FileBackChannel file(String folder) {
        return new FileBackChannel(directory.resolve(folder), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    }

    @Override
    protected BackChannel channel() {
        return composite;
    }

    @Override
    protected BackChannel restartedChannel() {
        return BackChannel.composite(file("a"), named("mirror", file("b")));
    }

    @Override
    protected boolean readsFailWithTheBackend() {
        return false; // the unwritable folder holds no decision files: reading it finds none
    }

    @Override
    protected BackChannel channelWithBackendDown() {
        FileBackChannel down = FileBackChannelTest.unwritable(directory);
        return BackChannel.composite(down, named("mirror", new FileBackChannel(down.directory().resolve("b"))));
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

    @Override
    protected String sentToBackend() {
        return FileBackChannelTest.filesIn(directory);
    }

    @Test
    void givenOneChannelDown_whenSubmitted_thenTheOtherTakesTheRequestAndTheFailedPartIsKept() {
        Submission submission = BackChannel.composite(down("slack"), first).submit(Fixtures.request("Use the keyword."));

        assertThat(submission.isSubmitted()).isTrue();
        assertThat(submission.isPartial()).isTrue();
        assertThat(submission.externalId()).startsWith("file=");
        assertThat(submission.part("slack")).get().extracting(Submission::error).isEqualTo("503 from service");
    }

    @Test
    void givenAPartialSubmission_whenRetried_thenOnlyTheFailedChannelIsSubmittedAgain() {
        ImprovementRequest request = Fixtures.request("Use the keyword.");
        AtomicInteger flakyCalls = new AtomicInteger();
        List<ImprovementRequest> stableCalls = new ArrayList<>();
        BackChannel stable = recording("file", stableCalls, first);
        BackChannel flaky = new Failing("slack") {
            @Override
            public Submission submit(ImprovementRequest r) {
                return flakyCalls.incrementAndGet() == 1 ? super.submit(r) : Submission.submitted(name(), r.id(), "ts-1", null);
            }
        };
        BackChannel channels = BackChannel.composite(stable, flaky);
        Submission partial = channels.submit(request);

        Submission retried = channels.retry(request, partial);

        assertThat(stableCalls).hasSize(1);
        assertThat(flakyCalls).hasValue(2);
        assertThat(retried.isPartial()).isFalse();
        assertThat(retried.externalId()).isEqualTo("file=" + partial.part("file").orElseThrow().externalId() + ";slack=ts-1");
    }

    @Test
    void givenEveryChannelDown_whenSubmitted_thenTheFailureNamesEachAndIsRetriable() {
        Submission submission = BackChannel.composite(down("slack"), down("teams")).submit(Fixtures.request("Use it."));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.retriable()).isTrue();
        assertThat(submission.error()).isEqualTo("slack: 503 from service; teams: 503 from service");
        assertThat(submission.parts()).hasSize(2);
    }

    @Test
    void givenTwoChannelsWithTheSameName_whenComposed_thenTheyAreRefused() {
        assertThatThrownBy(() -> BackChannel.composite(file("x"), file("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two back-channels are named 'file'");
    }

    @Test
    void givenAnApprovalAndALaterConcurrentRejection_whenResolved_thenTheRejectionWinsAndNamesTheApproval() {
        Instant at = Fixtures.NOW;
        ReviewDecision approval = new ReviewDecision(Verdict.APPROVED, "alice", "ok", at);
        ReviewDecision rejection = new ReviewDecision(Verdict.REJECTED, "bob", "unsafe", at.plusSeconds(600));

        ReviewDecision resolved = CompositeBackChannel.resolve(List.of(
                new CompositeBackChannel.Found("github:acme/agents", approval),
                new CompositeBackChannel.Found("slack", rejection)));

        assertThat(resolved.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(resolved.reviewer()).isEqualTo("bob");
        assertThat(resolved.notes()).startsWith("unsafe").contains("approved by alice on github:acme/agents");
    }

    @Test
    void givenARejectionLongAfterAnApproval_whenResolved_thenTheFirstDecisionInTimeWins() {
        ReviewDecision approval = new ReviewDecision(Verdict.APPROVED, "alice", "", Fixtures.NOW);
        ReviewDecision late = new ReviewDecision(Verdict.REJECTED, "bob", "", Fixtures.NOW.plusSeconds(3600));

        ReviewDecision resolved = CompositeBackChannel.resolve(List.of(
                new CompositeBackChannel.Found("slack", late), new CompositeBackChannel.Found("file", approval)));

        assertThat(resolved.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(resolved.notes()).isEqualTo("decided on file; overruled: rejected by bob on slack at "
                + Fixtures.NOW.plusSeconds(3600));
    }

    @Test
    void givenConflictingDecisionsOnTwoChannels_whenRead_thenTheRejectionWinsAndOnlyHoldingChannelsAreAsked() {
        ImprovementRequest request = Fixtures.request("Use the keyword.");
        Submission submission = composite.submit(request);
        first.decide(request.id(), Verdict.APPROVED, "alice", "fine");
        second.decide(request.id(), Verdict.REJECTED, "bob", "unsafe");

        Optional<ReviewDecision> decision = composite.decisionFor(submission);

        assertThat(decision).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void givenOnePartThatCannotBeRead_whenReadingDecisions_thenTheRequestIsUnreadUntilAReadablePartDecidesIt() {
        // given
        BackChannel unreadable = new Failing("slack") {
            @Override
            public Submission submit(ImprovementRequest request) {
                return Submission.submitted(name(), request.id(), "ts-1", null);
            }

            @Override
            public Optional<ReviewDecision> decisionFor(Submission submission) {
                throw new IllegalStateException("invalid_auth");
            }
        };
        BackChannel both = BackChannel.composite(first, unreadable);
        ImprovementRequest request = Fixtures.request("Use the keyword.");
        Submission submission = both.submit(request);

        // when
        DecisionRead undecided = both.readDecisions(List.of(submission));

        // then
        assertThat(undecided.decisions()).isEmpty();
        assertThat(undecided.unread()).containsOnlyKeys(request.id());
        assertThat(undecided.unread().get(request.id())).isEqualTo("slack: invalid_auth");

        // and when the readable part holds a decision, it decides
        first.decide(request.id(), Verdict.APPROVED, "alice", "fine");
        DecisionRead decided = both.readDecisions(List.of(submission));
        assertThat(decided.complete()).isTrue();
        assertThat(decided.decisions()).containsOnlyKeys(request.id());
    }

    @Test
    void givenAStatusChange_whenShown_thenEveryChannelHoldingTheRequestSeesIt() {
        List<String> shown = new ArrayList<>();
        BackChannel a = showing("file", shown, first);
        BackChannel b = showing("mirror", shown, second);
        BackChannel both = BackChannel.composite(a, b, down("slack"));
        Submission submission = both.submit(Fixtures.request("Use the keyword."));

        both.statusChanged(submission, RequestStatus.REJECTED, "rejected on mirror");

        assertThat(shown).containsExactly("file:REJECTED", "mirror:REJECTED");
    }

    @Test
    void givenAComposite_whenClosed_thenEveryChannelIsClosedEvenWhenOneFails() {
        List<String> closed = new ArrayList<>();
        BackChannel failing = new Failing("slack") {
            @Override
            public void close() {
                closed.add(name());
                throw new IllegalStateException("socket already closed");
            }
        };
        BackChannel other = new Failing("teams") {
            @Override
            public void close() {
                closed.add(name());
            }
        };

        BackChannel.composite(failing, other).close();

        assertThat(closed).containsExactly("slack", "teams");
    }

    @Test
    void givenOnePartDeliveringDecisions_whenAsked_thenTheCompositeDeliversThemAndOnlyThen() {
        BackChannel pushing = new Failing("chat") {
            @Override
            public boolean deliversDecisions() {
                return true;
            }
        };

        assertThat(BackChannel.composite(down("teams"), pushing).deliversDecisions()).isTrue();
        assertThat(BackChannel.composite(down("teams"), first).deliversDecisions()).isFalse();
    }

    private static BackChannel down(String name) {
        return new Failing(name);
    }

    /** A channel whose service answers 503 to every submission. */
    private static class Failing implements BackChannel {
        private final String name;

        Failing(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Submission submit(ImprovementRequest request) {
            return Submission.failed(name, request.id(), "503 from service", true);
        }

        @Override
        public Optional<ReviewDecision> decisionFor(Submission submission) {
            return Optional.empty();
        }
    }

    private static BackChannel recording(String name, List<ImprovementRequest> calls, BackChannel channel) {
        return new Named(name, channel) {
            @Override
            public Submission submit(ImprovementRequest request) {
                calls.add(request);
                return super.submit(request);
            }
        };
    }

    private static BackChannel showing(String name, List<String> shown, BackChannel channel) {
        return new Named(name, channel) {
            @Override
            public void statusChanged(Submission submission, RequestStatus status, String note) {
                shown.add(submission.channel() + ":" + status);
            }
        };
    }

    /** The same channel under another name, so both parts of the composite can be told apart. */
    private static BackChannel named(String name, BackChannel channel) {
        return new Named(name, channel);
    }

    private static class Named implements BackChannel {
        private final String name;
        private final BackChannel channel;

        Named(String name, BackChannel channel) {
            this.name = name;
            this.channel = channel;
        }

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
    }
}
