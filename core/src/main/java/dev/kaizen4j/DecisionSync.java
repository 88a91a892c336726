package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.internal.CrashPoints;
import dev.kaizen4j.ledger.IllegalTransitionException;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.publish.PublicationStatus;
import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionListener;
import dev.kaizen4j.review.DecisionRead;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * {@link BackChannel#readDecisions batch}; a decision that cannot be read is reported in the
 * {@link SyncResult}, not taken for "undecided". Channels that receive decisions as events hand them to
 * {@link #listener}.
 *
 * <p>A published change is {@link RequestStatus#PUBLISHED} until it reaches the team's repository:
 * a publisher that can tell ({@link ChangePublisher#statusOf}, a pull request) moves it to
 * {@link RequestStatus#MERGED} or {@link RequestStatus#CLOSED_UNMERGED} on a later sync; otherwise the
 * host confirms it with {@link #markMerged}. Every step is shown on the back-channel.
 *
 * <p>Thread safety: thread-safe when its ledger is; several threads or processes may sync the same
 * requests at once. Each decision is recorded once (the ledger refuses a second one) and each
 * publication is recorded once; a change published by two runtimes at the same moment relies on
 * {@link ChangePublisher} being idempotent per request, as its contract requires.
 *
 * <p>It uses the channel and publisher it is given and closes neither.
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
    public SyncResult sync() {
        return sync(record -> true);
    }

    /** Syncs the requests of one team. */
    public SyncResult syncTeam(String team) {
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

    private SyncResult sync(Predicate<RequestRecord> selected) {
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
            } else if (record.status() == RequestStatus.PUBLISHED && publisher != null && record.decision() != null) {
                publicationOf(record).ifPresent(updates::add);
            }
        }
        Set<String> asked = new HashSet<>(awaiting.stream().map(Submission::requestId).toList());
        DecisionRead read = readDecisions(awaiting);
        read.decisions().forEach((requestId, decision) -> {
            if (asked.contains(requestId)) {
                record(requestId, decision).ifPresent(updates::add);
            }
        });
        List<CycleError> errors = new ArrayList<>();
        read.unread().forEach((requestId, reason) -> {
            if (asked.contains(requestId)) {
                log.warn("The decision on {} could not be read from {}: {}", requestId, backChannel.name(), reason);
                errors.add(new CycleError(CycleError.Kind.DECISION, requestId, backChannel.name(),
                        "the decision could not be read: " + reason, true));
            }
        });
        return new SyncResult(updates, errors);
    }

    /** Records a decision on a request awaiting one, shows it on the channel and publishes an approval. */
    private synchronized Optional<DecisionUpdate> record(String requestId, ReviewDecision decided) {
        RequestRecord record = ledger.find(requestId).orElse(null);
        if (record == null || record.status() != RequestStatus.SUBMITTED || record.submission() == null) {
            return Optional.empty();
        }
        try {
            ledger.append(LedgerEntry.transition(clock.instant(), record, decided.verdict().status(),
                    decided.notes().isBlank() ? null : decided.notes()).withDecision(decided));
        } catch (IllegalTransitionException recordedElsewhere) {
            log.info("Decision on {} already recorded by another runtime: {}", requestId,
                    recordedElsewhere.getMessage());
            return Optional.empty();
        }
        CrashPoints.reach(CrashPoints.Point.DECISION_RECORDED);
        notify(record.submission(), decided.verdict().status(), decided.notes());
        return Optional.of(decided.verdict() == Verdict.APPROVED
                ? publish(record.request(), decided)
                : new DecisionUpdate(record.requestId(), decided, null, null));
    }

    /**
     * Records that the published change of {@code requestId} is in the team's repository (the host
     * applied the patch, or merged the pull request outside any publisher that could tell), and shows
     * it on the back-channel. Marking a merged request again changes nothing.
     *
     * @param confirmedBy who confirms it
     * @param note where or how it was applied, may be empty
     * @throws KaizenException ({@code INVALID_INPUT}) if the request is unknown or not published
     */
    public DecisionUpdate markMerged(String requestId, String confirmedBy, String note) {
        requireNonNull(requestId, "requestId");
        requireNonNull(confirmedBy, "confirmedBy");
        requireNonNull(note, "note");
        RequestRecord record = ledger.find(requestId)
                .orElseThrow(() -> KaizenException.invalidInput("no request '" + requestId + "' in the ledger"));
        if (record.decision() == null || record.status() != RequestStatus.PUBLISHED
                && record.status() != RequestStatus.MERGED) {
            throw KaizenException.invalidInput("request " + requestId + " is "
                    + record.status().name().toLowerCase(Locale.ROOT)
                    + "; only a published change can be marked applied");
        }
        PublicationStatus merged = new PublicationStatus(PublicationStatus.State.MERGED, publishedReference(record),
                "confirmed applied by " + confirmedBy + (note.isBlank() ? "" : ": " + note));
        if (record.status() == RequestStatus.PUBLISHED) {
            recordPublication(record, merged);
        }
        return new DecisionUpdate(requestId, record.decision(), null, null, merged);
    }

    /** Where the change was published, from the ledger entry that recorded it; the request id if none says. */
    private static String publishedReference(RequestRecord record) {
        String reference = record.requestId();
        for (LedgerEntry entry : record.history()) {
            if (entry.status() == RequestStatus.PUBLISHED && entry.note() != null && entry.note().contains(": ")) {
                reference = entry.note().substring(entry.note().indexOf(": ") + 2);
            }
        }
        return reference;
    }

    private Optional<DecisionUpdate> publicationOf(RequestRecord record) {
        Optional<PublicationStatus> status;
        try {
            status = publisher.statusOf(record.request());
        } catch (RuntimeException failure) {
            log.warn("Reading the state of the published change of {} failed; retried on the next sync: {}",
                    record.requestId(), failure.getMessage());
            return Optional.empty();
        }
        return status.filter(s -> s.state() != PublicationStatus.State.OPEN).map(s -> {
            recordPublication(record, s);
            return new DecisionUpdate(record.requestId(), record.decision(), null, null, s);
        });
    }

    private void recordPublication(RequestRecord record, PublicationStatus publication) {
        boolean merged = publication.state() == PublicationStatus.State.MERGED;
        RequestStatus status = merged ? RequestStatus.MERGED : RequestStatus.CLOSED_UNMERGED;
        String note = (merged ? "merged: " : "closed without merging: ") + publication.reference()
                + (publication.detail().isBlank() ? "" : " (" + publication.detail() + ")");
        try {
            ledger.append(LedgerEntry.transition(clock.instant(), record, status, note));
        } catch (IllegalTransitionException recordedElsewhere) {
            log.info("The state of {} was already recorded by another runtime", record.requestId());
            return;
        }
        if (record.submission() != null) {
            notify(record.submission(), status, note);
        }
    }

    /** Publishes an approved request and records it as published; a failure leaves it approved. */
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
                ledger.append(LedgerEntry.transition(clock.instant(), record, RequestStatus.PUBLISHED, note));
            } catch (IllegalTransitionException recordedElsewhere) {
                // Another runtime published it at the same time; publishers are idempotent per request.
                log.info("Publication of {} already recorded by another runtime", request.id());
                return new DecisionUpdate(request.id(), approval, published, null);
            }
            if (record.submission() != null) {
                notify(record.submission(), RequestStatus.PUBLISHED, note);
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

    private DecisionRead readDecisions(List<Submission> submissions) {
        if (submissions.isEmpty()) {
            return DecisionRead.of(Map.of());
        }
        try {
            return backChannel.readDecisions(submissions);
        } catch (RuntimeException failure) {
            return DecisionRead.failed(submissions, failure.toString());
        }
    }
}
