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
    void givenATornLastLine_whenRead_thenTheEarlierEntriesSurvive() throws IOException {
        Path file = directory.resolve("ledger.jsonl");
        FileImprovementLedger ledger = new FileImprovementLedger(file);
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        ledger.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        Files.writeString(file, "{\"at\":\"2025-06-16T09:00:00Z\",\"request_id\":", StandardOpenOption.APPEND);

        assertThat(ledger.records()).singleElement()
                .extracting(RequestRecord::status).isEqualTo(RequestStatus.PENDING_SUBMISSION);
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
}
