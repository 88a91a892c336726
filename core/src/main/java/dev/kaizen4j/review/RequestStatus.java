package dev.kaizen4j.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * Where an improvement request is in its life cycle.
 *
 * <pre>
 * PROPOSED ─► REJECTED_BY_VALIDATION
 * PROPOSED ─► SUPPRESSED_DUPLICATE | SUPPRESSED_RATE_LIMITED
 * PROPOSED ─► PENDING_SUBMISSION ─► SUBMITTED ─► APPROVED ─► IMPLEMENTED ─► VERIFIED_*
 *                                          └──► REJECTED
 *                                          └──► NEEDS_WORK
 * VERIFIED_* = VERIFIED_EFFECTIVE | VERIFIED_HARMFUL | VERIFIED_INCONCLUSIVE | VERIFICATION_INVALID
 * </pre>
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
    IMPLEMENTED,
    /** Verified: the change helped. */
    VERIFIED_EFFECTIVE,
    /** Verified: the change made the success rate or a guardrail significantly worse. */
    VERIFIED_HARMFUL,
    /** Verified without a conclusion: more tasks are needed. Ledgers that say {@code VERIFIED_INEFFECTIVE} read as this. */
    VERIFIED_INCONCLUSIVE,
    /** The verification could not be trusted (a sample-ratio mismatch, an empty arm). */
    VERIFICATION_INVALID;

    /** Reads a status name; the retired {@code VERIFIED_INEFFECTIVE} reads as {@link #VERIFIED_INCONCLUSIVE}. */
    @JsonCreator
    public static RequestStatus fromName(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT);
        return "VERIFIED_INEFFECTIVE".equals(normalized) ? VERIFIED_INCONCLUSIVE : valueOf(normalized);
    }

    /** Whether the request's effect has been verified (with any verdict). */
    public boolean isVerified() {
        return this == VERIFIED_EFFECTIVE || this == VERIFIED_HARMFUL || this == VERIFIED_INCONCLUSIVE
                || this == VERIFICATION_INVALID;
    }

    /** Whether a human (or the approval policy) has decided on the request. */
    public boolean isDecided() {
        return switch (this) {
            case APPROVED, REJECTED, NEEDS_WORK, IMPLEMENTED, VERIFIED_EFFECTIVE, VERIFIED_HARMFUL, VERIFIED_INCONCLUSIVE,
                    VERIFICATION_INVALID -> true;
            default -> false;
        };
    }

    /** Whether the request waits for a human decision. */
    public boolean isAwaitingDecision() {
        return this == SUBMITTED;
    }
}
