package dev.kaizen4j.notifier.supabase.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewStateTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @ParameterizedTest
    @CsvSource({"approved,APPROVED", "APPROVED,APPROVED", "rejected,REJECTED", "needs_work,NEEDS_WORK",
        "needs-work,NEEDS_WORK", "' Needs Work ',NEEDS_WORK", "implemented,APPROVED"})
    void givenADecidedStatus_thenItIsADecisionWithTheReviewColumns(String status, Verdict verdict) {
        ReviewState state = new ReviewState(status, "notes here", AT, "ana");

        assertThat(state.decision()).contains(new ReviewDecision(verdict, "ana", "notes here", AT));
        assertThat(state.isPending()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pending", "", "  ", "in review", "maybe"})
    void givenAnUndecidedOrUnknownStatus_thenThereIsNoDecision(String status) {
        assertThat(new ReviewState(status, "n", AT, "ana").decision()).isEmpty();
    }

    @Test
    void givenNoStatus_thenThereIsNoDecisionAndTheRowIsPending() {
        ReviewState state = new ReviewState(null, null, null, null);

        assertThat(state.decision()).isEmpty();
        assertThat(state.isPending()).isTrue();
    }

    @Test
    void givenADecisionWithoutReviewerOrTime_thenTheyAreFilledWithTheDocumentedDefaults() {
        ReviewDecision decision = new ReviewState("rejected", null, null, " ").decision().orElseThrow();

        assertThat(decision.reviewer()).isEqualTo(ReviewState.UNNAMED_REVIEWER);
        assertThat(decision.notes()).isEmpty();
        assertThat(decision.decidedAt()).isEqualTo(Instant.EPOCH);
    }
}
