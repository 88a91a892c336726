package dev.kaizen4j.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedStatusTest {

    @TempDir
    Path directory;

    @Test
    void givenALedgerWrittenWithTheRetiredIneffectiveVerdict_thenItLoadsAsInconclusive() throws IOException {
        Path file = directory.resolve("ledger.jsonl");
        FileImprovementLedger ledger = new FileImprovementLedger(file);
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        RequestRecord implemented = Fixtures.published(ledger, request,
                Submission.submitted("file", request.id(), request.id(), null));
        ledger.append(LedgerEntry.transition(Fixtures.NOW, implemented, RequestStatus.VERIFIED_INCONCLUSIVE, "p = 0.3"));
        Files.writeString(file, Files.readString(file).replace("VERIFIED_INCONCLUSIVE", "VERIFIED_INEFFECTIVE"));
        assertThat(Files.readString(file)).contains("VERIFIED_INEFFECTIVE");

        RequestRecord record = new FileImprovementLedger(file).find(request.id()).orElseThrow();

        assertThat(record.status()).isEqualTo(RequestStatus.VERIFIED_INCONCLUSIVE);
        assertThat(record.status().isVerified()).isTrue();
        assertThat(record.status().isDecided()).isTrue();
    }

    @Test
    void givenVerdictNames_thenTheyRead() {
        assertThat(RequestStatus.fromName("verification_invalid")).isEqualTo(RequestStatus.VERIFICATION_INVALID);
        assertThat(RequestStatus.fromName("VERIFIED_HARMFUL")).isEqualTo(RequestStatus.VERIFIED_HARMFUL);
        assertThat(RequestStatus.SUBMITTED.isVerified()).isFalse();
        assertThatThrownBy(() -> RequestStatus.fromName("VERIFIED_MAYBE")).isInstanceOf(IllegalArgumentException.class);
    }
}
