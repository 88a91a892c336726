package dev.kaizen4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.testing.Fixtures;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class LedgerTransitionsTest {

    @Test
    void givenTheLifeCycle_thenEveryStatusIsReachableFromAFirstEntry() {
        EnumSet<RequestStatus> reached = EnumSet.copyOf(LedgerTransitions.initial());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (RequestStatus status : EnumSet.copyOf(reached)) {
                grew |= reached.addAll(LedgerTransitions.next(status));
            }
        }
        assertThat(reached).containsAll(EnumSet.complementOf(EnumSet.of(RequestStatus.PROPOSED)));
    }

    @Test
    void givenTheDecisionsAndTheVerdicts_thenTheyAreFinalOrLeadOnlyForward() {
        assertThat(LedgerTransitions.isFinal(RequestStatus.REJECTED)).isTrue();
        assertThat(LedgerTransitions.isFinal(RequestStatus.NEEDS_WORK)).isTrue();
        assertThat(LedgerTransitions.isFinal(RequestStatus.VERIFIED_EFFECTIVE)).isTrue();
        assertThat(LedgerTransitions.next(RequestStatus.APPROVED)).containsExactly(RequestStatus.PUBLISHED);
        assertThat(LedgerTransitions.next(RequestStatus.PUBLISHED)).doesNotContain(RequestStatus.PUBLISHED);
        assertThat(LedgerTransitions.leavesFingerprintFree(RequestStatus.REJECTED_BY_VALIDATION)).isTrue();
        assertThat(LedgerTransitions.leavesFingerprintFree(RequestStatus.PENDING_SUBMISSION)).isFalse();
    }

    @Test
    void givenAnUnknownRequest_whenItsFirstEntryIsADecision_thenItIsRefused() {
        ImprovementRequest request = Fixtures.request("Use the target keyword.");

        assertThatThrownBy(() -> LedgerTransitions.check(null,
                LedgerEntry.of(Fixtures.NOW, request, RequestStatus.APPROVED, null)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(request.id()).hasMessageContaining("from nothing to APPROVED");
    }

    @Test
    void givenAnInMemoryLedger_whenARejectedRequestIsApproved_thenItIsRefusedAsInAFile() {
        InMemoryImprovementLedger ledger = new InMemoryImprovementLedger();
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        ledger.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        ledger.append(LedgerEntry.transition(Fixtures.NOW, ledger.find(request.id()).orElseThrow(), RequestStatus.SUBMITTED,
                null));
        ledger.append(LedgerEntry.transition(Fixtures.NOW, ledger.find(request.id()).orElseThrow(), RequestStatus.REJECTED,
                "no"));

        assertThatThrownBy(() -> ledger.append(LedgerEntry.transition(Fixtures.NOW,
                ledger.find(request.id()).orElseThrow(), RequestStatus.APPROVED, "yes after all")))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("from REJECTED to APPROVED");
    }
}
