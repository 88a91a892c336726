package dev.kaizen4j.ledger;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds ledger entries into request records; shared by the ledger implementations. */
final class LedgerFold {

    private final Map<String, RequestRecord> records = new LinkedHashMap<>();

    /** Checks that {@code entry} can be applied, without applying it. */
    void check(LedgerEntry entry) {
        if (entry.request() == null && !records.containsKey(entry.requestId())) {
            throw KaizenException.invalidInput("ledger entry for unknown request " + entry.requestId()
                    + ": the first entry of a request must carry the request");
        }
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
    }

    List<RequestRecord> records() {
        return List.copyOf(records.values());
    }
}
