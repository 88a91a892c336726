package dev.kaizen4j.notifier.supabase.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaizen4j.KaizenException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The review queue over Supabase's REST API: {@code <url>/rest/v1/team_improvement_requests}.
 *
 * <p>Enqueuing is one insert with {@code on_conflict=fingerprint} and
 * {@code Prefer: resolution=ignore-duplicates}, so two runtimes submitting the same proposal at once
 * make one row; the id of an existing row is then read by fingerprint. Marking a request implemented is
 * a conditional update ({@code &status=eq.approved}): a row a person moved elsewhere meanwhile is left
 * alone. Timestamps are written in UTC, as the design's {@code TIMESTAMP} columns hold them.
 *
 * <p>Thread safety: safe for concurrent use, also from several processes.
 */
public final class RestRequestQueue implements RequestQueue {

    static final String TABLE = "team_improvement_requests";
    /** Request ids per {@code in.(...)} filter, keeping URLs well under common limits. */
    private static final int IDS_PER_READ = 50;
    private static final String REVIEW_COLUMNS = "request_id,status,reviewer_notes,reviewed_at,reviewed_by";

    private final PostgrestClient client;

    public RestRequestQueue(PostgrestClient client) {
        this.client = requireNonNull(client, "client");
    }

    @Override
    public String enqueue(QueueRow row) {
        requireNonNull(row, "row");
        JsonNode inserted;
        try {
            inserted = client.post(TABLE, "on_conflict=fingerprint&select=id", body(row),
                    "return=representation,resolution=ignore-duplicates");
        } catch (KaizenException refused) {
            // on_conflict names the fingerprint index only: a runtime inserting the same request at the same moment
            // can trip the request id's unique index first (409). Its row is committed by then.
            if (refused.kind() != KaizenException.Kind.INVALID_INPUT) {
                throw refused;
            }
            try {
                return existingId(row).orElseThrow(() -> refused);
            } catch (KaizenException unreadable) {
                throw refused;
            }
        }
        if (inserted.isArray() && !inserted.isEmpty()) {
            return id(inserted.get(0), row);
        }
        // The fingerprint was there already: the insert was ignored and returned nothing.
        Optional<String> existing = existingId(row);
        if (existing.isPresent()) {
            return existing.get();
        }
        throw new KaizenException(KaizenException.Kind.RETRIABLE, "Supabase REST insert of request " + row.requestId()
                + " into " + TABLE + " returned no row, and no row holds its fingerprint");
    }

    private Optional<String> existingId(QueueRow row) {
        JsonNode existing = client.get(TABLE, "select=id&fingerprint=" + PostgrestClient.eq(row.fingerprint()));
        return existing.isArray() && !existing.isEmpty() ? Optional.of(id(existing.get(0), row)) : Optional.empty();
    }

    @Override
    public Map<String, ReviewState> reviewStates(Collection<String> requestIds) {
        requireNonNull(requestIds, "requestIds");
        List<String> ids = requestIds.stream().distinct().toList();
        Map<String, ReviewState> states = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
            JsonNode rows = client.get(TABLE, "select=" + REVIEW_COLUMNS + "&request_id=" + PostgrestClient.in(chunk));
            for (JsonNode row : rows) {
                states.put(row.path("request_id").asText(), new ReviewState(
                        textOrNull(row, "status"), textOrNull(row, "reviewer_notes"),
                        instantOrNull(row, "reviewed_at"), textOrNull(row, "reviewed_by")));
            }
        }
        return states;
    }

    @Override
    public boolean markImplemented(String requestId, Instant implementedAt, @Nullable String link) {
        requireNonNull(requestId, "requestId");
        requireNonNull(implementedAt, "implementedAt");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("status", "implemented");
        changes.put("implemented_at", utc(implementedAt));
        changes.put("updated_at", implementedAt.truncatedTo(ChronoUnit.MICROS).toString());
        if (link != null) {
            changes.put("pull_request_url", link);
        }
        JsonNode updated = client.patch(TABLE, "select=id&request_id=" + PostgrestClient.eq(requestId)
                + "&status=eq.approved", changes, "return=representation");
        return updated.isArray() && !updated.isEmpty();
    }

    @Override
    public void close() {
        // the JDK's HttpClient holds no connection that needs closing on Java 17
    }

    @Override
    public String toString() {
        return "RestRequestQueue[" + client + "]";
    }

    private static Map<String, Object> body(QueueRow row) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", row.requestId());
        body.put("fingerprint", row.fingerprint());
        body.put("team_name", row.teamName());
        body.put("request_type", row.requestType());
        body.put("agent_name", row.agentName());
        body.put("current_state", row.currentState());
        body.put("proposed_state", row.proposedState());
        body.put("rationale", row.rationale());
        Map<String, @Nullable Double> metrics = new LinkedHashMap<>();
        // JSON has no NaN or infinity; such a figure is written as null
        row.effectivenessMetrics().forEach((name, value) -> metrics.put(name, Double.isFinite(value) ? value : null));
        body.put("effectiveness_metrics", metrics);
        body.put("status", "pending");
        body.put("title", row.title());
        body.put("category", row.category());
        body.put("diff", row.diff());
        body.put("validation", row.validation());
        return body;
    }

    private static String id(JsonNode row, QueueRow queued) {
        String id = row.path("id").asText("");
        if (id.isEmpty()) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE, "the row of request " + queued.requestId()
                    + " in " + TABLE + " has no id");
        }
        return id;
    }

    /** A UTC timestamp without offset: Postgres drops an offset given to a {@code TIMESTAMP} column. */
    static String utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC).toString();
    }

    private static @Nullable String textOrNull(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Reads {@code TIMESTAMP} (UTC by convention) and {@code TIMESTAMPTZ} values as PostgREST writes them. */
    private static @Nullable Instant instantOrNull(JsonNode row, String column) {
        String text = textOrNull(row, column);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // a hand-made table may hold text here; the decision still counts, undated
                return null;
            }
        }
    }
}
