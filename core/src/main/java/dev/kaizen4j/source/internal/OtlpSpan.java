package dev.kaizen4j.source.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One span read from OTLP/JSON, with its attributes decoded to Java values (strings, longs, doubles,
 * booleans, lists and maps).
 *
 * @param traceId the trace id, in hex
 * @param spanId the span id, in hex
 * @param parentSpanId the parent's id, or null for a root span
 * @param name the span name
 * @param start when it started
 * @param end when it ended
 * @param attributes the span's attributes
 * @param events the span's events
 * @param failed whether the status is ERROR
 * @param statusMessage the status message, if any
 * @param service the resource's {@code service.name}, if any
 * @param line the line of the input the span was read from
 */
public record OtlpSpan(String traceId, String spanId, @Nullable String parentSpanId, String name, Instant start,
        Instant end, Map<String, Object> attributes, List<Event> events, boolean failed,
        @Nullable String statusMessage, @Nullable String service, long line) {

    /** A span event: its name, time and attributes. */
    public record Event(String name, Instant time, Map<String, Object> attributes) {}

    /** The attribute as text, the first of {@code keys} present; numbers and booleans are converted. */
    public @Nullable String text(String... keys) {
        for (String key : keys) {
            Object value = attributes.get(key);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
            if (value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
        }
        return null;
    }

    /** The attribute as a whole number, the first of {@code keys} that holds one. */
    public @Nullable Long number(String... keys) {
        for (String key : keys) {
            Object value = attributes.get(key);
            if (value instanceof Number number) {
                return number.longValue();
            }
            if (value instanceof String text) {
                try {
                    return Long.parseLong(text.trim());
                } catch (NumberFormatException notANumber) {
                    // try the next key
                }
            }
        }
        return null;
    }
}
