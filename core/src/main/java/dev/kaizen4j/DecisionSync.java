package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionListener;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up human decisions from a back-channel, records them in the ledger and publishes approved
 * changes. The {@link ImprovementCycle} runs it at the start of every cycle; a host (or
 * {@code kaizen4j review sync}) may run it on its own, more often. Decisions are asked only of the
 * channel a request was submitted to ({@link BackChannel#addressed}), in one
 * {@link BackChannel#decisionsFor batch}; channels that receive decisions as events hand them to
 * {@link #listener}.
 *
 * <p>It uses the channel and publisher it is given and closes neither. Safe to use from several
 * threads: recording a decision is serialized.
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

    /**
     * A listener recording the decisions a channel receives as events, for requests of {@code team}
     * (or of every team when null): the decision is recorded, shown on the channel and, when it
     * approves, published, as {@link #sync} would. A decision from a channel the request was not
     * submitted to, or on a request no longer awaiting one, is ignored.
     */
    public DecisionListener listener(@Nullable String team) {
        return (channel, requestId, decision) -> {
            requireNonNull(channel, "channel");
            requireNonNull(requestId, "requestId");
            requireNonNull(decision, "decision");
            Optional<RequestRecord> record = ledger.find(requestId)
                    .filter(r -> team == null || r.request().team().equals(team));
            Optional<Submission> submission = record.map(RequestRecord::submission)
                    .filter(s -> s.channel().equals(channel) || s.part(channel).filter(Submission::isSubmitted).isPresent());
            if (submission.isEmpty()) {
                log.info("Ignoring a decision from {} on {}: not submitted there", channel, requestId);
                return;
            }
            record(requestId, decision);
        };
    }

    private List<DecisionUpdate> sync(Predicate<RequestRecord> selected) {
        List<DecisionUpdate> updates = new ArrayList<>();
        List<Submission> awaiting = new ArrayList<>();
        for (RequestRecord record : ledger.records()) {
            if (!selected.test(record)) {
                continue;
            }
            if (record.status() == RequestStatus.SUBMITTED && record.submission() != null) {
                backChannel.addressed(record.submission()).ifPresent(awaiting::add);
            } else if (record.status() == RequestStatus.APPROVED && publisher != null && record.decision() != null) {
                updates.add(publish(record.request(), record.decision()));
            }
        }
        Set<String> asked = new HashSet<>(awaiting.stream().map(Submission::requestId).toList());
        decisionsFor(awaiting).forEach((requestId, decision) -> {
            if (asked.contains(requestId)) {
                record(requestId, decision).ifPresent(updates::add);
            }
        });
        return updates;
    }

    /** Records a decision on a request awaiting one, shows it on the channel and publishes an approval. */
    private synchronized Optional<DecisionUpdate> record(String requestId, ReviewDecision decided) {
        RequestRecord record = ledger.find(requestId).orElse(null);
        if (record == null || record.status() != RequestStatus.SUBMITTED || record.submission() == null) {
            return Optional.empty();
        }
        ledger.append(LedgerEntry.transition(clock.instant(), record, decided.verdict().status(),
                decided.notes().isBlank() ? null : decided.notes()).withDecision(decided));
        notify(record.submission(), decided.verdict().status(), decided.notes());
        return Optional.of(decided.verdict() == Verdict.APPROVED
                ? publish(record.request(), decided)
                : new DecisionUpdate(record.requestId(), decided, null, null));
    }

    /** Publishes an approved request and records it as implemented; a failure leaves it approved. */
    DecisionUpdate publish(ImprovementRequest request, ReviewDecision approval) {
        if (publisher == null) {
            return new DecisionUpdate(request.id(), approval, null, null);
        }
        try {
            PublishedChange published = publisher.publish(request, approval);
            RequestRecord record = ledger.find(request.id()).orElseThrow();
            String note = "published by " + published.publisher() + ": " + published.reference();
            ledger.append(LedgerEntry.transition(clock.instant(), record, RequestStatus.IMPLEMENTED, note));
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

    private Map<String, ReviewDecision> decisionsFor(List<Submission> submissions) {
        if (submissions.isEmpty()) {
            return Map.of();
        }
        try {
            return backChannel.decisionsFor(submissions);
        } catch (RuntimeException failure) {
            log.warn("Back-channel {} failed to read the decisions on {} requests: {}", backChannel.name(),
                    submissions.size(), failure.toString());
            return Map.of();
        }
    }
}
