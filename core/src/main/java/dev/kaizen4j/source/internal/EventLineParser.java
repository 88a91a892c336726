package dev.kaizen4j.source.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses one JSON Lines log line into a {@link ConversationEvent} with Jackson's streaming parser.
 * Not thread-safe: use one instance per reading thread.
 */
public final class EventLineParser {

    private static final DateTimeFormatter LOCAL_TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    public EventLineParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    /**
     * Parses {@code line}.
     *
     * @param defaultTeam the team to assume when the line has no {@code team_name}
     * @throws MalformedLineException naming what was wrong with the line
     */
    public ConversationEvent parse(String line, @Nullable String defaultTeam) {
        String timestamp = null;
        String team = null;
        String taskId = null;
        String agent = null;
        String message = null;
        String type = null;
        String toAgent = null;
        Map<String, Object> metadata = Map.of();
        try (JsonParser parser = factory.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "timestamp" -> timestamp = scalar(parser, token, field);
                    case "team_name" -> team = scalar(parser, token, field);
                    case "task_id" -> taskId = scalar(parser, token, field);
                    case "agent_name" -> agent = scalar(parser, token, field);
                    case "message" -> message = scalar(parser, token, field);
                    case "message_type" -> type = scalar(parser, token, field);
                    case "to_agent" -> toAgent = scalar(parser, token, field);
                    case "metadata" -> metadata = metadata(parser, token);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedLineException("unexpected content after the JSON object");
            }
        } catch (JsonProcessingException syntax) {
            throw new MalformedLineException("invalid JSON: " + syntax.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new MalformedLineException("unreadable: " + unreadable.getMessage());
        }
        if (team == null) {
            team = defaultTeam == null ? "" : defaultTeam;
        }
        return new ConversationEvent(
                timestamp(required(timestamp, "timestamp")),
                team,
                required(taskId, "task_id"),
                required(agent, "agent_name"),
                message == null ? "" : message,
                MessageType.parse(type),
                toAgent == null || toAgent.isBlank() ? null : toAgent,
                metadata);
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MalformedLineException("missing '" + field + "'");
        }
        return value;
    }

    private static @Nullable String scalar(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isScalarValue()) {
            return parser.getText();
        }
        throw new MalformedLineException("'" + field + "' must be a string, found " + describe(token));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> metadata(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedLineException("'metadata' must be an object, found " + describe(token));
        }
        Map<String, Object> values = mapper.readValue(parser, Map.class);
        values.values().removeIf(value -> value == null);
        return values;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** Parses ISO-8601 timestamps; those without an offset are UTC, as the log format specifies. */
    static Instant timestamp(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                double seconds = Double.parseDouble(trimmed);
                return Instant.ofEpochMilli(Math.round(seconds * 1000));
            }
            if (hasOffset(trimmed)) {
                return OffsetDateTime.parse(trimmed.replace(' ', 'T')).toInstant();
            }
            return LocalDateTime.parse(trimmed, LOCAL_TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException unparsable) {
            throw new MalformedLineException("unparsable 'timestamp' \"" + text + "\"");
        }
    }

    private static boolean hasOffset(String text) {
        if (text.endsWith("Z") || text.endsWith("z")) {
            return true;
        }
        int time = text.indexOf(':');
        return time > 0 && (text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0);
    }
}
