package dev.kaizen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.publish.PublicationStatus;
import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Published is not merged: the life cycle after an approval, on the ledger and the back-channel. */
class DecisionSyncPublicationTest {

    private static final Clock CLOCK = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private FileBackChannel channel;
    private FileImprovementLedger ledger;
    private ImprovementRequest request;
    private final AtomicReference<Optional<PublicationStatus>> pullRequest = new AtomicReference<>(Optional.empty());

    /** A publisher like a pull request: it can tell what became of the change. */
    private final ChangePublisher pullRequests = new ChangePublisher() {
        @Override
        public PublishedChange publish(ImprovementRequest request, ReviewDecision approval) {
            return new PublishedChange("pr", "https://example.test/pull/7");
        }

        @Override
        public Optional<PublicationStatus> statusOf(ImprovementRequest request) {
            return pullRequest.get();
        }
    };

    @BeforeEach
    void submitAndApprove() {
        channel = new FileBackChannel(directory.resolve("requests"), CLOCK);
        ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        request = Fixtures.request("Use the target keyword.");
        ledger.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        RequestRecord pending = ledger.find(request.id()).orElseThrow();
        ledger.append(LedgerEntry.transition(Fixtures.NOW, pending, RequestStatus.SUBMITTED, "submitted")
                .withSubmission(channel.submit(request)));
        channel.decide(request.id(), Verdict.APPROVED, "olivia", "Ship it");
    }

    @Test
    void givenAnApproval_whenSynced_thenTheChangeIsPublishedNotMerged() throws IOException {
        DecisionUpdate update = sync(pullRequests).get(0);

        assertThat(update.published().reference()).isEqualTo("https://example.test/pull/7");
        assertThat(status()).isEqualTo(RequestStatus.PUBLISHED);
        assertThat(markdown()).contains("## Status", "**published**: published by pr: https://example.test/pull/7");
    }

    @Test
    void givenAPublishedPullRequest_whenMergedAndSynced_thenMergedIsRecordedAndShown() throws IOException {
        sync(pullRequests);
        pullRequest.set(Optional.of(new PublicationStatus(PublicationStatus.State.OPEN, "https://example.test/pull/7", "")));

        assertThat(sync(pullRequests)).isEmpty();
        assertThat(status()).isEqualTo(RequestStatus.PUBLISHED);

        pullRequest.set(Optional.of(new PublicationStatus(PublicationStatus.State.MERGED, "https://example.test/pull/7",
                "merged by olivia")));
        DecisionUpdate update = sync(pullRequests).get(0);

        assertThat(update.publication().state()).isEqualTo(PublicationStatus.State.MERGED);
        RequestRecord record = ledger.find(request.id()).orElseThrow();
        assertThat(record.status()).isEqualTo(RequestStatus.MERGED);
        assertThat(record.lastNote()).isEqualTo("merged: https://example.test/pull/7 (merged by olivia)");
        assertThat(markdown()).contains("**published**", "**merged**: merged: https://example.test/pull/7");
        assertThat(sync(pullRequests)).as("a merged request is not synced again").isEmpty();
    }

    @Test
    void givenAPublishedPullRequest_whenClosedUnmerged_thenTheReasonIsRecorded() {
        sync(pullRequests);
        pullRequest.set(Optional.of(new PublicationStatus(PublicationStatus.State.CLOSED_UNMERGED,
                "https://example.test/pull/7", "pull request #7 was closed without merging")));

        sync(pullRequests);

        RequestRecord record = ledger.find(request.id()).orElseThrow();
        assertThat(record.status()).isEqualTo(RequestStatus.CLOSED_UNMERGED);
        assertThat(record.lastNote()).contains("closed without merging", "pull request #7");
    }

    @Test
    void givenAPublisherThatCannotTell_whenTheHostConfirms_thenTheRequestIsMerged() throws IOException {
        ChangePublisher patches = (request, approval) -> new PublishedChange("patch-file", "/tmp/x.patch");
        sync(patches);
        assertThat(sync(patches)).isEmpty();
        assertThat(status()).isEqualTo(RequestStatus.PUBLISHED);

        DecisionUpdate update = new DecisionSync(ledger, channel, patches, CLOCK)
                .markMerged(request.id(), "ci", "deployed in build 812");

        assertThat(update.publication().state()).isEqualTo(PublicationStatus.State.MERGED);
        assertThat(status()).isEqualTo(RequestStatus.MERGED);
        assertThat(ledger.find(request.id()).orElseThrow().lastNote())
                .isEqualTo("merged: /tmp/x.patch (confirmed applied by ci: deployed in build 812)");
        assertThat(markdown()).contains("**merged**");
    }

    @Test
    void givenARequestNotPublished_whenMarkedApplied_thenRefusedNamingItsStatus() {
        assertThatThrownBy(() -> new DecisionSync(ledger, channel, null, CLOCK).markMerged(request.id(), "ci", ""))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("request " + request.id() + " is submitted; only a published change");
        assertThatThrownBy(() -> new DecisionSync(ledger, channel, null, CLOCK).markMerged("nope", "ci", ""))
                .hasMessageContaining("no request 'nope'");
    }

    @Test
    void givenAFailingPublisher_whenSynced_thenTheRequestStaysApprovedWithTheReason() {
        ChangePublisher refusing = (request, approval) -> {
            throw KaizenException.invalidInput("team.yaml: content_creator.system_prompt holds other text");
        };

        DecisionUpdate update = sync(refusing).get(0);

        assertThat(update.publishError()).contains("holds other text");
        assertThat(status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void givenALedgerWrittenWithImplemented_whenRead_thenTheRequestIsPublished() throws IOException {
        Path old = directory.resolve("old-ledger.jsonl");
        Files.writeString(old, Files.readString(directory.resolve("ledger.jsonl")).replace("\"SUBMITTED\"",
                "\"PUBLISHED\""));

        assertThat(new FileImprovementLedger(old).find(request.id()).orElseThrow().status())
                .isEqualTo(RequestStatus.PUBLISHED);
        assertThat(RequestStatus.fromName("implemented")).isEqualTo(RequestStatus.PUBLISHED);
        assertThatThrownBy(() -> RequestStatus.fromName("DONE")).isInstanceOf(IllegalArgumentException.class);
    }

    private List<DecisionUpdate> sync(ChangePublisher publisher) {
        return new DecisionSync(ledger, channel, publisher, CLOCK).sync().updates();
    }

    private RequestStatus status() {
        return ledger.find(request.id()).orElseThrow().status();
    }

    private String markdown() throws IOException {
        return Files.readString(directory.resolve("requests").resolve(request.id() + ".md"));
    }
}
