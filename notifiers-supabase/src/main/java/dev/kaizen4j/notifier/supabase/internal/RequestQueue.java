package dev.kaizen4j.notifier.supabase.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The review queue table {@code team_improvement_requests}, reached over one transport (JDBC or
 * Supabase's REST API). Failures are thrown as {@link dev.kaizen4j.KaizenException}s whose kind says
 * whether a retry may help, with one clear line and never a secret; the back-channel turns them into
 * values.
 *
 * <p>Thread safety: implementations are safe for concurrent use, also from several processes.
 */
public interface RequestQueue extends AutoCloseable {

    /**
     * Inserts {@code row} as {@code pending} unless a row with its fingerprint exists; two runtimes
     * enqueuing the same row at once make one row.
     *
     * @return the id (column {@code id}) of the row holding the fingerprint, new or existing
     */
    String enqueue(QueueRow row);

    /**
     * The review columns of the rows with these request ids; ids without a row are absent.
     *
     * @return keyed by request id
     */
    Map<String, ReviewState> reviewStates(Collection<String> requestIds);

    /**
     * Sets {@code status = 'implemented'} and {@code implemented_at}, and the link when given, on the
     * row of {@code requestId}, only while its status is {@code approved}.
     *
     * @return whether the row was approved and is now implemented
     */
    boolean markImplemented(String requestId, Instant implementedAt, @Nullable String link);

    /**
     * Records a reviewer's decision on the row of {@code requestId}, only while it is {@code pending}:
     * {@code status} ({@code approved}, {@code rejected} or {@code needs_work}), {@code reviewer_notes},
     * {@code reviewed_by} and {@code reviewed_at}. Transports that leave deciding to people in the table
     * do not support it.
     *
     * @return whether the row was pending and now holds the decision
     * @throws UnsupportedOperationException when the transport does not support it
     */
    default boolean decide(String requestId, String status, String reviewer, String notes, Instant decidedAt) {
        throw new UnsupportedOperationException("this transport leaves decisions to people in the table");
    }

    /** Releases connections; never throws for a failure to release. */
    @Override
    void close();
}
