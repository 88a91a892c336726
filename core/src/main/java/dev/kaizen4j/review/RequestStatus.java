package dev.kaizen4j.review;

/**
 * Where an improvement request is in its life cycle.
 *
 * <pre>
 * PROPOSED ─► REJECTED_BY_VALIDATION
 * PROPOSED ─► SUPPRESSED_DUPLICATE | SUPPRESSED_RATE_LIMITED
 * PROPOSED ─► PENDING_SUBMISSION ─► SUBMITTED ─► APPROVED ─► IMPLEMENTED ─► VERIFIED_EFFECTIVE | VERIFIED_INEFFECTIVE
 *                                          └──► REJECTED
 *                                          └──► NEEDS_WORK
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
    VERIFIED_EFFECTIVE,
    VERIFIED_INEFFECTIVE;

    /** Whether a human (or the approval policy) has decided on the request. */
    public boolean isDecided() {
        return switch (this) {
            case APPROVED, REJECTED, NEEDS_WORK, IMPLEMENTED, VERIFIED_EFFECTIVE, VERIFIED_INEFFECTIVE -> true;
            default -> false;
        };
    }

    /** Whether the request waits for a human decision. */
    public boolean isAwaitingDecision() {
        return this == SUBMITTED;
    }
}
