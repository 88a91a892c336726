package dev.kaizen4j.source;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.source.internal.EventLineParser;
import dev.kaizen4j.source.internal.MalformedLineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads conversations from JSON Lines logs: one file, or every {@code .jsonl}, {@code .ndjson} and
 * {@code .jsonl.gz} file under a directory (in path order, so rotated logs read as one stream).
 *
 * <p>Events of many tasks may interleave. The source keeps only the tasks open at the moment; a task
 * is emitted once its outcome event has been read and {@link Builder#lingerLines(int) a few lines}
 * have passed without another event of it (so trailing feedback stays with its task), or at the
 * end of the input. A malformed line is skipped and reported with its file and line number.
 *
 * <pre>{@code
 * ConversationSource source = JsonlConversationSource.of(Path.of("logs/"));
 * try (Stream<Conversation> tasks = source.conversations(ConversationQuery.team("marketing-team"))) {
 *     tasks.forEach(System.out::println);
 * }
 * }</pre>
 */
public final class JsonlConversationSource implements ConversationSource {

    private final Path path;
    private final int lingerLines;

    private JsonlConversationSource(Builder builder) {
        this.path = builder.path;
        this.lingerLines = builder.lingerLines;
    }

    /** A source reading the file or directory at {@code path} with default settings. */
    public static JsonlConversationSource of(Path path) {
        return builder(path).build();
    }

    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /** The file or directory this source reads. */
    public Path path() {
        return path;
    }

    /**
     * The log files this source reads, in reading order.
     *
     * @throws KaizenException if the path does not exist or holds no log file
     */
    public List<Path> files() {
        if (!Files.exists(path)) {
            throw KaizenException.invalidInput("log path not found: " + path);
        }
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(JsonlConversationSource::isLogFile)
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw KaizenException.invalidInput("no .jsonl, .ndjson or .jsonl.gz log file under " + path);
            }
            return files;
        } catch (IOException unreadable) {
            throw KaizenException.invalidInput("cannot list log directory " + path + ": " + unreadable.getMessage(), unreadable);
        }
    }

    private static boolean isLogFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".jsonl.gz")
                || name.endsWith(".ndjson.gz");
    }

    @Override
    public Stream<Conversation> conversations(ConversationQuery query, SourceProblemListener problems) {
        requireNonNull(query, "query");
        requireNonNull(problems, "problems");
        TaskAssembler assembler = new TaskAssembler(files(), query, problems, lingerLines);
        Spliterator<Conversation> spliterator =
                Spliterators.spliteratorUnknownSize(assembler, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(assembler::close);
    }

    /** Groups interleaved events into tasks while reading, line by line. */
    private static final class TaskAssembler implements Iterator<Conversation> {
        private final Iterator<Path> files;
        private final ConversationQuery query;
        private final SourceProblemListener problems;
        private final int lingerLines;
        private final EventLineParser parser = new EventLineParser(Json.plain());
        private final Map<String, OpenTask> open = new LinkedHashMap<>();
        private final Map<String, OpenTask> finishing = new LinkedHashMap<>();
        private final Deque<Conversation> ready = new ArrayDeque<>();
        private @Nullable BufferedReader reader;
        private @Nullable Path file;
        private long lineNumber;
        private long linesRead;

        TaskAssembler(List<Path> files, ConversationQuery query, SourceProblemListener problems, int lingerLines) {
            this.files = files.iterator();
            this.query = query;
            this.problems = problems;
            this.lingerLines = lingerLines;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                String line = nextLine();
                if (line == null) {
                    open.values().forEach(this::emit);
                    open.clear();
                    finishing.clear();
                    break;
                }
                accept(line);
            }
            return !ready.isEmpty();
        }

        @Override
        public Conversation next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.removeFirst();
        }

        private void accept(String line) {
            linesRead++;
            if (line.isBlank()) {
                return;
            }
            ConversationEvent event;
            try {
                event = parser.parse(line, query.team());
            } catch (MalformedLineException malformed) {
                problems.problem(new SourceProblem(String.valueOf(file), lineNumber, malformed.getMessage()));
                return;
            }
            if (query.includesTeam(event.teamName())) {
                String key = event.teamName() + '\u0000' + event.taskId();
                OpenTask task = open.computeIfAbsent(key, k -> new OpenTask(event.teamName(), event.taskId()));
                task.add(event, linesRead);
                if (task.finished) {
                    // Re-inserting keeps 'finishing' ordered by each task's last activity.
                    finishing.remove(key);
                    finishing.put(key, task);
                }
            }
            flushFinished();
        }

        /** Emits finished tasks whose last event lies at least {@code lingerLines} lines back. */
        private void flushFinished() {
            Iterator<Map.Entry<String, OpenTask>> oldestFirst = finishing.entrySet().iterator();
            while (oldestFirst.hasNext()) {
                Map.Entry<String, OpenTask> entry = oldestFirst.next();
                if (linesRead - entry.getValue().lastLine < lingerLines) {
                    return;
                }
                oldestFirst.remove();
                open.remove(entry.getKey());
                emit(entry.getValue());
            }
        }

        private void emit(OpenTask task) {
            Conversation conversation = Conversation.of(task.team, task.taskId, task.events);
            if (query.window().contains(conversation.start())) {
                ready.addLast(conversation);
            }
        }

        private @Nullable String nextLine() {
            try {
                while (true) {
                    if (reader == null) {
                        if (!files.hasNext()) {
                            return null;
                        }
                        file = files.next();
                        reader = open(file);
                        lineNumber = 0;
                    }
                    String line = reader.readLine();
                    if (line != null) {
                        lineNumber++;
                        return line;
                    }
                    reader.close();
                    reader = null;
                }
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read log file " + file + ": " + unreadable.getMessage(), unreadable);
            }
        }

        private static BufferedReader open(Path file) throws IOException {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        }

        void close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // Nothing useful to do: the stream is being discarded.
                }
                reader = null;
            }
        }
    }

    private static final class OpenTask {
        final String team;
        final String taskId;
        final List<ConversationEvent> events = new ArrayList<>();
        boolean finished;
        long lastLine;

        OpenTask(String team, String taskId) {
            this.team = team;
            this.taskId = taskId;
        }

        void add(ConversationEvent event, long line) {
            events.add(event);
            lastLine = line;
            if (event.declaredOutcome().isPresent()) {
                finished = true;
            }
        }
    }

    /** Settings for {@link JsonlConversationSource}. */
    public static final class Builder {
        private final Path path;
        private int lingerLines = 256;

        private Builder(Path path) {
            this.path = requireNonNull(path, "path");
        }

        /**
         * How many lines to wait after a task's outcome, without another event of the task, before
         * emitting it. Larger values keep late events (feedback) with their task at the cost of
         * holding finished tasks a little longer. Default 256.
         */
        public Builder lingerLines(int lingerLines) {
            if (lingerLines < 0) {
                throw new IllegalArgumentException("lingerLines must not be negative: " + lingerLines);
            }
            this.lingerLines = lingerLines;
            return this;
        }

        public JsonlConversationSource build() {
            return new JsonlConversationSource(this);
        }
    }
}
