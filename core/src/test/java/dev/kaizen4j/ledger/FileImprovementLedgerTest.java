package dev.kaizen4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImprovementLedgerTest {

    @TempDir
    Path directory;

    @Test
    void givenTransitions_whenReadByAnotherInstance_thenTheRequestStateIsFoldedFromThem() {
        Path file = directory.resolve("state/ledger.jsonl");
        FileImprovementLedger writer = new FileImprovementLedger(file);
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        writer.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        RequestRecord pending = writer.find(request.id()).orElseThrow();
        writer.append(LedgerEntry.transition(Fixtures.NOW, pending, RequestStatus.SUBMITTED, "submitted to file")
                .withSubmission(Submission.submitted("file", request.id(), "x.json", null)));
        RequestRecord submitted = writer.find(request.id()).orElseThrow();
        writer.append(LedgerEntry.transition(Fixtures.NOW, submitted, RequestStatus.APPROVED, "ship it")
                .withDecision(new ReviewDecision(Verdict.APPROVED, "alice", "ship it", Fixtures.NOW)));

        RequestRecord record = new FileImprovementLedger(file).findByFingerprint(request.fingerprint()).orElseThrow();

        assertThat(record.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(record.request()).isEqualTo(request);
        assertThat(record.submission().externalId()).isEqualTo("x.json");
        assertThat(record.decision().reviewer()).isEqualTo("alice");
        assertThat(record.history()).extracting(LedgerEntry::status).containsExactly(
                RequestStatus.PENDING_SUBMISSION, RequestStatus.SUBMITTED, RequestStatus.APPROVED);
    }

    @Test
    void givenATornLastLine_whenReadAndAppendedTo_thenNoEntryIsLost() throws IOException {
        Path file = directory.resolve("ledger.jsonl");
        FileImprovementLedger ledger = new FileImprovementLedger(file);
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        ledger.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        Files.writeString(file, "{\"at\":\"2025-06-16T09:00:00Z\",\"request_id\":", StandardOpenOption.APPEND);

        assertThat(ledger.records()).singleElement()
                .extracting(RequestRecord::status).isEqualTo(RequestStatus.PENDING_SUBMISSION);

        ImprovementRequest next = Fixtures.request("Cite the source.");
        new FileImprovementLedger(file).append(LedgerEntry.of(Fixtures.NOW, next, RequestStatus.PENDING_SUBMISSION, null));
        assertThat(new FileImprovementLedger(file).records()).extracting(RequestRecord::requestId)
                .containsExactly(request.id(), next.id());
    }

    @Test
    void givenAnEntryForAnUnknownRequestWithoutTheRequest_whenAppended_thenItIsRefusedAndNothingIsWritten() {
        Path file = directory.resolve("ledger.jsonl");
        FileImprovementLedger ledger = new FileImprovementLedger(file);
        LedgerEntry orphan = new LedgerEntry(Fixtures.NOW, "ghost-1", "abc", RequestStatus.SUBMITTED, null, null, null,
                null);

        assertThatThrownBy(() -> ledger.append(orphan))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("ghost-1");
        assertThat(file).doesNotExist();
    }

    @Test
    void givenAnInMemoryLedger_thenItFoldsLikeTheFileLedger() {
        InMemoryImprovementLedger ledger = new InMemoryImprovementLedger();
        ImprovementRequest request = Fixtures.request("Use the target keyword.");

        ledger.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.REJECTED_BY_VALIDATION, "secret found"));

        assertThat(ledger.find(request.id())).get().satisfies(record -> {
            assertThat(record.status()).isEqualTo(RequestStatus.REJECTED_BY_VALIDATION);
            assertThat(record.lastNote()).isEqualTo("secret found");
        });
    }

    @Test
    void givenAnApprovedRequest_whenApprovedAgain_thenTheLedgerRefusesNamingTheRequestAndBothStatuses() {
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        RequestRecord approved = approve(ledger, request);
        LedgerEntry again = LedgerEntry.transition(Fixtures.NOW, approved, RequestStatus.APPROVED, "again")
                .withDecision(new ReviewDecision(Verdict.APPROVED, "bob", "again", Fixtures.NOW));

        assertThatThrownBy(() -> ledger.append(again))
                .isInstanceOfSatisfying(IllegalTransitionException.class, refused -> {
                    assertThat(refused.requestId()).isEqualTo(request.id());
                    assertThat(refused.from()).isEqualTo(RequestStatus.APPROVED);
                    assertThat(refused.to()).isEqualTo(RequestStatus.APPROVED);
                    assertThat(refused.kind()).isEqualTo(KaizenException.Kind.INVALID_INPUT);
                })
                .hasMessageContaining(request.id()).hasMessageContaining("from APPROVED to APPROVED");
        assertThat(ledger.find(request.id()).orElseThrow().history()).hasSize(3);
    }

    @Test
    void givenAFinalStatus_whenAnythingFollows_thenItIsRefused() {
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        RequestRecord submitted = submit(ledger, request);
        ledger.append(LedgerEntry.transition(Fixtures.NOW, submitted, RequestStatus.REJECTED, "no"));
        RequestRecord rejected = ledger.find(request.id()).orElseThrow();

        assertThatThrownBy(() -> ledger.append(LedgerEntry.transition(Fixtures.NOW, rejected, RequestStatus.PUBLISHED,
                "published anyway")))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("from REJECTED to PUBLISHED").hasMessageContaining("rejected is final");
    }

    @Test
    void givenARequestSubmittedToAChannel_whenSubmittedThereAgain_thenRefusedButAnotherChannelIsAccepted() {
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        RequestRecord submitted = submit(ledger, request);

        assertThatThrownBy(() -> ledger.append(LedgerEntry.transition(Fixtures.NOW, submitted, RequestStatus.SUBMITTED,
                "again").withSubmission(Submission.submitted("file", request.id(), "x.json", null))))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already submitted to file");
        ledger.append(LedgerEntry.transition(Fixtures.NOW, submitted, RequestStatus.SUBMITTED, "to github")
                .withSubmission(Submission.submitted("github", request.id(), "42", null)));
        assertThat(ledger.find(request.id()).orElseThrow().submission().channel()).isEqualTo("github");
    }

    @Test
    void givenAClaimedFingerprint_whenClaimedAgain_thenNothingIsAppendedUnlessTheHolderWentNowhere() {
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        ImprovementRequest pending = Fixtures.request("Use the target keyword.");
        ImprovementRequest rejected = Fixtures.request("Cite the source.");
        ledger.append(LedgerEntry.of(Fixtures.NOW, rejected, RequestStatus.REJECTED_BY_VALIDATION, "secret found"));

        assertThat(ledger.appendIfAbsent(LedgerEntry.of(Fixtures.NOW, pending, RequestStatus.PENDING_SUBMISSION, null)))
                .isTrue();
        assertThat(ledger.appendIfAbsent(LedgerEntry.of(Fixtures.NOW, pending, RequestStatus.PENDING_SUBMISSION, null)))
                .isFalse();
        assertThat(ledger.appendIfAbsent(LedgerEntry.of(Fixtures.NOW, rejected, RequestStatus.PENDING_SUBMISSION, null)))
                .isTrue();
        assertThat(ledger.records()).extracting(RequestRecord::status)
                .containsExactly(RequestStatus.PENDING_SUBMISSION, RequestStatus.PENDING_SUBMISSION);
        assertThat(ledger.find(pending.id()).orElseThrow().history()).hasSize(1);
        assertThatThrownBy(() -> ledger.appendIfAbsent(LedgerEntry.transition(Fixtures.NOW,
                ledger.find(pending.id()).orElseThrow(), RequestStatus.SUBMITTED, null)))
                .isInstanceOf(KaizenException.class).hasMessageContaining("must carry the request");
    }

    @Test
    void givenAnIndexedLedger_whenReadAgain_thenOnlyTheBytesAppendedSinceAreRead() throws IOException {
        Path file = directory.resolve("ledger.jsonl");
        FileImprovementLedger writer = new FileImprovementLedger(file);
        for (int i = 0; i < 50; i++) {
            writer.append(LedgerEntry.of(Fixtures.NOW, Fixtures.request("lesson " + i), RequestStatus.PENDING_SUBMISSION,
                    null));
        }
        FileImprovementLedger reader = new FileImprovementLedger(file);
        assertThat(reader.records()).hasSize(50);
        long afterFirstRead = reader.bytesRead();
        assertThat(afterFirstRead).isEqualTo(Files.size(file));

        for (int i = 0; i < 100; i++) {
            reader.findByFingerprint(Fixtures.request("lesson " + i % 50).fingerprint()).orElseThrow();
        }
        assertThat(reader.bytesRead()).isEqualTo(afterFirstRead);

        long before = Files.size(file);
        writer.append(LedgerEntry.of(Fixtures.NOW, Fixtures.request("lesson 50"), RequestStatus.PENDING_SUBMISSION, null));
        assertThat(reader.records()).hasSize(51);
        assertThat(reader.bytesRead() - afterFirstRead).isEqualTo(Files.size(file) - before);
    }

    @Test
    void givenAHistory_whenCompacted_thenTheStateIsKeptAndTheArchiveHoldsEveryEntry() throws IOException {
        Path file = directory.resolve("ledger.jsonl");
        FileImprovementLedger ledger = new FileImprovementLedger(file);
        FileImprovementLedger other = new FileImprovementLedger(file);
        ImprovementRequest approvedRequest = Fixtures.request("Use the target keyword.");
        ImprovementRequest pendingRequest = Fixtures.request("Cite the source.");
        RequestRecord approved = approve(ledger, approvedRequest);
        ledger.append(LedgerEntry.of(Fixtures.NOW, pendingRequest, RequestStatus.PENDING_SUBMISSION, null));
        List<String> before = Files.readAllLines(file);
        assertThat(other.records()).hasSize(2);

        Path archive = ledger.compact().orElseThrow();

        assertThat(Files.readAllLines(archive)).isEqualTo(before);
        assertThat(archive.getParent()).isEqualTo(ledger.archiveDirectory());
        assertThat(Files.readAllLines(file)).hasSize(2);
        RequestRecord folded = other.find(approvedRequest.id()).orElseThrow();
        assertThat(folded.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(folded.request()).isEqualTo(approved.request());
        assertThat(folded.submission()).isEqualTo(approved.submission());
        assertThat(folded.decision()).isEqualTo(approved.decision());
        assertThat(folded.lastNote()).isEqualTo(approved.lastNote());
        assertThat(folded.history()).hasSize(1);
        assertThatThrownBy(() -> other.append(LedgerEntry.transition(Fixtures.NOW, folded, RequestStatus.APPROVED, "twice")))
                .isInstanceOf(IllegalTransitionException.class);
        other.append(LedgerEntry.transition(Fixtures.NOW, folded, RequestStatus.PUBLISHED, "published"));

        Path second = ledger.compact().orElseThrow();
        assertThat(second).isNotEqualTo(archive);
        assertThat(new FileImprovementLedger(file).records()).extracting(RequestRecord::status)
                .containsExactly(RequestStatus.PUBLISHED, RequestStatus.PENDING_SUBMISSION);
    }

    @Test
    void givenNoLedgerYet_whenRead_thenItIsEmptyAndNothingIsCreated() {
        Path file = directory.resolve("absent/ledger.jsonl");

        assertThat(new FileImprovementLedger(file).records()).isEmpty();
        assertThat(new FileImprovementLedger(file).compact()).isEmpty();
        assertThat(file).doesNotExist();
    }

    private static RequestRecord submit(ImprovementLedger ledger, ImprovementRequest request) {
        ledger.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        ledger.append(LedgerEntry.transition(Fixtures.NOW, ledger.find(request.id()).orElseThrow(), RequestStatus.SUBMITTED,
                "submitted to file").withSubmission(Submission.submitted("file", request.id(), "x.json", null)));
        return ledger.find(request.id()).orElseThrow();
    }

    private static RequestRecord approve(ImprovementLedger ledger, ImprovementRequest request) {
        RequestRecord submitted = submit(ledger, request);
        ledger.append(LedgerEntry.transition(Fixtures.NOW, submitted, RequestStatus.APPROVED, "ship it")
                .withDecision(new ReviewDecision(Verdict.APPROVED, "alice", "ship it", Fixtures.NOW)));
        return ledger.find(request.id()).orElseThrow();
    }
}
