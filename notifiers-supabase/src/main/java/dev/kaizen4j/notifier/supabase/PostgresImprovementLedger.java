package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.LedgerTransitions;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.notifier.supabase.internal.Database;
import dev.kaizen4j.review.RequestStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The improvement ledger in a PostgreSQL (Supabase) database, shared by every runtime that uses it: the
 * tables {@code kaizen4j_ledger_requests} (one row per request, with its current status) and
 * {@code kaizen4j_ledger_entries} (the transitions, each the JSON the file ledger writes as a line).
 *
 * <p>Each append is one transaction that locks the request's row, checks the transition against the
 * request's recorded entries ({@link LedgerTransitions#check}), inserts the entry and updates the status,
 * so concurrent runtimes never both make the same transition and a failure leaves nothing half-written.
 * {@link #appendIfAbsent} holds a transaction-scoped advisory lock on the fingerprint while it checks and
 * appends, so of several processes proposing the same change exactly one claims it.
 * {@link #claimRetries} hands the requests left to submit again to one runtime at a time with
 * {@code FOR UPDATE SKIP LOCKED}.
 *
 * <p>Thread safety: safe for concurrent use by threads and processes. A serialization failure or a
 * deadlock is retried a few times before it is thrown as retriable.
 */
public final class PostgresImprovementLedger implements ImprovementLedger {

    private static final ObjectMapper JSON = Json.mapper();
    /** The first key of the advisory locks this ledger takes; the second is the fingerprint's hash. */
    private static final int FINGERPRINT_LOCK_SPACE = 0x4b7a_6c01;
    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    /** A ledger in the tables of {@code dataSource}'s schema, made by {@link SchemaMigrations}. */
    public PostgresImprovementLedger(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void append(LedgerEntry entry) {
        requireNonNull(entry, "entry");
        inTransaction("appending " + entry.status() + " of request " + entry.requestId(), connection -> {
            appendLocked(connection, entry);
            return null;
        });
    }

    @Override
    public boolean appendIfAbsent(LedgerEntry entry) {
        requireNonNull(entry, "entry");
        if (entry.request() == null) {
            throw KaizenException.invalidInput("a claim on fingerprint " + entry.fingerprint()
                    + " must carry the request " + entry.requestId());
        }
        return inTransaction("claiming fingerprint " + entry.fingerprint(), connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, FINGERPRINT_LOCK_SPACE);
                lock.setString(2, entry.fingerprint());
                lock.execute();
            }
            try (PreparedStatement holders = connection.prepareStatement(
                    "SELECT status FROM kaizen4j_ledger_requests WHERE fingerprint = ?")) {
                holders.setString(1, entry.fingerprint());
                try (ResultSet rows = holders.executeQuery()) {
                    while (rows.next()) {
                        if (!LedgerTransitions.leavesFingerprintFree(
                                RequestStatus.fromName(rows.getString(1)))) {
                            return false;
                        }
                    }
                }
            }
            appendLocked(connection, entry);
            return true;
        });
    }

    /**
     * Claims the team's requests to submit again for {@code holder} until {@code now + hold}, skipping those
     * another runtime holds an unexpired claim on or is claiming at this moment ({@code FOR UPDATE SKIP
     * LOCKED}): however many runtimes retry at once, each left-over request goes to one of them. A claim ends
     * when the request moves on (the next transition clears it) or expires, so a runtime that dies frees its
     * requests.
     */
    @Override
    public List<RequestRecord> claimRetries(String team, String holder, Instant now, Duration hold) {
        requireNonNull(team, "team");
        requireNonNull(holder, "holder");
        requireNonNull(now, "now");
        requireNonNull(hold, "hold");
        return inTransaction("claiming the requests of team " + team + " to retry", connection -> {
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT request_id FROM kaizen4j_ledger_requests
                    WHERE team_name = ? AND status IN ('PENDING_SUBMISSION', 'SUBMITTED')
                      AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)
                    ORDER BY first_recorded_seq FOR UPDATE SKIP LOCKED""")) {
                select.setString(1, team);
                select.setTimestamp(2, Timestamp.from(now));
                select.setString(3, holder);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(rows.getString(1));
                    }
                }
            }
            List<RequestRecord> claimed = new ArrayList<>();
            for (String id : candidates) {
                load(connection, id, false).filter(LedgerTransitions::awaitsSubmission).ifPresent(claimed::add);
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE kaizen4j_ledger_requests SET claimed_by = ?, claimed_until = ? WHERE request_id = ?")) {
                for (RequestRecord record : claimed) {
                    update.setString(1, holder);
                    update.setTimestamp(2, Timestamp.from(now.plus(hold)));
                    update.setString(3, record.requestId());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return claimed;
        });
    }

    @Override
    public List<RequestRecord> records() {
        return inTransaction("reading the ledger", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT e.entry::text FROM kaizen4j_ledger_entries e
                    JOIN kaizen4j_ledger_requests r ON r.request_id = e.request_id
                    ORDER BY r.first_recorded_seq, e.seq""")) {
                return replay(select).records();
            }
        });
    }

    @Override
    public Optional<RequestRecord> find(String requestId) {
        requireNonNull(requestId, "requestId");
        return inTransaction("reading request " + requestId, connection -> load(connection, requestId, false));
    }

    @Override
    public Optional<RequestRecord> findByFingerprint(String fingerprint) {
        requireNonNull(fingerprint, "fingerprint");
        return inTransaction("reading fingerprint " + fingerprint, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT request_id FROM kaizen4j_ledger_requests WHERE fingerprint = ?
                    ORDER BY updated_at DESC, first_recorded_seq DESC LIMIT 1""")) {
                select.setString(1, fingerprint);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? load(connection, rows.getString(1), false) : Optional.empty();
                }
            }
        });
    }

    /** Locks (or creates) the request's row, checks the transition, inserts the entry, updates the status. */
    private void appendLocked(Connection connection, LedgerEntry entry) throws SQLException {
        Optional<RequestRecord> current = load(connection, entry.requestId(), true);
        if (current.isEmpty()) {
            if (entry.request() == null) {
                throw KaizenException.invalidInput("ledger entry for unknown request " + entry.requestId()
                        + ": the first entry of a request must carry the request");
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO kaizen4j_ledger_requests (request_id, fingerprint, team_name, status, updated_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING""")) {
                insert.setString(1, entry.requestId());
                insert.setString(2, entry.fingerprint());
                insert.setString(3, entry.request().team());
                insert.setString(4, entry.status().name());
                insert.setTimestamp(5, Timestamp.from(entry.at()));
                if (insert.executeUpdate() == 0) {
                    // Another runtime recorded the request first; check against what it recorded.
                    current = load(connection, entry.requestId(), true);
                }
            }
        }
        RequestRecord known = current.orElse(null);
        if (known != null && !known.fingerprint().equals(entry.fingerprint())) {
            throw KaizenException.invalidInput("ledger entry for request " + entry.requestId() + " has fingerprint "
                    + entry.fingerprint() + ", but the request was recorded with " + known.fingerprint());
        }
        LedgerTransitions.check(known, entry);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO kaizen4j_ledger_entries (request_id, status, recorded_at, entry) VALUES (?, ?, ?, ?::jsonb)")) {
            insert.setString(1, entry.requestId());
            insert.setString(2, entry.status().name());
            insert.setTimestamp(3, Timestamp.from(entry.at()));
            insert.setString(4, json(entry));
            insert.executeUpdate();
        }
        // The transition ends any claim: the attempt it covered is over, and the request is free to retry.
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE kaizen4j_ledger_requests SET status = ?, updated_at = ?, claimed_by = NULL, claimed_until = NULL
                WHERE request_id = ?""")) {
            update.setString(1, entry.status().name());
            update.setTimestamp(2, Timestamp.from(entry.at()));
            update.setString(3, entry.requestId());
            update.executeUpdate();
        }
    }

    private Optional<RequestRecord> load(Connection connection, String requestId, boolean lock) throws SQLException {
        if (lock) {
            try (PreparedStatement row = connection.prepareStatement(
                    "SELECT 1 FROM kaizen4j_ledger_requests WHERE request_id = ? FOR UPDATE")) {
                row.setString(1, requestId);
                try (ResultSet rows = row.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT entry::text FROM kaizen4j_ledger_entries WHERE request_id = ? ORDER BY seq")) {
            select.setString(1, requestId);
            return replay(select).find(requestId);
        }
    }

    private static InMemoryImprovementLedger replay(PreparedStatement select) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                try {
                    entries.add(JSON.readValue(rows.getString(1), LedgerEntry.class));
                } catch (JsonProcessingException e) {
                    throw KaizenException.invalidInput("a ledger entry in kaizen4j_ledger_entries does not read: "
                            + e.getOriginalMessage(), e);
                }
            }
        }
        return InMemoryImprovementLedger.replaying(entries);
    }

    private static String json(LedgerEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ledger entry cannot be written as JSON", e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction, retrying serialization failures and deadlocks. */
    private <T> T inTransaction(String action, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException failure) {
                    rollback(connection);
                    throw failure;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                String state = e.getSQLState();
                boolean conflict = "40001".equals(state) || "40P01".equals(state);
                if (!conflict || attempt >= ATTEMPTS) {
                    throw Database.failure(action, e);
                }
            }
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the server rolls the transaction back when it closes
        }
    }

    @Override
    public String toString() {
        return "PostgresImprovementLedger";
    }
}
