package dev.kaizen4j.notifier.supabase.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.KaizenException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A small client of Supabase's REST API (PostgREST) on {@code <url>/rest/v1/<table>}: sends the key as
 * both {@code apikey} and {@code Authorization: Bearer}, retries what a retry can fix and turns
 * PostgREST's errors ({@code {code, message, details, hint}}) into one-line {@link KaizenException}s.
 *
 * <p>Retried, with bounded exponential back-off: HTTP 503, 504 and 520, network failures, and the
 * Postgres errors 40001 (serialization failure) and 40P01 (deadlock). Never another 4xx: a refused
 * key, a missing table or a constraint violation fails at once. The key never appears in a message.
 *
 * <p>Thread safety: immutable; safe for concurrent use.
 */
public final class PostgrestClient {

    private static final Set<Integer> RETRIED_STATUSES = Set.of(503, 504, 520);
    private static final Set<String> RETRIED_CODES = Set.of("40001", "40P01");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI restUrl;
    private final String key;
    private final String schema;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;

    private PostgrestClient(Builder builder) {
        String base = builder.url.toString().replaceAll("/+$", "");
        this.restUrl = URI.create(base + "/rest/v1/");
        this.key = builder.key;
        this.schema = builder.schema;
        this.requestTimeout = builder.requestTimeout;
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.sleeper = builder.sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
    }

    /**
     * @param url the project URL, such as {@code https://xyz.supabase.co}
     * @param key the service-role key (or another key whose role may use the tables)
     */
    public static Builder builder(URI url, String key) {
        return new Builder(url, key);
    }

    /** The project's host, for messages. */
    public String host() {
        return restUrl.getHost() == null ? restUrl.toString() : restUrl.getHost();
    }

    /** {@code GET <table>?<query>}: the rows as a JSON array. */
    public JsonNode get(String table, String query) {
        return send("GET", table, query, null, null);
    }

    /** {@code POST <table>?<query>} with {@code body} and the given {@code Prefer} header. */
    public JsonNode post(String table, String query, Object body, String prefer) {
        return send("POST", table, query, requireNonNull(body, "body"), prefer);
    }

    /** {@code PATCH <table>?<query>} with {@code body} and the given {@code Prefer} header. */
    public JsonNode patch(String table, String query, Object body, String prefer) {
        return send("PATCH", table, query, requireNonNull(body, "body"), prefer);
    }

    /** A filter value of a query string, URL-encoded: {@code eq(x)} gives {@code eq.x}. */
    public static String eq(String value) {
        return "eq." + URLEncoder.encode(value, UTF_8);
    }

