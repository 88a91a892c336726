package dev.kaizen4j.source.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.internal.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the spans of one OTLP/JSON file, batch by batch: the file exporter's JSON Lines (one
 * {@code TracesData} per line) or a single {@code TracesData} document, told apart by whether the first
 * line holds a whole JSON object. A malformed line is reported with its line and byte offset and the next
 * line is read; a syntax error in a single document ends that file, after the spans before it.
 */
public final class OtlpReader implements AutoCloseable {

    /** Receives a problem: the 1-based line, the 0-based byte offset of the line or token, the message. */
    public interface Problems {
        void problem(long line, long byteOffset, String message);
    }

    private static final ObjectMapper MAPPER = Json.plain();
    private static final int MAX_LINE_BYTES = 64 << 20;
    private static final int SNIFF_BYTES = 1 << 20;

    private final Path file;
    private final LongConsumer progress;
    private final Problems problems;
    private @Nullable InputStream in;
    private @Nullable JsonParser document;
    private long line;
    private long offset;
    private @Nullable String documentService;
    private boolean done;

    public OtlpReader(Path file, LongConsumer progress, Problems problems) {
        this.file = file;
        this.progress = progress;
        this.problems = problems;
    }

    /** The spans of the next line (or the next span of a document), or null at the end of the file. */
    public @Nullable List<OtlpSpan> next() {
        try {
            if (done) {
                return null;
            }
            if (in == null && document == null) {
                start();
            }
            return document != null ? nextOfDocument(document) : nextLine();
        } catch (IOException unreadable) {
            close();
            throw new UncheckedIOException("cannot read " + file + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /**
     * Decides between JSON Lines and a document from the first line: lines when it holds a whole JSON object
     * (or is malformed, to be reported as a line), a document when the object goes on past the line or the
     * line is longer than {@link #SNIFF_BYTES}. The document path streams, so it also reads lines that are
     * too long to sniff.
     */
    private void start() throws IOException {
        InputStream stream = new BufferedInputStream(LogFiles.open(file, progress), 1 << 16);
        stream.mark(SNIFF_BYTES + 1);
        byte[] head = stream.readNBytes(SNIFF_BYTES);
        boolean atEnd = head.length < SNIFF_BYTES;
        stream.reset();
        int from = 0;
        boolean lines = true;
        while (from < head.length) {
            int newline = indexOf(head, (byte) '\n', from);
            if (newline < 0 && !atEnd) {
                lines = false;
                break;
            }
            int to = newline < 0 ? head.length : newline;
            byte[] line = java.util.Arrays.copyOfRange(head, from, to);
            if (!isBlank(line)) {
                try (JsonParser parser = MAPPER.getFactory().createParser(line)) {
                    MAPPER.readTree(parser);
                } catch (JsonEOFException incomplete) {
                    lines = false;
                } catch (JsonProcessingException malformed) {
                    lines = true;
                }
                break;
            }
            from = to + 1;
        }
        if (lines) {
            in = stream;
        } else {
            document = MAPPER.getFactory().createParser(stream);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private @Nullable List<OtlpSpan> nextLine() throws IOException {
        InputStream stream = in;
        while (true) {
            long at = offset;
            byte[] bytes = readLine(stream);
            if (bytes == null) {
                done = true;
                close();
                return null;
            }
            line++;
            if (isBlank(bytes)) {
                continue;
            }
            if (bytes.length >= MAX_LINE_BYTES) {
                problems.problem(line, at, "line longer than " + (MAX_LINE_BYTES >> 20) + " MiB: skipped");
                continue;
            }
            JsonNode root;
            try (JsonParser parser = MAPPER.getFactory().createParser(bytes)) {
                root = MAPPER.readTree(parser);
                if (parser.nextToken() != null) {
                    problems.problem(line, at, "unexpected content after the JSON object");
                    continue;
                }
            } catch (JsonProcessingException malformed) {
                problems.problem(line, at + malformed.getLocation().getByteOffset(),
                        "invalid JSON: " + malformed.getOriginalMessage());
                continue;
            }
            if (root == null || !root.isObject()) {
                problems.problem(line, at, "not a JSON object (expected a TracesData with resourceSpans)");
                continue;
            }
            JsonNode resourceSpans = field(root, "resourceSpans", "resource_spans");
            if (resourceSpans == null || !resourceSpans.isArray()) {
                problems.problem(line, at, "no 'resourceSpans' array: not an OTLP TracesData");
                continue;
            }
            List<OtlpSpan> spans = new ArrayList<>();
            for (JsonNode resource : resourceSpans) {
                String service = service(field(resource, "resource"));
                JsonNode scopes = field(resource, "scopeSpans", "scope_spans", "instrumentationLibrarySpans");
                if (scopes == null) {
                    continue;
                }
                for (JsonNode scope : scopes) {
                    JsonNode list = field(scope, "spans");
                    if (list == null) {
                        continue;
                    }
                    for (JsonNode span : list) {
                        OtlpSpan parsed = span(span, service, line, at);
                        if (parsed != null) {
                            spans.add(parsed);
                        }
                    }
                }
            }
            return spans;
        }
    }

    /** Reads one line of bytes (without its line break) and counts its bytes; null at the end. */
    private @Nullable byte[] readLine(InputStream stream) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        int b;
        boolean any = false;
        while ((b = stream.read()) >= 0) {
            any = true;
            offset++;
            if (b == '\n') {
                break;
            }
            if (buffer.size() < MAX_LINE_BYTES) {
                buffer.write(b);
            }
        }
        return any ? buffer.toByteArray() : null;
    }

    private @Nullable List<OtlpSpan> nextOfDocument(JsonParser parser) throws IOException {
        offset = 0;
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.FIELD_NAME && "resource".equals(parser.currentName())
                        && isElementOf(context, "resourceSpans", "resource_spans")) {
                    parser.nextToken();
                    documentService = service(MAPPER.readTree(parser));
                } else if (token == JsonToken.START_OBJECT && isElementOf(context, "resourceSpans", "resource_spans")) {
                    documentService = null;
                } else if (token == JsonToken.START_OBJECT && context.getParent() != null
                        && context.getParent().inArray() && "spans".equals(context.getParent().getParent() == null
                                ? null : context.getParent().getParent().getCurrentName())) {
                    JsonLocation at = parser.currentTokenLocation();
                    JsonNode span = MAPPER.readTree(parser);
                    OtlpSpan parsed = span(span, documentService, at.getLineNr(), at.getByteOffset());
                    return parsed == null ? List.of() : List.of(parsed);
                }
            }
        } catch (JsonProcessingException malformed) {
            JsonLocation at = malformed.getLocation();
            problems.problem(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getByteOffset(),
                    "invalid JSON: " + malformed.getOriginalMessage() + "; the rest of the document is skipped");
        }
        done = true;
        close();
        return null;
    }

    /** Whether {@code context} is an object that is an element of the top-level array field {@code names}. */
    private static boolean isElementOf(@Nullable JsonStreamContext context, String... names) {
        if (context == null || !context.inObject()) {
            return false;
        }
        JsonStreamContext array = context.getParent();
        if (array == null || !array.inArray() || array.getParent() == null) {
            return false;
        }
        String field = array.getParent().getCurrentName();
        JsonStreamContext root = array.getParent().getParent();
        return root != null && root.inRoot() && (names[0].equals(field) || names[1].equals(field));
    }

    private @Nullable OtlpSpan span(JsonNode span, @Nullable String service, long line, long at) {
        if (!span.isObject()) {
            problems.problem(line, at, "a span must be a JSON object");
            return null;
        }
        String traceId = id(field(span, "traceId", "trace_id"));
        String spanId = id(field(span, "spanId", "span_id"));
        if (traceId == null || spanId == null) {
            problems.problem(line, at, "span without " + (traceId == null ? "traceId" : "spanId") + ": skipped");
            return null;
        }
        Instant start = nanos(field(span, "startTimeUnixNano", "start_time_unix_nano"));
        Instant end = nanos(field(span, "endTimeUnixNano", "end_time_unix_nano"));
        if (start == null && end == null) {
            problems.problem(line, at, "span " + spanId + " without a valid startTimeUnixNano: skipped");
            return null;
        }
        start = start == null ? end : start;
        end = end == null || end.isBefore(start) ? start : end;
        List<OtlpSpan.Event> events = new ArrayList<>();
        JsonNode eventNodes = field(span, "events");
        if (eventNodes != null && eventNodes.isArray()) {
            for (JsonNode event : eventNodes) {
                Instant time = nanos(field(event, "timeUnixNano", "time_unix_nano"));
                events.add(new OtlpSpan.Event(text(field(event, "name"), ""), time == null ? start : time,
                        attributes(field(event, "attributes"))));
            }
        }
        JsonNode status = field(span, "status");
        boolean failed = false;
        String message = null;
        if (status != null && status.isObject()) {
            JsonNode code = field(status, "code");
            failed = code != null && (code.asInt(-1) == 2
                    || code.asText("").toUpperCase(Locale.ROOT).endsWith("ERROR"));
            message = text(field(status, "message"), null);
        }
        String parent = id(field(span, "parentSpanId", "parent_span_id"));
        return new OtlpSpan(traceId, spanId, parent, text(field(span, "name"), ""), start, end,
                attributes(field(span, "attributes")), events, failed, message, service, line);
    }

    private static @Nullable String service(@Nullable JsonNode resource) {
        if (resource == null) {
            return null;
        }
        Object name = attributes(field(resource, "attributes")).get("service.name");
        return name instanceof String text && !text.isBlank() ? text : null;
    }

    /** Decodes OTLP key/value attributes; a plain JSON object is accepted too. */
    static Map<String, Object> attributes(@Nullable JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (node == null) {
            return map;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> putValue(map, entry.getKey(), plain(entry.getValue())));
            return map;
        }
        if (!node.isArray()) {
            return map;
        }
        for (JsonNode pair : node) {
            JsonNode key = field(pair, "key");
            if (key != null && key.isTextual()) {
                putValue(map, key.asText(), any(field(pair, "value")));
            }
        }
        return map;
    }

