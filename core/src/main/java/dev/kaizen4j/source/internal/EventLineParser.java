package dev.kaizen4j.source.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses JSON Lines log lines into {@link ConversationEvent}s with Jackson's streaming parser: a line
 * at a time, or many lines with one parser ({@link #open}, {@link #parseNext}). Repeated names and
 * task ids come back as one instance. Not thread-safe: use one instance per reading thread.
 */
public final class EventLineParser {

    private static final DateTimeFormatter LOCAL_TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private static final int MAX_CACHED = 4096;

    private final ObjectMapper mapper;
    private final JsonFactory factory;
    /** Names, teams and types repeat on every line: one instance of each keeps open tasks small. */
    private final String[] names = new String[MAX_CACHED * 2];
    private int cachedNames;
    private final String[] taskIds = new String[4096];
    /** The same for names and task ids read straight from the input's bytes. */
    private final AsciiStrings plainNames = AsciiStrings.bounded(MAX_CACHED * 2);
    private final AsciiStrings plainTaskIds = AsciiStrings.latest(4096);
    private final CharsView view = new CharsView();
    private final Map<String, MessageType> types = new HashMap<>();
    private Object[] pairs = new Object[16];

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
        input = null;
        try (JsonParser parser = factory.createParser(line)) {
            return parse(parser, defaultTeam);
        } catch (IOException unreadable) {
            throw new MalformedLineException("unreadable: " + unreadable.getMessage());
        }
    }

    /**
     * Parses the UTF-8 line in {@code bytes[offset, offset + length)}.
     *
     * @param defaultTeam the team to assume when the line has no {@code team_name}
     * @throws MalformedLineException naming what was wrong with the line
     */
    public ConversationEvent parse(byte[] bytes, int offset, int length, @Nullable String defaultTeam) {
        input = bytes;
        inputBase = offset;
        inputEnd = offset + length;
        try (JsonParser parser = factory.createParser(bytes, offset, length)) {
            return parse(parser, defaultTeam);
        } catch (IOException unreadable) {
            throw new MalformedLineException("unreadable: " + unreadable.getMessage());
        }
    }

    /**
     * Opens a parser over many lines, {@code bytes[offset, offset + length)}, for {@link #parseNext}: one
     * parser per chunk instead of one per line.
     */
    public JsonParser open(byte[] bytes, int offset, int length) {
        try {
            return factory.createParser(bytes, offset, length);
        } catch (IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    /**
     * Reads the next event from {@code parser}, opened by {@link #open} at {@code base}, when it is a
     * well-formed event filling the line {@code bytes[start, stop)} as {@link #parse(byte[], int, int, String)}
     * would accept it. Returns null for anything else (the parser is then unusable): the line must then
     * go through {@link #parse(byte[], int, int, String)}, which decides and names the problem.
     */
    public @Nullable ConversationEvent parseNext(JsonParser parser, byte[] bytes, int base, int start, int stop,
            @Nullable String defaultTeam) {
        input = bytes;
        inputBase = base;
        inputEnd = stop;
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            long at = base + parser.currentTokenLocation().getByteOffset();
            if (at < start || at >= stop) {
                return null;
            }
            readFields(parser);
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
            long end = base + parser.currentLocation().getByteOffset();
            if (end > stop) {
                return null;
            }
            for (int i = (int) end; i < stop; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return null;
                }
            }
            return build(defaultTeam);
        } catch (IOException | RuntimeException unusual) {
            return null;
        }
    }

    private ConversationEvent parse(JsonParser parser, @Nullable String defaultTeam) {
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException("not a JSON object");
            }
            readFields(parser);
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedLineException("unexpected content after the JSON object");
            }
        } catch (JsonProcessingException syntax) {
            throw new MalformedLineException("invalid JSON: " + syntax.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new MalformedLineException("unreadable: " + unreadable.getMessage());
        }
        return build(defaultTeam);
    }

    /**
     * The bytes the parser reads, when it reads bytes: string values that are plain ASCII are then taken
     * from them directly, which spares decoding them into characters and compressing them back.
     */
    private byte @Nullable [] input;
    /** Where the parser's offset 0 lies in {@link #input}, and where the line ends. */
    private int inputBase;
    private int inputEnd;
    /** The last {@link #plainString} found: {@code input[plainFrom, plainTo)}. */
    private int plainFrom;
    private int plainTo;

    /**
     * Whether the current string value is plain: ASCII, no escape, no control character, so that its
     * bytes are its characters. Then they lie in {@code input[plainFrom, plainTo)}; anything else is
     * left to the parser, which decodes it and rejects what is invalid.
     */
    private boolean plainString(JsonParser parser) {
        byte[] bytes = input;
        if (bytes == null) {
            return false;
        }
        int quote = inputBase + (int) parser.currentTokenLocation().getByteOffset();
        if (quote < inputBase || quote >= inputEnd || bytes[quote] != '"') {
            return false;
        }
        int end = specialByte(bytes, quote + 1, inputEnd);
        if (end < inputEnd && bytes[end] == '"') {
            plainFrom = quote + 1;
            plainTo = end;
            return true;
        }
        return false;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * ' ';

    /**
     * The index of the first byte in {@code bytes[from, to)} that ends or complicates a JSON string: a
     * quote, a backslash, a control character or a byte that is not ASCII; {@code to} if none. Eight
     * bytes at a time: the lowest flagged byte of a word is exact, whatever the flags above it.
     */
    static int specialByte(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long quotes = word ^ QUOTES;
            long backslashes = word ^ BACKSLASHES;
            long flags = ((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes)
                    | ((word - SPACES) & ~word) | word;
            flags &= HIGH_BITS;
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == '"' || b == '\\' || b < 0x20) {
                return i;
            }
        }
        return to;
    }

    // The fields of the object being read, kept here so that reading allocates nothing more.
    private @Nullable String timestamp;
    /** The timestamp when read without making a string of it; then {@link #timestamp} is null. */
    private @Nullable Instant instant;
    private @Nullable String team;
    private @Nullable String taskId;
    private @Nullable String agent;
    private @Nullable String message;
    private @Nullable String type;
    private @Nullable String toAgent;
    private Map<String, Object> metadata = Map.of();

    private void readFields(JsonParser parser) throws IOException {
        timestamp = null;
        instant = null;
        team = null;
        taskId = null;
        agent = null;
        message = null;
        type = null;
        toAgent = null;
        metadata = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "timestamp" -> timestamp(parser, token, field);
                case "team_name" -> team = name(parser, token, field);
                case "task_id" -> taskId = taskId(parser, token, field);
                case "agent_name" -> agent = name(parser, token, field);
                case "message" -> message = text(parser, token, field);
                case "message_type" -> type = name(parser, token, field);
                case "to_agent" -> toAgent = name(parser, token, field);
                case "metadata" -> metadata = metadata(parser, token);
                default -> parser.skipChildren();
            }
        }
    }

    private ConversationEvent build(@Nullable String defaultTeam) {
        String teamName = team;
        if (teamName == null) {
            teamName = defaultTeam == null ? "" : defaultTeam;
        }
        return new ConversationEvent(
                instant != null ? instant : timestamp(required(timestamp, "timestamp")),
                teamName,
                required(taskId, "task_id"),
                required(agent, "agent_name"),
                message == null ? "" : message,
                type(type),
                toAgent == null || toAgent.isBlank() ? null : toAgent,
                metadata);
    }

    /** A scalar field's text, copied from the input's bytes when plain. */
    private @Nullable String text(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_STRING && plainString(parser)) {
            return new String(input, plainFrom, plainTo - plainFrom, StandardCharsets.ISO_8859_1);
        }
        return scalar(parser, token, field);
    }

    private void timestamp(JsonParser parser, JsonToken token, String field) throws IOException {
        instant = null;
        timestamp = null;
        if (token == JsonToken.VALUE_STRING) {
            view.set(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            instant = fastTimestamp(view);
            if (instant != null) {
                return;
            }
        }
        timestamp = scalar(parser, token, field);
    }

    /**
     * The task id, the same instance as on the task's recent lines when still cached: a direct-mapped
     * cache that keeps the latest id per slot, so it follows the tasks open at the moment.
     */
    private @Nullable String taskId(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return scalar(parser, token, field);
        }
        if (plainString(parser)) {
            return plainTaskIds.get(input, plainFrom, plainTo);
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (length > AsciiStrings.MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = hash(chars, offset, length);
        int slot = mix(hash) & (taskIds.length - 1);
        String known = taskIds[slot];
        if (known != null && known.hashCode() == hash && sameChars(known, chars, offset, length)) {
            return known;
        }
        String value = new String(chars, offset, length);
        taskIds[slot] = value;
        return value;
    }

    /** A scalar field's text, the same instance for the same text (up to a bound), without allocating when known. */
    private @Nullable String name(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return scalar(parser, token, field);
        }
        if (plainString(parser)) {
            return plainNames.get(input, plainFrom, plainTo);
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (length > AsciiStrings.MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = hash(chars, offset, length);
        int mask = names.length - 1;
        int slot = mix(hash) & mask;
        for (String known; (known = names[slot]) != null; slot = (slot + 1) & mask) {
            if (known.hashCode() == hash && sameChars(known, chars, offset, length)) {
                return known;
            }
        }
        String value = new String(chars, offset, length);
        if (cachedNames < MAX_CACHED) {
            names[slot] = value;
            cachedNames++;
        }
        return value;
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static boolean sameChars(String known, char[] chars, int offset, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private MessageType type(@Nullable String text) {
        if (text == null) {
            return MessageType.UPDATE;
        }
        MessageType known = types.get(text);
        if (known == null) {
            known = MessageType.parse(text);
            if (types.size() < MAX_CACHED) {
                types.put(text, known);
            }
        }
        return known;
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

    private Map<String, Object> metadata(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedLineException("'metadata' must be an object, found " + describe(token));
        }
        // Collected in place and turned into an immutable map once: the event keeps it as is.
        Object[] pairs = this.pairs;
        int size = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            Object parsed = switch (value) {
                // Short values (types, tools, outcomes) repeat from line to line: one instance each.
                case VALUE_STRING -> parser.getTextLength() <= 32 ? name(parser, value, key) : parser.getText();
                case VALUE_NUMBER_INT -> parser.getNumberValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                // Absent and null mean the same.
                case VALUE_NULL -> null;
                default -> mapper.readValue(parser, Object.class);
            };
            if (parsed == null) {
                continue;
            }
            int at = indexOf(pairs, size, key);
            if (at >= 0) {
                pairs[at + 1] = parsed;
            } else {
                if (size == pairs.length) {
                    pairs = Arrays.copyOf(pairs, size * 2);
                    this.pairs = pairs;
                }
                pairs[size++] = key;
                pairs[size++] = parsed;
            }
        }
        return toMap(pairs, size);
    }

    private static int indexOf(Object[] pairs, int size, String key) {
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(Object[] p, int size) {
        Map<String, Object> map = switch (size / 2) {
            case 0 -> Map.of();
            case 1 -> Map.of((String) p[0], p[1]);
            case 2 -> Map.of((String) p[0], p[1], (String) p[2], p[3]);
            case 3 -> Map.of((String) p[0], p[1], (String) p[2], p[3], (String) p[4], p[5]);
            case 4 -> Map.of((String) p[0], p[1], (String) p[2], p[3], (String) p[4], p[5], (String) p[6], p[7]);
            default -> {
                Map.Entry<String, Object>[] entries = new Map.Entry[size / 2];
                for (int i = 0; i < size; i += 2) {
                    entries[i / 2] = Map.entry((String) p[i], p[i + 1]);
                }
                yield Map.ofEntries(entries);
            }
        };
        Arrays.fill(p, 0, size, null);
        return map;
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
        Instant fast = fastTimestamp(text);
        if (fast != null) {
            return fast;
        }
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

    /**
     * Parses the common shape {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:MM]} without the formatter
     * machinery; null for anything else, which then takes the general path.
     */
    static @Nullable Instant fastTimestamp(CharSequence text) {
        int n = text.length();
        if (n < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) != 'T' && text.charAt(10) != ' ')
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && text.charAt(i) == '.') {
            int scale = 100_000_000;
            i++;
            int start = i;
            while (i < n && Character.isDigit(text.charAt(i))) {
                if (scale > 0) {
                    nanos += (long) (text.charAt(i) - '0') * scale;
                    scale /= 10;
                }
                i++;
            }
            if (i == start) {
                return null;
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char sign = text.charAt(i);
            if ((sign == 'Z' || sign == 'z') && i == n - 1) {
                offsetSeconds = 0;
            } else if ((sign == '+' || sign == '-') && n - i == 6 && text.charAt(i + 3) == ':') {
                int hours = digits(text, i + 1, 2);
                int minutes = digits(text, i + 4, 2);
                if (hours < 0 || minutes < 0 || hours > 18) {
                    return null;
                }
                offsetSeconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
            } else {
                return null;
            }
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean hasOffset(String text) {
        if (text.endsWith("Z") || text.endsWith("z")) {
            return true;
        }
        int time = text.indexOf(':');
        return time > 0 && (text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0);
    }

    /** A reusable view of a range of the parser's characters, so that a timestamp is read without a string. */
    private static final class CharsView implements CharSequence {
        private char[] chars = new char[0];
        private int offset;
        private int length;

        void set(char[] chars, int offset, int length) {
            this.chars = chars;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return chars[offset + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(chars, offset, length);
        }
    }

    /** {@link String#hashCode()} of the characters, without making the string. */
    private static int hash(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        return hash;
    }
}