    /** An {@code in.(...)} filter value with each value quoted, URL-encoded. */
    public static String in(Collection<String> values) {
        String list = values.stream()
                .map(value -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "(", ")"));
        return "in." + URLEncoder.encode(list, UTF_8);
    }

    private JsonNode send(String method, String table, String query, @Nullable Object body, @Nullable String prefer) {
        HttpRequest request = request(method, table, query, body, prefer);
        String what = method + " " + table;
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
                if (response.statusCode() / 100 == 2) {
                    return parse(what, response.body());
                }
                failure = failure(what, table, response);
            } catch (HttpTimeoutException e) {
                failure = new Failure(Kind.RETRIABLE, true,
                        "Supabase REST " + what + " on " + host() + " timed out after " + requestTimeout.toSeconds() + "s");
            } catch (IOException e) {
                String reason = e instanceof java.net.ConnectException ? "connection refused"
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
                failure = new Failure(Kind.RETRIABLE, true, "cannot reach Supabase REST at " + host() + " (" + what
                        + "): " + reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KaizenException(Kind.RETRIABLE, "interrupted during Supabase REST " + what, e);
            }
            if (!failure.retry() || attempt >= maxAttempts) {
                String suffix = failure.retry() ? " (after " + attempt + " attempts)" : "";
                throw new KaizenException(failure.kind(), redact(failure.message()) + suffix);
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KaizenException(Kind.RETRIABLE, "interrupted during Supabase REST " + what, e);
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    private HttpRequest request(String method, String table, String query, @Nullable Object body, @Nullable String prefer) {
        URI uri = restUrl.resolve(URLEncoder.encode(table, UTF_8) + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("apikey", key)
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json");
        if (!"public".equals(schema)) {
            builder.header("GET".equals(method) ? "Accept-Profile" : "Content-Profile", schema);
        }
        if (prefer != null) {
            builder.header("Prefer", prefer);
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), UTF_8))
                    .build();
        } catch (JsonProcessingException e) {
            throw KaizenException.invalidInput("cannot write the body of Supabase REST " + method + " " + table
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode parse(String what, String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new KaizenException(Kind.RETRIABLE, "Supabase REST " + what + " answered with invalid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private Failure failure(String what, String table, HttpResponse<String> response) {
        int status = response.statusCode();
        Optional<JsonNode> error = errorBody(response.body());
        String code = error.map(node -> text(node, "code")).orElse("");
        // PostgREST answers a write to an unknown table with 404 and an empty object
        String message = error.map(node -> text(node, "message")).filter(text -> !text.isEmpty())
                .orElseGet(() -> status == 404 ? "no table " + table + " in the exposed schema" : abbreviate(response.body()));
        StringBuilder line = new StringBuilder("Supabase REST ").append(what).append(" failed: HTTP ").append(status);
        if (!code.isEmpty()) {
            line.append(' ').append(code);
        }
        line.append(": ").append(message);
        error.map(node -> text(node, "details")).filter(text -> !text.isEmpty())
                .ifPresent(details -> line.append(" (details: ").append(details).append(')'));
        error.map(node -> text(node, "hint")).filter(text -> !text.isEmpty())
                .ifPresent(hint -> line.append(" (hint: ").append(hint).append(')'));
        advice(status, code).ifPresent(advice -> line.append(" - ").append(advice));
        boolean retry = RETRIED_STATUSES.contains(status) || RETRIED_CODES.contains(code);
        return new Failure(kind(status, retry), retry, line.toString());
    }

    private static Kind kind(int status, boolean retry) {
        if (retry || status >= 500) {
            return Kind.RETRIABLE;
        }
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        }
        return status == 429 ? Kind.RATE_LIMITED : Kind.INVALID_INPUT;
    }

    private static Optional<String> advice(int status, String code) {
        return switch (code) {
            case "42P01", "PGRST205" -> Optional.of("the table is missing: apply Kaizen4j's migrations (kaizen4j migrate)");
            case "42703", "PGRST204" -> Optional.of("a column is missing: apply Kaizen4j's migrations (kaizen4j migrate)");
            case "42501" -> Optional.of("the key's role may not use this table: use the service_role key");
            case "42P10" -> Optional.of("the table lacks the unique constraint the upsert relies on: apply Kaizen4j's"
                    + " migrations, or create the table as the design defines it");
            case "PGRST301", "PGRST302" -> Optional.of("the key was refused: use the project's service_role key");
            case "" -> switch (status) {
                case 401 -> Optional.of("the key was refused: use the project's service_role key");
                case 404 -> Optional.of("the table is missing: apply Kaizen4j's migrations (kaizen4j migrate)");
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    private static Optional<JsonNode> errorBody(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : (value.isTextual() ? value.asText() : value.toString()).strip();
    }

    private static String abbreviate(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return "no error body";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    private String redact(String message) {
        return key.isEmpty() ? message : message.replace(key, "***");
    }

    @Override
    public String toString() {
        return "PostgrestClient[" + restUrl + ", schema " + schema + "]";
    }

    private record Failure(Kind kind, boolean retry, String message) {}

    /** Waits between attempts; tests replace it to record the back-off without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** Settings of a {@link PostgrestClient}. */
    public static final class Builder {
        private final URI url;
        private final String key;
        private String schema = "public";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(4);
        private Sleeper sleeper = Sleeper.REAL;

        private Builder(URI url, String key) {
            this.url = requireNonNull(url, "url");
            this.key = requireNonNull(key, "key");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw KaizenException.invalidInput("the Supabase URL must be an http(s) URL such as "
                        + "https://xyz.supabase.co, was '" + url + "'");
            }
            if (key.isBlank()) {
                throw KaizenException.invalidInput("the Supabase key is blank");
            }
        }

        /** The schema holding the tables; {@code public} by default (Supabase exposes it). */
        public Builder schema(String schema) {
            this.schema = requireNonNull(schema, "schema");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many times a request is tried in all when it fails in a way a retry can fix; 1 disables retries. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The wait before the second attempt, doubled before each further one up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = requireNonNull(initial, "initial");
            this.maxBackoff = requireNonNull(max, "max");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = requireNonNull(sleeper, "sleeper");
            return this;
        }

        public PostgrestClient build() {
            return new PostgrestClient(this);
        }
    }
}
