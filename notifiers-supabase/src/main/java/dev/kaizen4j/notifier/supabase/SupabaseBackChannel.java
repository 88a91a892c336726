package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.internal.JdbcRequestQueue;
import dev.kaizen4j.notifier.supabase.internal.QueueRow;
import dev.kaizen4j.notifier.supabase.internal.RequestQueue;
import dev.kaizen4j.notifier.supabase.internal.RestRequestQueue;
import dev.kaizen4j.notifier.supabase.internal.RestTransport;
import dev.kaizen4j.notifier.supabase.internal.ReviewState;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private SupabaseBackChannel(RequestQueue queue, Clock clock) {
        this.queue = requireNonNull(queue, "queue");
        this.clock = requireNonNull(clock, "clock");
    }

    /** A channel over the JDBC transport on {@code dataSource}, which the caller keeps and closes. */
    public static SupabaseBackChannel jdbc(DataSource dataSource) {
        return new SupabaseBackChannel(new JdbcRequestQueue(requireNonNull(dataSource, "dataSource"), null),
                Clock.systemUTC());
    }

    /** A channel over the JDBC transport on {@code database}, which the caller keeps and closes. */
    public static SupabaseBackChannel jdbc(SupabaseDatabase database) {
        return jdbc(requireNonNull(database, "database").dataSource());
    }

    /**
     * A channel over the transport {@code config} names: JDBC when {@code db.url} is set (the channel
     * owns its pool and closes it), REST otherwise.
     *
     * @throws KaizenException listing every invalid or missing setting
     */
    public static SupabaseBackChannel create(SupabaseConfig config) {
        requireNonNull(config, "config");
        config.validate();
        if (config.dbUrl().isPresent()) {
            SupabaseDatabase database = SupabaseDatabase.open(config);
            return new SupabaseBackChannel(new JdbcRequestQueue(database.dataSource(), database), Clock.systemUTC());
        }
        return new SupabaseBackChannel(restQueue(config), Clock.systemUTC());
    }

    /**
     * A channel over any transport of this module's review queue, dating {@code implemented_at} with
     * {@code clock}; the channel closes the queue.
     */
    public static SupabaseBackChannel over(RequestQueue queue, Clock clock) {
        return new SupabaseBackChannel(queue, clock);
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
        requireNonNull(submissions, "submissions");
        Map<String, ReviewDecision> decisions = new LinkedHashMap<>();
        List<String> ids = submissions.stream().filter(Submission::isSubmitted).map(Submission::requestId)
                .distinct().toList();
        if (ids.isEmpty()) {
            return decisions;
        }
        try {
            for (Map.Entry<String, ReviewState> state : queue.reviewStates(ids).entrySet()) {
                state.getValue().decision().ifPresent(decision -> decisions.put(state.getKey(), decision));
            }
        } catch (RuntimeException failure) {
            log.warn("Reading decisions from Supabase failed: {}", failure.getMessage());
        }
        return decisions;
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

    @Override
    public void close() {
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
