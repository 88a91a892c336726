package dev.kaizen4j.ledger;

import static dev.kaizen4j.review.RequestStatus.APPROVED;
import static dev.kaizen4j.review.RequestStatus.CLOSED_UNMERGED;
import static dev.kaizen4j.review.RequestStatus.MERGED;
import static dev.kaizen4j.review.RequestStatus.NEEDS_WORK;
import static dev.kaizen4j.review.RequestStatus.PENDING_SUBMISSION;
import static dev.kaizen4j.review.RequestStatus.PROPOSED;
import static dev.kaizen4j.review.RequestStatus.PUBLISHED;
import static dev.kaizen4j.review.RequestStatus.REJECTED;
import static dev.kaizen4j.review.RequestStatus.REJECTED_BY_VALIDATION;
import static dev.kaizen4j.review.RequestStatus.SUBMITTED;
import static dev.kaizen4j.review.RequestStatus.SUPPRESSED_DUPLICATE;
import static dev.kaizen4j.review.RequestStatus.SUPPRESSED_RATE_LIMITED;
import static dev.kaizen4j.review.RequestStatus.VERIFICATION_INVALID;
import static dev.kaizen4j.review.RequestStatus.VERIFIED_EFFECTIVE;
import static dev.kaizen4j.review.RequestStatus.VERIFIED_HARMFUL;
import static dev.kaizen4j.review.RequestStatus.VERIFIED_INCONCLUSIVE;
import static java.util.Objects.requireNonNull;

import dev.kaizen4j.review.RequestStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The life-cycle rules every ledger enforces on append: which status a request may enter from which.
 * They make each side effect happen once: a request is submitted to a channel once, decided once,
 * published once, and nothing follows a final status.
 *
 * <p>The rules are the two exhaustive {@code switch} expressions below; a status added to
 * {@link RequestStatus} does not compile until it has its line in each.
 */
public final class LedgerTransitions {

    private LedgerTransitions() {}

    /** The statuses a request may enter from {@code from}; empty for a final status. */
    public static Set<RequestStatus> next(RequestStatus from) {
        requireNonNull(from, "from");
        return switch (from) {
            case PROPOSED, SUPPRESSED_DUPLICATE, SUPPRESSED_RATE_LIMITED -> EnumSet.of(REJECTED_BY_VALIDATION,
                    SUPPRESSED_DUPLICATE, SUPPRESSED_RATE_LIMITED, PENDING_SUBMISSION);
            // Proposed again once the validators accept it.
            case REJECTED_BY_VALIDATION -> EnumSet.of(PENDING_SUBMISSION);
            // A failed attempt is recorded as PENDING_SUBMISSION again, with the failure as its note.
            case PENDING_SUBMISSION -> EnumSet.of(PENDING_SUBMISSION, SUBMITTED, REJECTED_BY_VALIDATION);
            // SUBMITTED again only for a channel the request has not reached yet, or to complete a partial
            // submission (see check).
            case SUBMITTED -> EnumSet.of(SUBMITTED, APPROVED, REJECTED, NEEDS_WORK);
            case APPROVED -> EnumSet.of(PUBLISHED);
            // A published change may also be verified before it is merged for everyone (a rollout).
            case PUBLISHED -> EnumSet.of(MERGED, CLOSED_UNMERGED, VERIFIED_EFFECTIVE, VERIFIED_HARMFUL,
                    VERIFIED_INCONCLUSIVE, VERIFICATION_INVALID);
            // An inconclusive or invalid verification may be made again on more (or better) data.
            case MERGED, VERIFIED_INCONCLUSIVE, VERIFICATION_INVALID -> EnumSet.of(VERIFIED_EFFECTIVE,
                    VERIFIED_HARMFUL, VERIFIED_INCONCLUSIVE, VERIFICATION_INVALID);
            case REJECTED, NEEDS_WORK, CLOSED_UNMERGED, VERIFIED_EFFECTIVE, VERIFIED_HARMFUL ->
                    EnumSet.noneOf(RequestStatus.class);
        };
    }

    /**
     * Whether a request in {@code status} leaves its fingerprint free, so that
     * {@link ImprovementLedger#appendIfAbsent} may claim it again: true while the request has gone
     * nowhere yet.
     */
    public static boolean leavesFingerprintFree(RequestStatus status) {
        requireNonNull(status, "status");
        return switch (status) {
            case PROPOSED, REJECTED_BY_VALIDATION, SUPPRESSED_DUPLICATE, SUPPRESSED_RATE_LIMITED -> true;
            case PENDING_SUBMISSION, SUBMITTED, APPROVED, REJECTED, NEEDS_WORK, PUBLISHED, MERGED, CLOSED_UNMERGED,
                    VERIFIED_EFFECTIVE, VERIFIED_HARMFUL, VERIFIED_INCONCLUSIVE, VERIFICATION_INVALID -> false;
        };
    }

    /**
     * Whether a retry should submit the request: it waits for submission, or reached only some channels of a
     * composite.
     */
    public static boolean awaitsSubmission(RequestRecord record) {
        requireNonNull(record, "record");
        return record.status() == PENDING_SUBMISSION
                || record.status() == SUBMITTED && record.submission() != null && record.submission().isPartial();
    }

    /** The statuses a request's first entry may carry. */
    public static Set<RequestStatus> initial() {
        return next(PROPOSED);
    }

    /** Whether nothing may follow {@code status}. */
    public static boolean isFinal(RequestStatus status) {
        return next(status).isEmpty();
    }

    /**
     * Checks that {@code entry} may follow {@code current}, the request's folded state.
     *
     * @param current the request's record, or null when the ledger does not know the request
     * @throws IllegalTransitionException naming the request and both statuses when it may not
     */
    public static void check(@Nullable RequestRecord current, LedgerEntry entry) {
        requireNonNull(entry, "entry");
        RequestStatus to = entry.status();
        if (current == null) {
            if (!initial().contains(to) && to != PROPOSED) {
                throw new IllegalTransitionException(entry.requestId(), null, to, "a request's first status must be one of "
                        + initial());
            }
            return;
        }
        RequestStatus from = current.status();
        if (isFinal(from)) {
            throw new IllegalTransitionException(entry.requestId(), from, to, lower(from) + " is final");
        }
        if (!next(from).contains(to)) {
            throw new IllegalTransitionException(entry.requestId(), from, to, "allowed next: " + next(from));
        }
        if (from == SUBMITTED && to == SUBMITTED) {
            String channel = entry.submission() == null ? null : entry.submission().channel();
            // A partial submission (some channels of a composite failed) may be completed by a retry.
            boolean partial = current.submission() != null && current.submission().isPartial();
            boolean reached = !partial && (channel == null || current.history().stream()
                    .anyMatch(earlier -> earlier.status() == SUBMITTED && earlier.submission() != null
                            && earlier.submission().channel().equals(channel)));
            if (reached) {
                throw new IllegalTransitionException(entry.requestId(), from, to, "it was already submitted"
                        + (channel == null ? "" : " to " + channel));
            }
        }
    }

    private static String lower(RequestStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
