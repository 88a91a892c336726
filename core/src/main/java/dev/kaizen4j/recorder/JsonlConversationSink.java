package dev.kaizen4j.recorder;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.redaction.Redactor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events as JSON Lines in the log format {@link dev.kaizen4j.source.JsonlConversationSource} reads,
 * into {@code <directory>/<prefix>-<yyyy-MM-dd>-<nnn>.jsonl}: a new file each UTC day and whenever the
 * current one would exceed {@link Builder#maxFileBytes(long)}, so files sort in writing order. Messages and
 * text metadata are redacted before they are written. Thread-safe; a write that fails is logged and counted
 * ({@link #failedWrites()}), never thrown into the agent loop.
 */
public final class JsonlConversationSink implements ConversationSink {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlConversationSink.class);

    private final Path directory;
    private final String prefix;
    private final long maxFileBytes;
    private final Clock clock;
    private final Redactor redactor;
    private final AtomicLong failedWrites = new AtomicLong();
    private @Nullable BufferedWriter writer;
    private @Nullable LocalDate day;
    private int sequence;
    private long written;

    private JsonlConversationSink(Builder builder) {
        this.directory = builder.directory;
        this.prefix = builder.prefix;
        this.maxFileBytes = builder.maxFileBytes;
        this.clock = builder.clock;
        this.redactor = builder.redactor;
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    @Override
    public void accept(ConversationEvent event) {
        requireNonNull(event, "event");
        String line;
        try {
            line = Json.plain().writeValueAsString(wire(event)) + "\n";
        } catch (JsonProcessingException unwritable) {
            failed(unwritable);
            return;
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                BufferedWriter out = writerFor(bytes.length);
                out.write(line);
                written += bytes.length;
            } catch (IOException unwritable) {
                failed(unwritable);
            }
        }
    }

    private void failed(Exception failure) {
        failedWrites.incrementAndGet();
        LOG.warn("Could not record a conversation event in {}: {}", directory, failure.toString());
    }

    private Map<String, Object> wire(ConversationEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", event.timestamp().toString());
        line.put("team_name", event.teamName());
        line.put("task_id", event.taskId());
        line.put("agent_name", event.agentName());
        line.put("message", redactor.redact(event.message()));
        line.put("message_type", event.type().wireName());
        if (event.toAgent() != null) {
            line.put("to_agent", event.toAgent());
        }
        if (!event.metadata().isEmpty()) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            event.metadata().forEach((key, value) -> metadata.put(key, redacted(value)));
            line.put("metadata", metadata);
        }
        return line;
    }

    private Object redacted(Object value) {
        if (value instanceof String text) {
            return redactor.redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, inner) -> copy.put(key, inner == null ? null : redacted(inner)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(inner -> inner == null ? null : redacted(inner)).toList();
        }
        return value;
    }

    private BufferedWriter writerFor(int bytes) throws IOException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        boolean newDay = !today.equals(day);
        if (writer != null && !newDay && (written == 0 || written + bytes <= maxFileBytes)) {
            return writer;
        }
        boolean full = writer != null && !newDay;
        closeWriter();
        if (newDay) {
            day = today;
            sequence = 0;
        } else if (full) {
            sequence++;
        }
        Files.createDirectories(directory);
        Path file = file(today, sequence);
        // Files of an earlier run of the same day are continued, not overwritten.
        while (Files.exists(file) && Files.size(file) > 0 && Files.size(file) + bytes > maxFileBytes) {
            file = file(today, ++sequence);
        }
        written = Files.exists(file) ? Files.size(file) : 0;
        BufferedWriter opened = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), StandardCharsets.UTF_8));
        writer = opened;
        return opened;
    }

    private Path file(LocalDate date, int number) {
        return directory.resolve(String.format(java.util.Locale.ROOT, "%s-%s-%03d.jsonl", prefix, date, number));
    }

    /** How many events could not be written. */
    public long failedWrites() {
        return failedWrites.get();
    }

    @Override
    public synchronized void flush() {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException unwritable) {
                failed(unwritable);
            }
        }
    }

    @Override
    public synchronized void close() {
        closeWriter();
    }

    private void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException unwritable) {
                failed(unwritable);
            }
            writer = null;
        }
    }

    /** Settings for {@link JsonlConversationSink}. */
    public static final class Builder {
        private final Path directory;
        private String prefix = "conversation";
        private long maxFileBytes = 64L << 20;
        private Clock clock = Clock.systemUTC();
        private Redactor redactor = Redactor.defaults();

        private Builder(Path directory) {
            this.directory = requireNonNull(directory, "directory");
        }

        /** The start of every file name. Default {@code conversation}. */
        public Builder prefix(String prefix) {
            this.prefix = requireNonNull(prefix, "prefix");
            return this;
        }

        /** The size at which a new file is started. Default 64 MiB. */
        public Builder maxFileBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("files must hold at least 1024 bytes: " + bytes);
            }
            this.maxFileBytes = bytes;
            return this;
        }

        /** The clock deciding the day of the file. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** Masks secrets before anything is written. Default {@link Redactor#defaults()}. */
        public Builder redactor(Redactor redactor) {
            this.redactor = requireNonNull(redactor, "redactor");
            return this;
        }

        public JsonlConversationSink build() {
            return new JsonlConversationSink(this);
        }
    }
}
