package dev.kaizen4j.review;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A human's decision on an improvement request.
 *
 * @param verdict approved, rejected or needs work
 * @param reviewer who decided
 * @param notes the reviewer's notes; for needs work they feed the next cycle
 * @param decidedAt when
 */
public record ReviewDecision(Verdict verdict, String reviewer, String notes, Instant decidedAt) {

    public ReviewDecision {
        requireNonNull(verdict, "verdict");
        requireNonNull(reviewer, "reviewer");
        notes = notes == null ? "" : notes;
        requireNonNull(decidedAt, "decidedAt");
    }
}
