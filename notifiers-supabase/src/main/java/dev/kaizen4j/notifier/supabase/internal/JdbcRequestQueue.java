package dev.kaizen4j.notifier.supabase.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.KaizenException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The review queue over JDBC. Enqueuing is one {@code INSERT ... ON CONFLICT (fingerprint) DO NOTHING},
 * so two runtimes enqueuing the same row at once make one row; marking implemented is one conditional
 * {@code UPDATE}. The design's {@code TIMESTAMP} columns are read and written as UTC.
 */
public final class JdbcRequestQueue implements RequestQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String INSERT = """
            INSERT INTO team_improvement_requests (request_id, fingerprint, team_name, request_type, agent_name,
                current_state, proposed_state, rationale, effectiveness_metrics, title, category, diff, validation,
                status)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?::jsonb, 'pending')
            ON CONFLICT (fingerprint) DO NOTHING
            RETURNING id""";
    private static final String FIND = "SELECT id FROM team_improvement_requests WHERE fingerprint = ?";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String STATES = """
            SELECT request_id, status, reviewer_notes, reviewed_at, reviewed_by
            FROM team_improvement_requests WHERE request_id = ANY (?)""";
    private static final String IMPLEMENTED = """
            UPDATE team_improvement_requests
            SET status = 'implemented', implemented_at = ?, pull_request_url = COALESCE(?, pull_request_url),
                updated_at = now()
            WHERE request_id = ? AND lower(btrim(status)) = 'approved'""";

    private static final String DECIDE = """
            UPDATE team_improvement_requests
            SET status = ?, reviewer_notes = ?, reviewed_by = ?, reviewed_at = ?, updated_at = now()
            WHERE request_id = ? AND (status IS NULL OR lower(btrim(status)) = 'pending')""";

    private final DataSource dataSource;
    private final @Nullable AutoCloseable owned;

    /**
     * @param dataSource where the table is; the connections' schema must hold it
     * @param owned closed with this queue (the pool it opened), or null when the caller keeps the data source
     */
    public JdbcRequestQueue(DataSource dataSource, @Nullable AutoCloseable owned) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.owned = owned;
    }

    @Override
    public String enqueue(QueueRow row) {
        requireNonNull(row, "row");
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, row.requestId());
                insert.setString(2, row.fingerprint());
                insert.setString(3, row.teamName());
                insert.setString(4, row.requestType());
                insert.setString(5, row.agentName());
                insert.setString(6, json(row.currentState()));
                insert.setString(7, json(row.proposedState()));
                insert.setString(8, row.rationale());
                insert.setString(9, json(row.effectivenessMetrics()));
                insert.setString(10, row.title());
                insert.setString(11, row.category());
                insert.setString(12, row.diff());
                insert.setString(13, json(row.validation()));
                try (ResultSet inserted = insert.executeQuery()) {
                    if (inserted.next()) {
                        return inserted.getString(1);
                    }
                } catch (SQLException conflict) {
                    // ON CONFLICT names the fingerprint index only: a runtime inserting the same request at the same
                    // moment can trip the request id's unique index first. Its row is committed by then.
                    Optional<String> existing = find(connection, row);
                    if (existing.isPresent() && UNIQUE_VIOLATION.equals(conflict.getSQLState())) {
                        return existing.get();
                    }
                    throw conflict;
                }
            }
            Optional<String> existing = find(connection, row);
            if (existing.isPresent()) {
                return existing.get();
            }
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "enqueuing request " + row.requestId() + " failed: its row was neither inserted nor found");
        } catch (SQLException e) {
            throw Database.failure("enqueuing request " + row.requestId(), e);
        }
    }

    private static Optional<String> find(Connection connection, QueueRow row) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, row.fingerprint());
            try (ResultSet existing = find.executeQuery()) {
                return existing.next() ? Optional.of(existing.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Map<String, ReviewState> reviewStates(Collection<String> requestIds) {
        requireNonNull(requestIds, "requestIds");
        Map<String, ReviewState> states = new LinkedHashMap<>();
        if (requestIds.isEmpty()) {
            return states;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(STATES)) {
            Array ids = connection.createArrayOf("text", requestIds.toArray());
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    LocalDateTime reviewedAt = rows.getObject(4, LocalDateTime.class);
                    states.put(rows.getString(1), new ReviewState(rows.getString(2), rows.getString(3),
                            reviewedAt == null ? null : reviewedAt.toInstant(ZoneOffset.UTC), rows.getString(5)));
                }
            }
            return states;
        } catch (SQLException e) {
            throw Database.failure("reading the review status of " + requestIds.size() + " request(s)", e);
        }
    }

    @Override
    public boolean markImplemented(String requestId, Instant implementedAt, @Nullable String link) {
        requireNonNull(requestId, "requestId");
        requireNonNull(implementedAt, "implementedAt");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(IMPLEMENTED)) {
            update.setObject(1, LocalDateTime.ofInstant(implementedAt, ZoneOffset.UTC));
            update.setString(2, link);
            update.setString(3, requestId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Database.failure("marking request " + requestId + " implemented", e);
        }
    }

    @Override
    public boolean decide(String requestId, String status, String reviewer, String notes, Instant decidedAt) {
        requireNonNull(requestId, "requestId");
        requireNonNull(status, "status");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(DECIDE)) {
            update.setString(1, status);
            update.setString(2, notes);
            update.setString(3, reviewer);
            update.setObject(4, LocalDateTime.ofInstant(decidedAt, ZoneOffset.UTC));
            update.setString(5, requestId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Database.failure("recording the decision on request " + requestId, e);
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception ignored) {
                // closing a pool only fails when it is already broken; nothing is left to release
            }
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of a map of strings and numbers", e);
        }
    }
}
