package dev.kaizen4j.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * Where an improvement request is in its life cycle.
 *
 * <pre>
 * PROPOSED ─► REJECTED_BY_VALIDATION
 * PROPOSED ─► SUPPRESSED_DUPLICATE | SUPPRESSED_RATE_LIMITED
 * PROPOSED ─► PENDING_SUBMISSION ─► SUBMITTED ─► APPROVED ─► PUBLISHED ─► MERGED ─► VERIFIED_*
 *                                          │                       └──► CLOSED_UNMERGED
 *                                          └──► REJECTED
 *                                          └──► NEEDS_WORK ─► (notes feed the next cycle: a revised request)
 * VERIFIED_* = VERIFIED_EFFECTIVE | VERIFIED_HARMFUL | VERIFIED_INCONCLUSIVE | VERIFICATION_INVALID
 * </pre>
 *
 * <p>Ledgers written before {@code PUBLISHED} existed say {@code IMPLEMENTED} for a published change,
 * and those written before the verdicts above say {@code VERIFIED_INEFFECTIVE};
 * {@link #fromName(String)} reads them as {@code PUBLISHED} and {@code VERIFIED_INCONCLUSIVE}.
 */
public enum RequestStatus {
    PROPOSED,
    REJECTED_BY_VALIDATION,
    SUPPRESSED_DUPLICATE,
    SUPPRESSED_RATE_LIMITED,
    PENDING_SUBMISSION,
    SUBMITTED,
    APPROVED,
    REJECTED,
    NEEDS_WORK,
    /** The approved change was published: a patch written or a pull request opened. Not yet in the team's repository. */
    PUBLISHED,
    /** The published change is in the team's repository: the pull request was merged, or the host confirmed the patch applied. */
    MERGED,
    /** The pull request was closed without merging; the change never reached the team. */
    CLOSED_UNMERGED,
    /** Verified: the change helped. */
    VERIFIED_EFFECTIVE,
    /** Verified: the change made the success rate or a guardrail significantly worse. */
    VERIFIED_HARMFUL,
    /** Verified without a conclusion: more tasks are needed. */
    VERIFIED_INCONCLUSIVE,
    /** The verification could not be trusted (a sample-ratio mismatch, an empty arm). */
    VERIFICATION_INVALID;

    /**
     * The status named {@code name}, ignoring case; the former {@code IMPLEMENTED} is read as
     * {@link #PUBLISHED} and the former {@code VERIFIED_INEFFECTIVE} as {@link #VERIFIED_INCONCLUSIVE}.
     *
     * @throws IllegalArgumentException if no status has that name
     */
    @JsonCreator
    public static RequestStatus fromName(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "IMPLEMENTED" -> PUBLISHED;
            case "VERIFIED_INEFFECTIVE" -> VERIFIED_INCONCLUSIVE;
            default -> valueOf(upper);
        };
    }

    /** Whether the request's effect has been verified (with any verdict). */
    public boolean isVerified() {
        return this == VERIFIED_EFFECTIVE || this == VERIFIED_HARMFUL || this == VERIFIED_INCONCLUSIVE
                || this == VERIFICATION_INVALID;
    }

    /** Whether a human (or the approval policy) has decided on the request. */
    public boolean isDecided() {
        return switch (this) {
            case APPROVED, REJECTED, NEEDS_WORK, PUBLISHED, MERGED, CLOSED_UNMERGED, VERIFIED_EFFECTIVE,
                    VERIFIED_HARMFUL, VERIFIED_INCONCLUSIVE, VERIFICATION_INVALID -> true;
            default -> false;
        };
    }

    /** Whether the request waits for a human decision. */
    public boolean isAwaitingDecision() {
        return this == SUBMITTED;
    }
}
