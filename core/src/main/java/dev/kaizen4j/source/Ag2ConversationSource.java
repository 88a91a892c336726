package dev.kaizen4j.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.source.internal.Ag2TaskMapper;
import dev.kaizen4j.source.internal.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads AG2 / AutoGen group chat histories: JSON files holding a list of {@code {content, role, name}}
 * messages (optionally with {@code tool_calls} / {@code tool_responses}), one task per file, or tasks
 * ({@code {"task_id", "messages" | "chat_history", "outcome", ...}}) as a JSON array or one per line.
 *
 * <ul>
 *   <li>agent ← {@code name}, else {@code role} without a parenthetical suffix: {@code "Orchestrator (thought)"}
 *       is {@code Orchestrator}; {@code "Orchestrator (-> WebSurfer)"} also gives {@code to_agent WebSurfer};</li>
 *   <li>steps in file order; a message's {@code timestamp} when present, else one second apart from the task's
 *       {@code timestamp} or the file's modification time;</li>
 *   <li>outcome ← the task's top-level {@code outcome} field ({@link Builder#outcomeField(String) or another}):
 *       success, failure and the usual synonyms, or a boolean; else unknown;</li>
 *   <li>team ← {@link Builder#team(String)}, else the file name without its extension;</li>
 *   <li>speakers named like code executors ({@code executor}, {@code terminal}, {@code code_interpreter}) are
 *       tools: their messages are tool results, failed when they report a non-zero exit code or a traceback.</li>
 * </ul>
 *
 * <p>Tasks are read one at a time; memory grows with the largest task, not the file. A syntax error ends the
 * file (reported with line, column and byte offset); a task or message that cannot be used is reported and
 * skipped. Thread-safe.
 */
public final class Ag2ConversationSource implements ConversationSource {

    private static final ObjectMapper MAPPER = Json.plain();

    private final Path path;
    private final @Nullable String team;
    private final String outcomeField;
    private final ReadProgress progress;

    private Ag2ConversationSource(Builder builder) {
        this.path = builder.path;
        this.team = builder.team;
        this.outcomeField = builder.outcomeField;
        this.progress = builder.progress;
    }

    public static Ag2ConversationSource of(Path path) {
        return builder(path).build();
    }

    public static Builder builder(Path path) {
        return new Builder(path);
    }

    public Path path() {
        return path;
    }

    /** The chat history files this source reads, in reading order. */
    public List<Path> files() {
        return LogFiles.list(path, List.of(".json", ".jsonl"));
    }

    @Override
    public Stream<Conversation> conversations(ConversationQuery query, SourceProblemListener problems) {
        requireNonNull(query, "query");
        requireNonNull(problems, "problems");
        Tasks tasks = new Tasks(files(), query, problems);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(tasks, Spliterator.ORDERED
                | Spliterator.NONNULL), false).onClose(tasks::close);
    }

    /** The team name a file gives when none is configured: its name without extensions. */
    static String teamOf(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".json.gz", ".jsonl.gz", ".json", ".jsonl")) {
            if (lower.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private final class Tasks implements Iterator<Conversation> {
        private final Iterator<Path> files;
        private final ConversationQuery query;
        private final SourceProblemListener problems;
        private final Deque<Conversation> ready = new ArrayDeque<>();
        private @Nullable JsonParser parser;
        private Path file = Path.of("");
        private String fileTeam = "";
        private Instant base = Instant.EPOCH;
        /** Whether the parser is inside a top-level array of tasks. */
        private boolean inTaskArray;
        private int index;

        Tasks(List<Path> files, ConversationQuery query, SourceProblemListener problems) {
            this.files = files.iterator();
            this.query = query;
            this.problems = problems;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                if (parser == null && !open()) {
                    return false;
                }
                readNext();
            }
            return true;
        }

        @Override
        public Conversation next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.removeFirst();
        }

        private boolean open() {
            if (!files.hasNext()) {
                return false;
            }
            file = files.next();
            fileTeam = team != null ? team : teamOf(file);
            inTaskArray = false;
            index = 0;
            try {
                base = Files.getLastModifiedTime(file).toInstant();
                parser = MAPPER.getFactory().createParser(LogFiles.open(file, progress::advanced));
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read " + file + ": " + unreadable.getMessage(), unreadable);
            }
            return true;
        }

        private void readNext() {
            JsonParser in = requireNonNull(parser);
            try {
                JsonToken token = in.nextToken();
                if (inTaskArray) {
                    if (token == JsonToken.END_ARRAY) {
                        inTaskArray = false;
                        return;
                    }
                    JsonLocation at = in.currentTokenLocation();
                    accept(MAPPER.readTree(in), at, false);
                    return;
                }
                if (token == null) {
                    closeFile();
                    return;
                }
                JsonLocation at = in.currentTokenLocation();
                if (token == JsonToken.START_ARRAY) {
                    JsonToken first = in.nextToken();
                    if (first == JsonToken.END_ARRAY) {
                        return;
                    }
                    JsonLocation firstAt = in.currentTokenLocation();
                    JsonNode element = MAPPER.readTree(in);
                    if (Ag2TaskMapper.isTask(element)) {
                        inTaskArray = true;
                        accept(element, firstAt, false);
                        return;
                    }
                    // A bare chat history: the whole array is one task.
                    ArrayNode messages = MAPPER.createArrayNode().add(element);
                    while (in.nextToken() != JsonToken.END_ARRAY) {
                        messages.add((JsonNode) MAPPER.readTree(in));
                    }
                    index++;
                    String taskId = index == 1 ? teamOf(file) : teamOf(file) + "-" + index;
                    add(Ag2TaskMapper.messages(messages, fileTeam, taskId, null, base, problem(at)));
                    return;
                }
                accept(MAPPER.readTree(in), at, true);
            } catch (JsonProcessingException malformed) {
                JsonLocation at = malformed.getLocation();
                problems.problem(new SourceProblem(file.toString(), at == null ? 0 : at.getLineNr(),
                        "invalid JSON: " + malformed.getOriginalMessage() + (at == null ? "" : " (column "
                                + at.getColumnNr() + ", byte " + at.getByteOffset() + ")")
                                + "; the rest of the file is skipped"));
                closeFile();
            } catch (IOException unreadable) {
                closeFile();
                throw new UncheckedIOException("cannot read " + file + ": " + unreadable.getMessage(), unreadable);
            }
        }

        /** Reads one task; a task at the top level of a file is named after the file when it has no id. */
        private void accept(JsonNode task, JsonLocation at, boolean topLevel) {
            index++;
            if (!task.isObject()) {
                problems.problem(new SourceProblem(file.toString(), at.getLineNr(),
                        "task " + index + " is not a JSON object: skipped (byte " + at.getByteOffset() + ")"));
                return;
            }
            add(Ag2TaskMapper.task(task, fileTeam, topLevel && index == 1 ? teamOf(file)
                    : teamOf(file) + "-" + index, outcomeField, base, problem(at)));
        }

        private java.util.function.Consumer<String> problem(JsonLocation at) {
            return message -> problems.problem(new SourceProblem(file.toString(), at.getLineNr(),
                    message + " (task starting at byte " + at.getByteOffset() + ")"));
        }

        private void add(@Nullable Conversation task) {
            if (task != null && query.includesTeam(task.teamName()) && query.window().contains(task.start())) {
                ready.addLast(task);
            }
        }

        private void closeFile() {
            try {
                if (parser != null) {
                    parser.close();
                }
            } catch (IOException ignored) {
                // nothing more to read from it
            }
            parser = null;
        }

        void close() {
            closeFile();
        }
    }

    /** Settings for {@link Ag2ConversationSource}. */
    public static final class Builder {
        private final Path path;
        private @Nullable String team;
        private String outcomeField = "outcome";
        private ReadProgress progress = ReadProgress.NONE;

        private Builder(Path path) {
            this.path = requireNonNull(path, "path");
        }

        /** The team of every task. Default: each file's name without its extension. */
        public Builder team(@Nullable String team) {
            this.team = team == null || team.isBlank() ? null : team;
            return this;
        }

        /** The top-level field of a task holding its outcome. Default {@code outcome}. */
        public Builder outcomeField(String field) {
            this.outcomeField = requireNonNull(field, "field");
            return this;
        }

        /** Receives the bytes read, for a progress indicator. */
        public Builder progress(ReadProgress progress) {
            this.progress = requireNonNull(progress, "progress");
            return this;
        }

        public Ag2ConversationSource build() {
            return new Ag2ConversationSource(this);
        }
    }
}