    private static void putValue(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Decodes an OTLP AnyValue. */
    private static @Nullable Object any(@Nullable JsonNode value) {
        if (value == null || !value.isObject()) {
            return value == null || value.isNull() ? null : plain(value);
        }
        JsonNode v;
        if ((v = field(value, "stringValue", "string_value")) != null) {
            return v.asText();
        }
        if ((v = field(value, "boolValue", "bool_value")) != null) {
            return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
        }
        if ((v = field(value, "intValue", "int_value")) != null) {
            return v.canConvertToLong() ? (Object) v.asLong() : parseLong(v.asText());
        }
        if ((v = field(value, "doubleValue", "double_value")) != null) {
            return v.isNumber() ? v.asDouble() : parseDouble(v.asText());
        }
        if ((v = field(value, "arrayValue", "array_value")) != null) {
            List<Object> list = new ArrayList<>();
            JsonNode values = field(v, "values");
            if (values != null) {
                for (JsonNode element : values) {
                    Object decoded = any(element);
                    if (decoded != null) {
                        list.add(decoded);
                    }
                }
            }
            return list;
        }
        if ((v = field(value, "kvlistValue", "kvlist_value")) != null) {
            return attributes(field(v, "values"));
        }
        if ((v = field(value, "bytesValue", "bytes_value")) != null) {
            try {
                return new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return v.asText();
            }
        }
        return null;
    }

    private static @Nullable Object plain(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        return node.toString();
    }

    private static @Nullable Object parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static @Nullable Object parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    static @Nullable JsonNode field(@Nullable JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable String text(@Nullable JsonNode node, @Nullable String fallback) {
        return node != null && node.isValueNode() ? node.asText() : fallback;
    }

    /** An id in hex; ids of 16 or 8 bytes in base64 (some protobuf JSON printers) are turned into hex. */
    private static @Nullable String id(@Nullable JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        String text = node.asText().trim();
        if (text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return text.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length == 16 || bytes.length == 8) {
                return HexFormat.of().formatHex(bytes);
            }
        } catch (IllegalArgumentException notBase64) {
            // keep the text as it is
        }
        return text;
    }

    /** A time in nanoseconds since the epoch, as a decimal string or a number; null when absent or invalid. */
    private static @Nullable Instant nanos(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isTextual()) {
            try {
                value = Long.parseLong(node.asText().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        } else {
            return null;
        }
        if (value <= 0) {
            return null;
        }
        return Instant.ofEpochSecond(value / 1_000_000_000L, value % 1_000_000_000L);
    }

    @Override
    public void close() {
        try {
            if (document != null) {
                document.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // nothing left to read
        }
    }
}
