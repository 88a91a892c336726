package dev.kaizen4j.notifier.supabase.internal;

import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Verdict;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The review columns of one {@code team_improvement_requests} row, as a person left them.
 *
 * @param status column {@code status}: {@code pending}, {@code approved}, {@code rejected},
 *     {@code needs_work}, {@code implemented}, or whatever a person typed; null when the row has none
 * @param reviewerNotes column {@code reviewer_notes}
 * @param reviewedAt column {@code reviewed_at}, read as UTC
 * @param reviewedBy column {@code reviewed_by}
 */
public record ReviewState(
        @Nullable String status, @Nullable String reviewerNotes, @Nullable Instant reviewedAt,
        @Nullable String reviewedBy) {

    /** The reviewer named in a decision whose row has no {@code reviewed_by}. */
    public static final String UNNAMED_REVIEWER = "supabase";

    /**
     * The decision the row holds: {@code approved}, {@code rejected} or {@code needs_work} (any case,
     * {@code needs-work} and {@code needs work} too) become a decision; {@code implemented} is an
     * approval that was carried out; {@code pending}, an empty or an unknown status is no decision.
     * A decision without {@code reviewed_at} is dated {@link Instant#EPOCH}.
     */
    public Optional<ReviewDecision> decision() {
        if (status == null) {
            return Optional.empty();
        }
        String normalized = status.strip().toLowerCase(Locale.ROOT);
        Optional<Verdict> verdict = "implemented".equals(normalized)
                ? Optional.of(Verdict.APPROVED)
                : Verdict.parse(normalized);
        return verdict.map(value -> new ReviewDecision(value,
                reviewedBy == null || reviewedBy.isBlank() ? UNNAMED_REVIEWER : reviewedBy,
                reviewerNotes == null ? "" : reviewerNotes,
                reviewedAt == null ? Instant.EPOCH : reviewedAt));
    }

    /** Whether the row is {@code pending} (or has no status yet). */
    public boolean isPending() {
        return status == null || "pending".equals(status.strip().toLowerCase(Locale.ROOT));
    }
}
