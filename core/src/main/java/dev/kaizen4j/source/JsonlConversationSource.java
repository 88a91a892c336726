package dev.kaizen4j.source;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.Parallelism;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.TaskOutcome;
import dev.kaizen4j.source.internal.ChunkedEventReader;
import dev.kaizen4j.source.internal.LogFiles;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads conversations from JSON Lines logs: one file, or every {@code .jsonl}, {@code .ndjson} and
 * {@code .jsonl.gz} file under a directory (in path order, so rotated logs read as one stream).
 *
 * <p>The log is split into line-aligned chunks parsed by a few threads ({@link Builder#parallelism(int)})
 * and put back in log order before events are grouped. Events of many tasks may interleave. The source keeps only the tasks open at the moment; a task
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
    private final int parallelism;
    private final int chunkBytes;
    private final ReadProgress progress;
    private final int maxOpenTasks;
    private final int maxOpenEvents;

    private JsonlConversationSource(Builder builder) {
        this.progress = builder.progress;
        this.maxOpenTasks = builder.maxOpenTasks;
        this.maxOpenEvents = builder.maxOpenEvents;
        this.path = builder.path;
        this.lingerLines = builder.lingerLines;
        this.parallelism = builder.parallelism;
        this.chunkBytes = builder.chunkBytes;
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
        return LogFiles.list(path, List.of(".jsonl", ".ndjson"));
    }

    @Override
    public Stream<Conversation> conversations(ConversationQuery query, SourceProblemListener problems) {
        requireNonNull(query, "query");
        requireNonNull(problems, "problems");
        TaskAssembler assembler = new TaskAssembler(files(), query, problems, lingerLines, parallelism, chunkBytes,
                progress, maxOpenTasks, maxOpenEvents);
        Spliterator<Conversation> spliterator =
                Spliterators.spliteratorUnknownSize(assembler, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(assembler::close);
    }

    /** Groups interleaved events into tasks while reading, chunk by chunk. */
    private static final class TaskAssembler implements Iterator<Conversation> {
        private final ChunkedEventReader reader;
        private final ConversationQuery query;
        private final SourceProblemListener problems;
        private final int lingerLines;
        /** Open tasks by team, then task id: no key to build per event. */
        private final Map<String, Map<String, OpenTask>> open = new HashMap<>();
        /**
         * Finished tasks still lingering, ordered by last activity: a task is queued again on each new
         * event, and an entry older than its task's last event is stale and skipped.
         */
        private final Deque<Lingering> finishing = new ArrayDeque<>();
        private final Deque<Conversation> ready = new ArrayDeque<>();
        private final int maxOpenTasks;
        private final int maxOpenEvents;
        private int openTasks;
        private long openEvents;
        private long fileLines;
        private long linesRead;
        private boolean done;

        TaskAssembler(List<Path> files, ConversationQuery query, SourceProblemListener problems, int lingerLines,
                int parallelism, int chunkBytes, ReadProgress progress, int maxOpenTasks, int maxOpenEvents) {
            this.maxOpenTasks = maxOpenTasks;
            this.maxOpenEvents = maxOpenEvents;
            this.query = query;
            this.problems = problems;
            this.lingerLines = lingerLines;
            this.reader = new ChunkedEventReader(files, query.team(),
                    event -> query.includesTeam(event.teamName()), parallelism, chunkBytes, progress::advanced);
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !done) {
                ChunkedEventReader.Chunk chunk = reader.next();
                if (chunk == null) {
                    done = true;
                    open.values().stream().flatMap(tasks -> tasks.values().stream()).sorted(Comparator.comparingLong(task -> task.firstLine)).forEach(this::emit);
                    open.clear();
                    finishing.clear();
                    break;
                }
                accept(chunk);
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

        private void accept(ChunkedEventReader.Chunk chunk) {
            if (chunk.firstOfFile()) {
                fileLines = 0;
            }
            long base = linesRead;
            for (ChunkedEventReader.Problem problem : chunk.problems()) {
                problems.problem(new SourceProblem(chunk.file().toString(), fileLines + problem.line() + 1,
                        problem.message()));
            }
            List<ConversationEvent> events = chunk.events();
            int[] lines = chunk.eventLines();
            for (int i = 0; i < events.size(); i++) {
                ConversationEvent event = events.get(i);
                long line = base + lines[i] + 1;
                Map<String, OpenTask> teamTasks = open.computeIfAbsent(event.teamName(), team -> new HashMap<>());
                OpenTask task = teamTasks.get(event.taskId());
                if (task == null) {
                    if (openTasks == maxOpenTasks) {
                        throw tooMuchOpen(chunk, line - base + fileLines, "unfinished tasks", maxOpenTasks, "maxOpenTasks");
                    }
                    task = new OpenTask(event.teamName(), event.taskId(), line);
                    teamTasks.put(event.taskId(), task);
                    openTasks++;
                }
                if (openEvents == maxOpenEvents) {
                    throw tooMuchOpen(chunk, line - base + fileLines, "events of unfinished tasks", maxOpenEvents, "maxOpenEvents");
                }
                task.add(event, line);
                openEvents++;
                if (task.finished) {
                    finishing.addLast(new Lingering(task, line));
                }
                flushFinished(line);
            }
            linesRead += chunk.lines();
            fileLines += chunk.lines();
            flushFinished(linesRead);
        }

        /** Emits finished tasks whose last event lies at least {@code lingerLines} lines back. */
        private void flushFinished(long now) {
            Lingering oldest;
            while ((oldest = finishing.peekFirst()) != null) {
                OpenTask task = oldest.task();
                if (oldest.line() != task.lastLine || task.emitted) {
                    finishing.removeFirst();
                    continue;
                }
                if (now - task.lastLine < lingerLines) {
                    return;
                }
                finishing.removeFirst();
                open.get(task.team).remove(task.taskId);
                openTasks--;
                openEvents -= task.events.size();
                emit(task);
            }
        }

        /** Fails instead of running out of memory: the log holds more unfinished work than allowed. */
        private KaizenException tooMuchOpen(ChunkedEventReader.Chunk chunk, long fileLine, String what, int limit,
                String setting) {
            return KaizenException.invalidInput(String.format(Locale.ROOT, "more than %d %s held"
                    + " at once at line %d of %s (%d tasks open): raise JsonlConversationSource.Builder.%s (and the"
                    + " heap) or filter the log by team", limit, what, fileLine, chunk.file(), openTasks, setting));
        }

        private void emit(OpenTask task) {
            task.emitted = true;
            Conversation conversation = new Conversation(task.team, task.taskId, task.events, task.outcome);
            if (query.window().contains(conversation.start())) {
                ready.addLast(conversation);
            }
        }

        void close() {
            reader.close();
        }
    }

    /** A finished task queued for emission, as of its event at {@code line}. */
    private record Lingering(OpenTask task, long line) {}

    private static final class OpenTask {
        final String team;
        final String taskId;
        final List<ConversationEvent> events = new ArrayList<>();
        final long firstLine;
        /** The last outcome the events declared, as {@link Conversation#of} would find it. */
        TaskOutcome outcome = TaskOutcome.UNKNOWN;
        boolean finished;
        boolean emitted;
        long lastLine;

        OpenTask(String team, String taskId, long firstLine) {
            this.team = team;
            this.taskId = taskId;
            this.firstLine = firstLine;
        }

        void add(ConversationEvent event, long line) {
            events.add(event);
            lastLine = line;
            Optional<TaskOutcome> declared = event.declaredOutcome();
            if (declared.isPresent()) {
                outcome = declared.get();
                finished = true;
            }
        }
    }

    /** Settings for {@link JsonlConversationSource}. */
    public static final class Builder {
        private final Path path;
        private int lingerLines = 256;
        private int parallelism = Parallelism.DEFAULT;
        private int chunkBytes = ChunkedEventReader.DEFAULT_CHUNK_BYTES;
        private ReadProgress progress = ReadProgress.NONE;
        private int maxOpenTasks = 100_000;
        private int maxOpenEvents = 250_000;

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

        /**
         * How many threads parse the log; 1 parses on the thread that consumes the stream. Default:
         * the number of processors, at most 4. Input is read by one more thread and split into
         * line-aligned chunks; results come back in log order whatever the parallelism.
         */
        public Builder parallelism(int threads) {
            this.parallelism = Parallelism.requirePositive(threads);
            return this;
        }

        /** The size of the chunks the log is split into for parsing. Default 256 KiB. */
        public Builder chunkBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("chunks must hold at least 1024 bytes: " + bytes);
            }
            this.chunkBytes = bytes;
            return this;
        }

        /**
         * The most tasks held open (started, not yet emitted) at once; reading fails with a
         * {@link KaizenException} naming this limit beyond it, rather than running out of memory. Default
         * 100,000, which fits a 256 MB heap.
         */
        public Builder maxOpenTasks(int tasks) {
            this.maxOpenTasks = positive(tasks, "maxOpenTasks");
            return this;
        }

        /**
         * The most events held in open tasks at once; reading fails with a {@link KaizenException} naming
         * this limit beyond it. Default 250,000, which fits a 256 MB heap.
         */
        public Builder maxOpenEvents(int events) {
            this.maxOpenEvents = positive(events, "maxOpenEvents");
            return this;
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        /** Receives the bytes read, for a progress indicator; called from the reading thread. */
        public Builder progress(ReadProgress progress) {
            this.progress = requireNonNull(progress, "progress");
            return this;
        }

        public JsonlConversationSource build() {
            return new JsonlConversationSource(this);
        }
    }
}
