package dev.kaizen4j.source;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.source.internal.LogFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The log formats Kaizen4j reads, and how to tell them apart by content. */
public enum LogFormat {
    /** Kaizen4j's JSON Lines: one event per line ({@link JsonlConversationSource}). */
    JSONL,
    /** OpenTelemetry traces as OTLP/JSON ({@link OtlpConversationSource}). */
    OTLP,
    /** AG2 / AutoGen chat histories ({@link Ag2ConversationSource}). */
    AG2;

    private static final List<String> SUFFIXES = List.of(".jsonl", ".ndjson", ".json");
    private static final int SNIFF_BYTES = 64 * 1024;

    /** Parses {@code jsonl}, {@code otlp} or {@code ag2}, ignoring case. */
    public static LogFormat parse(String name) {
        requireNonNull(name, "name");
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw KaizenException.invalidInput("unknown log format '" + name + "': use jsonl, otlp or ag2");
        }
    }

    /**
     * Tells the format of the logs at {@code path} (a file, or the first log file under a directory) from
     * the start of its content: OTLP when it holds {@code resourceSpans}; AG2 when it is a JSON array, or an
     * object with {@code messages} / {@code chat_history} / {@code history} and no {@code agent_name};
     * JSON Lines otherwise.
     *
     * @throws KaizenException if the path does not exist, holds no log file or cannot be read
     */
    public static LogFormat detect(Path path) {
        requireNonNull(path, "path");
        Path file = LogFiles.list(path, SUFFIXES).get(0);
        String head;
        try (InputStream in = LogFiles.open(file, bytes -> { })) {
            head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw KaizenException.invalidInput("cannot read " + file + ": " + unreadable.getMessage(), unreadable);
        }
        return detect(head);
    }

    /** The format of logs starting with {@code head}. */
    static LogFormat detect(String head) {
        String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
        String trimmed = text.stripLeading();
        if (text.contains("\"resourceSpans\"") || text.contains("\"resource_spans\"")) {
            return OTLP;
        }
        if (trimmed.startsWith("[")) {
            return AG2;
        }
        int end = trimmed.indexOf('\n');
        String first = end < 0 ? trimmed : trimmed.substring(0, end);
        boolean history = first.contains("\"messages\"") || first.contains("\"chat_history\"")
                || first.contains("\"history\"") || (end >= 0 && first.strip().equals("{")
                        && (trimmed.contains("\"messages\"") || trimmed.contains("\"chat_history\"")));
        if (history && !first.contains("\"agent_name\"")) {
            return AG2;
        }
        return JSONL;
    }

    /**
     * A source reading logs of this format at {@code path}.
     *
     * @param team the team of every task (OTLP, AG2), or null for the format's default
     * @param progress receives the bytes read
     */
    public ConversationSource open(Path path, @Nullable String team, ReadProgress progress) {
        requireNonNull(path, "path");
        requireNonNull(progress, "progress");
        return switch (this) {
            case JSONL -> JsonlConversationSource.builder(path).progress(progress).build();
            case OTLP -> OtlpConversationSource.builder(path).team(team).progress(progress).build();
            case AG2 -> Ag2ConversationSource.builder(path).team(team).progress(progress).build();
        };
    }

    /** The files a source of this format reads at {@code path}, for progress totals. */
    public List<Path> files(Path path) {
        return switch (this) {
            case JSONL -> JsonlConversationSource.of(path).files();
            case OTLP -> OtlpConversationSource.of(path).files();
            case AG2 -> Ag2ConversationSource.of(path).files();
        };
    }

    /** The size on disk of the files a source of this format reads at {@code path}, for progress totals. */
    public long totalBytes(Path path) {
        return LogFiles.totalBytes(files(path));
    }
}
