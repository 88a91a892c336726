package dev.kaizen4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryImprovementLedgerReplayTest {

    @Test
    void givenRecordedEntries_whenReplayed_thenTheRecordsAreFoldedAndFurtherAppendsAreChecked() {
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        LedgerEntry pending = LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null);
        LedgerEntry submitted = new LedgerEntry(Fixtures.NOW, request.id(), request.fingerprint(),
                RequestStatus.SUBMITTED, null, null, Submission.submitted("file", request.id(), "x", null), null);

        InMemoryImprovementLedger ledger = InMemoryImprovementLedger.replaying(List.of(pending, submitted));

        assertThat(ledger.find(request.id())).get().satisfies(record -> {
            assertThat(record.status()).isEqualTo(RequestStatus.SUBMITTED);
            assertThat(record.history()).containsExactly(pending, submitted);
            assertThat(record.submission()).isEqualTo(submitted.submission());
        });
        assertThatThrownBy(() -> ledger.append(LedgerEntry.transition(Fixtures.NOW, ledger.find(request.id()).get(),
                RequestStatus.PUBLISHED, null))).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenAnEntryOfAnUnknownRequest_whenReplayed_thenItIsRefused() {
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        LedgerEntry orphan = new LedgerEntry(Fixtures.NOW, request.id(), request.fingerprint(), RequestStatus.SUBMITTED,
                null, null, null, null);

        assertThatThrownBy(() -> InMemoryImprovementLedger.replaying(List.of(orphan)))
                .isInstanceOf(KaizenException.class).hasMessageContaining(request.id());
    }
}
