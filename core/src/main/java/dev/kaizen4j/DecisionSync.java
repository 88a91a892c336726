package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.internal.CrashPoints;
import dev.kaizen4j.ledger.IllegalTransitionException;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up human decisions from a back-channel, records them in the ledger and publishes approved
 * changes. The {@link ImprovementCycle} runs it at the start of every cycle; a host (or
 * {@code kaizen4j review sync}) may run it on its own, more often.
 *
 * <p>Thread safety: thread-safe when its ledger is; several threads or processes may sync the same
 * requests at once. Each decision is recorded once (the ledger refuses a second one) and each
 * publication is recorded once; a change published by two runtimes at the same moment relies on
 * {@link ChangePublisher} being idempotent per request, as its contract requires.
 */
public final class DecisionSync {

    private static final Logger log = LoggerFactory.getLogger(DecisionSync.class);

    private final ImprovementLedger ledger;
    private final BackChannel backChannel;
    private final @Nullable ChangePublisher publisher;
    private final Clock clock;

    /**
     * @param ledger where requests and their transitions are recorded
     * @param backChannel where decisions are read
     * @param publisher publishes approved changes, or null to only record approvals
     * @param clock dates the ledger entries
     */
    public DecisionSync(ImprovementLedger ledger, BackChannel backChannel, @Nullable ChangePublisher publisher,
            Clock clock) {
        this.ledger = requireNonNull(ledger, "ledger");
        this.backChannel = requireNonNull(backChannel, "backChannel");
        this.publisher = publisher;
        this.clock = requireNonNull(clock, "clock");
    }

    /** Syncs the requests of every team. */
    public List<DecisionUpdate> sync() {
        return sync(record -> true);
    }

    /** Syncs the requests of one team. */
    public List<DecisionUpdate> syncTeam(String team) {
        requireNonNull(team, "team");
        return sync(record -> record.request().team().equals(team));
    }

    private List<DecisionUpdate> sync(Predicate<RequestRecord> selected) {
        List<DecisionUpdate> updates = new ArrayList<>();
        for (RequestRecord record : ledger.records()) {
            if (!selected.test(record)) {
                continue;
            }
            if (record.status() == RequestStatus.SUBMITTED && record.submission() != null) {
                Optional<ReviewDecision> decision = decisionFor(record.submission());
                if (decision.isEmpty()) {
                    continue;
                }
                ReviewDecision decided = decision.get();
                try {
                    ledger.append(LedgerEntry.transition(clock.instant(), record, decided.verdict().status(),
                            decided.notes().isBlank() ? null : decided.notes()).withDecision(decided));
                } catch (IllegalTransitionException recordedElsewhere) {
                    log.info("Decision on {} already recorded by another runtime: {}", record.requestId(),
                            recordedElsewhere.getMessage());
                    continue;
                }
                CrashPoints.reach(CrashPoints.Point.DECISION_RECORDED);
                notify(record.submission(), decided.verdict().status(), decided.notes());
                updates.add(decided.verdict() == Verdict.APPROVED
                        ? publish(record.request(), decided)
                        : new DecisionUpdate(record.requestId(), decided, null, null));
            } else if (record.status() == RequestStatus.APPROVED && publisher != null && record.decision() != null) {
                updates.add(publish(record.request(), record.decision()));
            }
        }
        return updates;
    }

    /** Publishes an approved request and records it as implemented; a failure leaves it approved. */
    DecisionUpdate publish(ImprovementRequest request, ReviewDecision approval) {
        if (publisher == null) {
            return new DecisionUpdate(request.id(), approval, null, null);
        }
        try {
            PublishedChange published = publisher.publish(request, approval);
            CrashPoints.reach(CrashPoints.Point.DECISION_PUBLISHED);
            RequestRecord record = ledger.find(request.id()).orElseThrow();
            String note = "published by " + published.publisher() + ": " + published.reference();
            try {
                ledger.append(LedgerEntry.transition(clock.instant(), record, RequestStatus.IMPLEMENTED, note));
            } catch (IllegalTransitionException recordedElsewhere) {
                // Another runtime published it at the same time; publishers are idempotent per request.
                log.info("Publication of {} already recorded by another runtime", request.id());
                return new DecisionUpdate(request.id(), approval, published, null);
            }
            if (record.submission() != null) {
                notify(record.submission(), RequestStatus.IMPLEMENTED, note);
            }
            return new DecisionUpdate(request.id(), approval, published, null);
        } catch (RuntimeException failure) {
            log.warn("Publishing approved request {} failed; it stays approved for a retry: {}", request.id(),
                    failure.getMessage());
            return new DecisionUpdate(request.id(), approval, null, String.valueOf(failure.getMessage()));
        }
    }

    /** Shows a status on the back-channel; a failure to do so is logged, never thrown. */
    void notify(Submission submission, RequestStatus status, String note) {
        try {
            backChannel.statusChanged(submission, status, note);
        } catch (RuntimeException failure) {
            log.warn("Back-channel {} failed to show status {} of {}: {}", backChannel.name(), status,
                    submission.requestId(), failure.toString());
        }
    }

    private Optional<ReviewDecision> decisionFor(Submission submission) {
        try {
            return backChannel.decisionFor(submission);
        } catch (RuntimeException failure) {
            log.warn("Back-channel {} failed to read the decision on {}: {}", backChannel.name(),
                    submission.requestId(), failure.toString());
            return Optional.empty();
        }
    }
}
