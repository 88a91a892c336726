package dev.kaizen4j.ledger;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One transition of one request. The ledger records it before the side effect it describes is
 * attempted, so that a crash loses nothing and a retry never submits twice.
 *
 * @param at when
 * @param requestId the request
 * @param fingerprint the request's fingerprint
 * @param status the status the request entered
 * @param note a human-readable note (a failure, a reason)
 * @param request the full request; present on the first entry of a request
 * @param submission the submission, on {@code SUBMITTED} entries and failed attempts
 * @param decision the decision, on {@code APPROVED}, {@code REJECTED} and {@code NEEDS_WORK} entries
 */
public record LedgerEntry(
        Instant at,
        String requestId,
        String fingerprint,
        RequestStatus status,
        @Nullable String note,
        @Nullable ImprovementRequest request,
        @Nullable Submission submission,
        @Nullable ReviewDecision decision) {

    public LedgerEntry {
        requireNonNull(at, "at");
        requireNonNull(requestId, "requestId");
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(status, "status");
    }

    /** The first entry of a request. */
    public static LedgerEntry of(Instant at, ImprovementRequest request, RequestStatus status, @Nullable String note) {
        return new LedgerEntry(at, request.id(), request.fingerprint(), status, note, request, null, null);
    }

    /** A later transition of a known request. */
    public static LedgerEntry transition(Instant at, RequestRecord record, RequestStatus status, @Nullable String note) {
        return new LedgerEntry(at, record.requestId(), record.fingerprint(), status, note, null, null, null);
    }

    public LedgerEntry withSubmission(Submission submission) {
        return new LedgerEntry(at, requestId, fingerprint, status, note, request, submission, decision);
    }

    public LedgerEntry withDecision(ReviewDecision decision) {
        return new LedgerEntry(at, requestId, fingerprint, status, note, request, submission, decision);
    }
}
