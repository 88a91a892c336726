package dev.kaizen4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionListener;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionSyncTest {

    private static final Clock CLOCK = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final ImprovementLedger ledger = new InMemoryImprovementLedger();

    @Test
    void givenARequestSubmittedToAnotherChannel_whenSyncing_thenThisChannelIsNotAskedAboutIt() {
        FileBackChannel files = new FileBackChannel(directory.resolve("requests"), CLOCK);
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        files.submit(request);
        files.decide(request.id(), Verdict.APPROVED, "mallory", "approved where nobody reviews");
        submitted(request, Submission.submitted("github:acme/agents", request.id(), "12", null));

        List<DecisionUpdate> updates = new DecisionSync(ledger, files, null, CLOCK).sync().updates();

        assertThat(updates).isEmpty();
        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void givenAPartOfACompositeSubmission_whenTheFileChannelAloneSyncs_thenItReadsItsOwnPart() {
        FileBackChannel files = new FileBackChannel(directory.resolve("requests"), CLOCK);
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        Submission file = files.submit(request);
        Submission github = Submission.submitted("github:acme/agents", request.id(), "12", null);
        submitted(request, new Submission("file+github:acme/agents", request.id(), "file=x;github:acme/agents=12",
                null, null, false, List.of(file, github)));
        files.decide(request.id(), Verdict.REJECTED, "alice", "too vague");

        List<DecisionUpdate> updates = new DecisionSync(ledger, files, null, CLOCK).sync().updates();

        assertThat(updates).singleElement().satisfies(u -> assertThat(u.decision().verdict()).isEqualTo(Verdict.REJECTED));
        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void givenManySubmittedRequests_whenSyncing_thenTheChannelIsAskedOnceForAll() {
        BatchingChannel channel = new BatchingChannel();
        for (String lesson : List.of("One.", "Two.", "Three.")) {
            ImprovementRequest request = Fixtures.request(lesson);
            submitted(request, Submission.submitted(channel.name(), request.id(), "m-" + lesson, null));
        }
        String decided = ledger.records().get(1).requestId();
        channel.decisions.put(decided, new ReviewDecision(Verdict.NEEDS_WORK, "alice", "Say why", Fixtures.NOW));

        List<DecisionUpdate> updates = new DecisionSync(ledger, channel, null, CLOCK).sync().updates();

        assertThat(channel.batches).containsExactly(3);
        assertThat(updates).extracting(DecisionUpdate::requestId).containsExactly(decided);
        assertThat(ledger.find(decided).orElseThrow().status()).isEqualTo(RequestStatus.NEEDS_WORK);
    }

    @Test
    void givenAMalformedDecisionFile_whenSyncing_thenItIsReportedWithItsLineAndTheOtherDecisionIsRecorded()
            throws Exception {
        // given
        Path requests = directory.resolve("requests");
        FileBackChannel files = new FileBackChannel(requests, CLOCK);
        ImprovementRequest good = Fixtures.request("Use the target keyword.");
        ImprovementRequest broken = Fixtures.request("Cite the source.");
        submitted(good, files.submit(good));
        submitted(broken, files.submit(broken));
        files.decide(good.id(), Verdict.APPROVED, "alice", "fine");
        Files.writeString(requests.resolve(broken.id() + ".decision.json"), "{\n  \"verdict\": \"APPROVED\",\n  \"reviewer\" \"bob\"\n}");

        // when
        SyncResult sync = new DecisionSync(ledger, files, null, CLOCK).sync();

        // then
        assertThat(sync.updates()).extracting(DecisionUpdate::requestId).containsExactly(good.id());
        assertThat(sync.complete()).isFalse();
        assertThat(sync.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(CycleError.Kind.DECISION);
            assertThat(error.requestId()).isEqualTo(broken.id());
            assertThat(error.channel()).isEqualTo(files.name());
            assertThat(error.retriable()).isTrue();
            assertThat(error.message()).contains(broken.id() + ".decision.json").contains("line 3");
        });
        assertThat(ledger.find(broken.id()).orElseThrow().status()).isEqualTo(RequestStatus.SUBMITTED);

        // and when the reviewer fixes the file, the next sync records it
        files.decide(broken.id(), Verdict.REJECTED, "bob", "no source given");
        SyncResult next = new DecisionSync(ledger, files, null, CLOCK).sync();
        assertThat(next.complete()).isTrue();
        assertThat(next.updates()).extracting(DecisionUpdate::requestId).containsExactly(broken.id());
        assertThat(ledger.find(broken.id()).orElseThrow().status()).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void givenAChannelThatCannotBeReached_whenSyncing_thenEveryRequestAskedIsReportedUnreadAndStaysSubmitted() {
        // given
        BatchingChannel channel = new BatchingChannel();
        channel.down = true;
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        submitted(request, Submission.submitted(channel.name(), request.id(), "m-1", null));

        // when
        SyncResult sync = new DecisionSync(ledger, channel, null, CLOCK).sync();

        // then
        assertThat(sync.updates()).isEmpty();
        assertThat(sync.errors()).singleElement().satisfies(error -> {
            assertThat(error.requestId()).isEqualTo(request.id());
            assertThat(error.message()).contains("connection refused");
        });
        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void givenADecisionPushedByTheChannel_whenReceived_thenItIsRecordedShownAndPublished() throws Exception {
        BatchingChannel channel = new BatchingChannel();
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        submitted(request, Submission.submitted(channel.name(), request.id(), "m-1", null));
        List<String> published = new ArrayList<>();
        ChangePublisher publisher = (approved, approval) -> {
            published.add(approved.id() + " approved by " + approval.reviewer());
            return new PublishedChange("test", approved.id() + ".patch");
        };
        DecisionListener listener = new DecisionSync(ledger, channel, publisher, CLOCK).listener(Fixtures.TEAM);

        listener.decided(channel.name(), request.id(),
                new ReviewDecision(Verdict.APPROVED, "alice", "ship it", Fixtures.NOW));

        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.PUBLISHED);
        assertThat(published).containsExactly(request.id() + " approved by alice");
        assertThat(channel.shown).containsExactly("APPROVED", "PUBLISHED");
        assertThat(channel.batches).as("a pushed decision needs no polling").isEmpty();
    }

    @Test
    void givenADecisionPushedFromAChannelTheRequestWasNotSubmittedTo_whenReceived_thenItIsIgnored() {
        BatchingChannel channel = new BatchingChannel();
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        submitted(request, Submission.submitted(channel.name(), request.id(), "m-1", null));
        DecisionListener listener = new DecisionSync(ledger, channel, null, CLOCK).listener(null);

        listener.decided("teams", request.id(), new ReviewDecision(Verdict.APPROVED, "eve", "", Fixtures.NOW));
        listener.decided(channel.name(), "marketing-team-unknown",
                new ReviewDecision(Verdict.APPROVED, "eve", "", Fixtures.NOW));

        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void givenAPushChannel_whenACycleIsBuilt_thenTheCycleListensToIt() {
        BatchingChannel channel = new BatchingChannel();

        ImprovementCycle.builder().team(TeamSpec.named(Fixtures.TEAM))
                .source((query, problems) -> Stream.empty())
                .backChannel(channel).ledger(ledger).clock(CLOCK).build();

        assertThat(channel.listeners).hasSize(1);
    }

    @Test
    void givenACycleBuiltNotToListen_whenRun_thenItRegistersNoListenerAndStillRecordsTheDecisionMadeMeanwhile() {
        // given
        BatchingChannel channel = new BatchingChannel();
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        submitted(request, Submission.submitted(channel.name(), request.id(), "m-1", null));
        channel.decisions.put(request.id(), new ReviewDecision(Verdict.APPROVED, "alice", "fine", Fixtures.NOW));

        // when
        CycleResult result = ImprovementCycle.builder().team(TeamSpec.named(Fixtures.TEAM))
                .source((query, problems) -> Stream.empty())
                .backChannel(channel).ledger(ledger).clock(CLOCK)
                .listenForDecisions(false)
                .build()
                .run();

        // then
        assertThat(channel.listeners).isEmpty();
        assertThat(result.decisions()).extracting(DecisionUpdate::requestId).containsExactly(request.id());
        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.APPROVED);
    }

    private void submitted(ImprovementRequest request, Submission submission) {
        ledger.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        ledger.append(LedgerEntry.transition(Fixtures.NOW, ledger.find(request.id()).orElseThrow(),
                RequestStatus.SUBMITTED, null).withSubmission(submission));
    }

    /** A channel that reads many decisions in one call, records what it is asked and shown, and takes listeners. */
    private static final class BatchingChannel implements BackChannel {
        final Map<String, ReviewDecision> decisions = new HashMap<>();
        final List<Integer> batches = new ArrayList<>();
        final List<String> shown = new ArrayList<>();
        final List<DecisionListener> listeners = new ArrayList<>();
        /** Whether every read fails as an unreachable server would. */
        boolean down;

        @Override
        public String name() {
            return "chat";
        }

        @Override
        public Submission submit(ImprovementRequest request) {
            return Submission.submitted(name(), request.id(), "m-" + request.id(), null);
        }

        @Override
        public Optional<ReviewDecision> decisionFor(Submission submission) {
            if (down) {
                throw unreachable();
            }
            throw new AssertionError("asked one by one");
        }

        @Override
        public Map<String, ReviewDecision> decisionsFor(Collection<Submission> submissions) {
            if (down) {
                throw unreachable();
            }
            batches.add(submissions.size());
            Map<String, ReviewDecision> found = new LinkedHashMap<>();
            submissions.forEach(s -> Optional.ofNullable(decisions.get(s.requestId())).ifPresent(d -> found.put(s.requestId(), d)));
            return found;
        }

        private static RuntimeException unreachable() {
            return new java.io.UncheckedIOException(new java.net.ConnectException("connection refused"));
        }

        @Override
        public void statusChanged(Submission submission, RequestStatus status, String note) {
            shown.add(status.name());
        }

        @Override
        public void decisionsTo(DecisionListener listener) {
            listeners.add(listener);
        }
    }
}
