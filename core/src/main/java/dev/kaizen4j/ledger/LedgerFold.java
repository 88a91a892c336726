package dev.kaizen4j.ledger;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Folds ledger entries into request records, indexed by request id and fingerprint; shared by the
 * ledger implementations. Not thread-safe: its owner guards it.
 */
final class LedgerFold {

    private final Map<String, RequestRecord> records = new LinkedHashMap<>();
    private final Map<String, String> idsByFingerprint = new HashMap<>();

    /** Checks that {@code entry} is well-formed for this ledger, without applying it. */
    void check(LedgerEntry entry) {
        RequestRecord known = records.get(entry.requestId());
        if (entry.request() == null && known == null) {
            throw KaizenException.invalidInput("ledger entry for unknown request " + entry.requestId()
                    + ": the first entry of a request must carry the request");
        }
        if (known != null && !known.fingerprint().equals(entry.fingerprint())) {
            throw KaizenException.invalidInput("ledger entry for request " + entry.requestId() + " has fingerprint "
                    + entry.fingerprint() + ", but the request was recorded with " + known.fingerprint());
        }
    }

    /** Checks {@code entry} and its transition, as every append must. */
    void checkAppend(LedgerEntry entry) {
        check(entry);
        LedgerTransitions.check(records.get(entry.requestId()), entry);
    }

    /**
     * Whether {@link #claim} would append: no request holds the entry's fingerprint, or the one that
     * does {@linkplain LedgerTransitions#leavesFingerprintFree leaves it free}.
     */
    boolean isClaimable(LedgerEntry entry) {
        if (entry.request() == null) {
            throw KaizenException.invalidInput("a claim on fingerprint " + entry.fingerprint() + " must carry the request "
                    + entry.requestId());
        }
        return findByFingerprint(entry.fingerprint())
                .map(holder -> LedgerTransitions.leavesFingerprintFree(holder.status()))
                .orElse(true);
    }

    void apply(LedgerEntry entry) {
        check(entry);
        RequestRecord previous = records.get(entry.requestId());
        ImprovementRequest request = entry.request() != null ? entry.request() : previous.request();
        Submission submission = previous == null ? null : previous.submission();
        if (entry.submission() != null && entry.submission().isSubmitted()) {
            submission = entry.submission();
        }
        ReviewDecision decision = entry.decision() != null ? entry.decision() : previous == null ? null : previous.decision();
        String note = entry.note() != null ? entry.note() : previous == null ? null : previous.lastNote();
        List<LedgerEntry> history = new ArrayList<>(previous == null ? List.of() : previous.history());
        history.add(entry);
        records.put(entry.requestId(), new RequestRecord(request, entry.status(), submission, decision, note, entry.at(),
                history));
        idsByFingerprint.put(entry.fingerprint(), entry.requestId());
    }

    List<RequestRecord> records() {
        return List.copyOf(records.values());
    }

    Optional<RequestRecord> find(String requestId) {
        return Optional.ofNullable(records.get(requestId));
    }

    Optional<RequestRecord> findByFingerprint(String fingerprint) {
        @Nullable String id = idsByFingerprint.get(fingerprint);
        return id == null ? Optional.empty() : find(id);
    }

    int size() {
        return records.size();
    }
}
