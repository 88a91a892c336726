package dev.kaizen4j.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * Where an improvement request is in its life cycle.
 *
 * <pre>
 * PROPOSED ─► REJECTED_BY_VALIDATION
 * PROPOSED ─► SUPPRESSED_DUPLICATE | SUPPRESSED_RATE_LIMITED
 * PROPOSED ─► PENDING_SUBMISSION ─► SUBMITTED ─► APPROVED ─► PUBLISHED ─► MERGED ─► VERIFIED_EFFECTIVE | VERIFIED_INEFFECTIVE
 *                                          │                       └──► CLOSED_UNMERGED
 *                                          └──► REJECTED
 *                                          └──► NEEDS_WORK ─► (notes feed the next cycle: a revised request)
 * </pre>
 *
 * <p>Ledgers written before {@code PUBLISHED} existed say {@code IMPLEMENTED} for a published change;
 * {@link #fromName(String)} reads that as {@code PUBLISHED}.
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
    VERIFIED_EFFECTIVE,
    VERIFIED_INEFFECTIVE;

    /** Whether a human (or the approval policy) has decided on the request. */
    public boolean isDecided() {
        return switch (this) {
            case APPROVED, REJECTED, NEEDS_WORK, PUBLISHED, MERGED, CLOSED_UNMERGED, VERIFIED_EFFECTIVE, VERIFIED_INEFFECTIVE -> true;
            default -> false;
        };
    }

    /** Whether the request waits for a human decision. */
    public boolean isAwaitingDecision() {
        return this == SUBMITTED;
    }

    /**
     * The status named {@code name}, ignoring case; the former {@code IMPLEMENTED} is read as
     * {@link #PUBLISHED}.
     *
     * @throws IllegalArgumentException if no status has that name
     */
    @JsonCreator
    public static RequestStatus fromName(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return upper.equals("IMPLEMENTED") ? PUBLISHED : valueOf(upper);
    }
}
