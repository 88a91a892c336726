package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.internal.DecisionNotifications;
import dev.kaizen4j.notifier.supabase.internal.JdbcRequestQueue;
import dev.kaizen4j.notifier.supabase.internal.QueueRow;
import dev.kaizen4j.notifier.supabase.internal.RequestQueue;
import dev.kaizen4j.notifier.supabase.internal.RestRequestQueue;
import dev.kaizen4j.notifier.supabase.internal.RestTransport;
import dev.kaizen4j.notifier.supabase.internal.ReviewState;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionListener;
import dev.kaizen4j.review.DecisionRead;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests as rows of the design's {@code team_improvement_requests} table, in Supabase or any
 * PostgreSQL. A request is inserted {@code pending} once per fingerprint (an insert that ignores
 * duplicates, so two runtimes submitting the same proposal at once make one row); a human decides by
 * setting {@code status} to {@code approved}, {@code rejected} or {@code needs_work}, with
 * {@code reviewer_notes} (SQL editor, Supabase's table view, or a dashboard); when the approved change is
 * published, the row becomes {@code implemented} with {@code implemented_at}. The submission's external id
 * is the row's {@code id}.
 *
 * <p>Failures of the database are values ({@link Submission#failed failed submissions}, empty decisions),
 * logged in one line without the password.
 *
 * <p>Thread safety: safe for concurrent use, also by several processes on one database.
 */
public final class SupabaseBackChannel implements BackChannel {

    /** The channel's name, also the name it is chosen by. */
    public static final String NAME = "supabase";

    private static final Logger log = LoggerFactory.getLogger(SupabaseBackChannel.class);

    private final RequestQueue queue;
    private final Clock clock;
    /** Where decisions can be listened for (LISTEN/NOTIFY), or null when only polling works. */
    private final @Nullable DataSource notifications;
    private final List<DecisionNotifications> listeners = new CopyOnWriteArrayList<>();

    private SupabaseBackChannel(RequestQueue queue, Clock clock, @Nullable DataSource notifications) {
        this.queue = requireNonNull(queue, "queue");
        this.clock = requireNonNull(clock, "clock");
        this.notifications = notifications;
    }

    /** A channel over the JDBC transport on {@code dataSource}, which the caller keeps and closes. */
    public static SupabaseBackChannel jdbc(DataSource dataSource) {
        return jdbc(dataSource, Clock.systemUTC());
    }

    /** A channel over the JDBC transport on {@code database}, which the caller keeps and closes. */
    public static SupabaseBackChannel jdbc(SupabaseDatabase database) {
        requireNonNull(database, "database");
        return new SupabaseBackChannel(new JdbcRequestQueue(database.dataSource(), null), Clock.systemUTC(),
                database.transactionPooler() ? null : database.dataSource());
    }

    /** As {@link #jdbc(DataSource)}, dating decisions and {@code implemented_at} with {@code clock}. */
    public static SupabaseBackChannel jdbc(DataSource dataSource, Clock clock) {
        requireNonNull(dataSource, "dataSource");
        return new SupabaseBackChannel(new JdbcRequestQueue(dataSource, null), clock, dataSource);
    }

    /**
     * A channel over the transport {@code config} names: JDBC when {@code db.url} is set (on the
     * {@linkplain SupabaseDatabase#shared shared pool} of those settings, released when the channel
     * closes), REST otherwise.
     *
     * @throws KaizenException listing every invalid or missing setting
     */
    public static SupabaseBackChannel create(SupabaseConfig config) {
        requireNonNull(config, "config");
        config.validate();
        if (config.dbUrl().isPresent()) {
            SupabaseDatabase database = SupabaseDatabase.shared(config);
            return new SupabaseBackChannel(new JdbcRequestQueue(database.dataSource(), database), Clock.systemUTC(),
                    database.transactionPooler() ? null : database.dataSource());
        }
        return new SupabaseBackChannel(restQueue(config), Clock.systemUTC(), null);
    }

    /**
     * A channel over any transport of this module's review queue, dating {@code implemented_at} with
     * {@code clock}; the channel closes the queue.
     */
    public static SupabaseBackChannel over(RequestQueue queue, Clock clock) {
        return new SupabaseBackChannel(queue, clock, null);
    }

    private static RequestQueue restQueue(SupabaseConfig config) {
        return new RestRequestQueue(RestTransport.client(config));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Submission submit(ImprovementRequest request) {
        requireNonNull(request, "request");
        try {
            String rowId = queue.enqueue(QueueRow.of(request));
            return Submission.submitted(NAME, request.id(), rowId, null);
        } catch (KaizenException failure) {
            log.warn("Submitting {} to Supabase failed: {}", request.id(), failure.getMessage());
            return Submission.failed(NAME, request.id(), failure.getMessage(), failure.isRetriable());
        } catch (RuntimeException failure) {
            log.warn("Submitting {} to Supabase failed: {}", request.id(), failure.toString());
            return Submission.failed(NAME, request.id(), "submitting to Supabase failed: " + failure, true);
        }
    }

    @Override
    public Optional<ReviewDecision> decisionFor(Submission submission) {
        requireNonNull(submission, "submission");
        return Optional.ofNullable(decisionsFor(List.of(submission)).get(submission.requestId()));
    }

    @Override
    public Map<String, ReviewDecision> decisionsFor(Collection<Submission> submissions) {
        return readDecisions(submissions).decisionsLoggingUnread(log);
    }

    /** Reads the requests' rows in one query; when it fails, every request asked about is unread. */
    @Override
    public DecisionRead readDecisions(Collection<Submission> submissions) {
        requireNonNull(submissions, "submissions");
        Map<String, ReviewDecision> decisions = new LinkedHashMap<>();
        List<Submission> asked = submissions.stream().filter(Submission::isSubmitted).toList();
        List<String> ids = asked.stream().map(Submission::requestId).distinct().toList();
        if (ids.isEmpty()) {
            return DecisionRead.of(decisions);
        }
        try {
            for (Map.Entry<String, ReviewState> state : queue.reviewStates(ids).entrySet()) {
                state.getValue().decision().ifPresent(decision -> decisions.put(state.getKey(), decision));
            }
        } catch (RuntimeException failure) {
            return DecisionRead.failed(asked, String.valueOf(failure.getMessage()));
        }
        return DecisionRead.of(decisions);
    }

    /**
     * Records a reviewer's decision in the request's row, as a person editing the table would, while the
     * row is {@code pending}; {@link #decisionFor} then reads it like any other.
     *
     * @return the decision, or empty when the row is missing or already decided
     * @throws KaizenException when the database fails, or the transport leaves deciding to the table
     */
    public Optional<ReviewDecision> decide(String requestId, Verdict verdict, String reviewer, String notes) {
        requireNonNull(requestId, "requestId");
        requireNonNull(verdict, "verdict");
        requireNonNull(reviewer, "reviewer");
        ReviewDecision decision = new ReviewDecision(verdict, reviewer, notes, clock.instant());
        String status = switch (verdict) {
            case APPROVED -> "approved";
            case REJECTED -> "rejected";
            case NEEDS_WORK -> "needs_work";
        };
        try {
            return queue.decide(requestId, status, reviewer, decision.notes(), decision.decidedAt())
                    ? Optional.of(decision) : Optional.empty();
        } catch (UnsupportedOperationException unsupported) {
            throw KaizenException.invalidInput("request " + requestId + " is decided in the Supabase table: "
                    + unsupported.getMessage());
        }
    }

    /** A published change marks the approved row {@code implemented}; other statuses change nothing. */
    @Override
    public void statusChanged(Submission submission, RequestStatus status, String note) {
        requireNonNull(submission, "submission");
        requireNonNull(status, "status");
        if (status != RequestStatus.PUBLISHED) {
            return;
        }
        try {
            if (!queue.markImplemented(submission.requestId(), clock.instant(), link(note))) {
                log.info("Request {} was not approved in Supabase; left as it is", submission.requestId());
            }
        } catch (RuntimeException failure) {
            log.warn("Marking {} implemented in Supabase failed: {}", submission.requestId(), failure.getMessage());
        }
    }

    /** The pull request URL or patch path in a publication note ({@code published by X: REF}), if any. */
    private static @Nullable String link(@Nullable String note) {
        if (note == null) {
            return null;
        }
        int separator = note.indexOf(": ");
        return separator < 0 ? null : note.substring(separator + 2).strip();
    }

    /**
     * Over JDBC (not through the transaction pooler), listens for the notification a trigger sends when a
     * row is decided, and hands the decision to {@code listener} at once; otherwise decisions are read by
     * polling ({@link #decisionsFor}) only. Listening holds one connection until the channel is closed.
     */
    @Override
    public void decisionsTo(DecisionListener listener) {
        requireNonNull(listener, "listener");
        if (notifications == null) {
            log.debug("Supabase decisions are read by polling: this connection cannot LISTEN");
            return;
        }
        listeners.add(DecisionNotifications.start(notifications, requestId ->
                Optional.ofNullable(queue.reviewStates(List.of(requestId)).get(requestId))
                        .flatMap(ReviewState::decision)
                        .ifPresent(decision -> listener.decided(NAME, requestId, decision))));
    }

    /** True over JDBC outside the transaction pooler, where {@link #decisionsTo} listens for notifications. */
    @Override
    public boolean deliversDecisions() {
        return notifications != null;
    }

    @Override
    public void close() {
        listeners.forEach(DecisionNotifications::close);
        listeners.clear();
        try {
            queue.close();
        } catch (RuntimeException failure) {
            log.debug("Closing the Supabase queue failed", failure);
        }
    }

    @Override
    public String toString() {
        return "SupabaseBackChannel[" + NAME + "]";
    }
}
