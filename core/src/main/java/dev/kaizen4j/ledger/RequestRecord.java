package dev.kaizen4j.ledger;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The current state of one request, folded from its ledger entries.
 *
 * @param request the request
 * @param status its latest status
 * @param submission its latest successful submission, if any
 * @param decision the latest human decision, if any
 * @param lastNote the note of the latest entry that had one
 * @param updatedAt when the latest entry was recorded
 * @param history every entry, oldest first; after {@link FileImprovementLedger#compact()} it starts at
 *     the entry holding the folded state, and the archive holds the earlier ones
 */
public record RequestRecord(
        ImprovementRequest request,
        RequestStatus status,
        @Nullable Submission submission,
        @Nullable ReviewDecision decision,
        @Nullable String lastNote,
        Instant updatedAt,
        List<LedgerEntry> history) {

    public RequestRecord {
        requireNonNull(request, "request");
        requireNonNull(status, "status");
        requireNonNull(updatedAt, "updatedAt");
        history = List.copyOf(history);
    }

    public String requestId() {
        return request.id();
    }

    public String fingerprint() {
        return request.fingerprint();
    }

    public Optional<Submission> latestSubmission() {
        return Optional.ofNullable(submission);
    }

    public Optional<ReviewDecision> latestDecision() {
        return Optional.ofNullable(decision);
    }
}
