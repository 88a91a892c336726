package dev.kaizen4j.source;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.source.internal.LogFiles;
import dev.kaizen4j.source.internal.OtlpReader;
import dev.kaizen4j.source.internal.OtlpSpan;
import dev.kaizen4j.source.internal.OtlpTraceMapper;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads conversations from OpenTelemetry traces in OTLP/JSON: the file exporter's JSON Lines (one
 * {@code TracesData} per line) or single OTLP/JSON documents; one file, or every {@code .json},
 * {@code .jsonl} and {@code .ndjson} file (also gzipped) under a directory. Each trace is one task.
 *
 * <p>Spans follow the OpenTelemetry GenAI semantic conventions ({@code invoke_agent}, {@code chat},
 * {@code execute_tool}; current attribute names and older ones such as {@code gen_ai.system} and the
 * {@code gen_ai.*.message} events) or OpenInference ({@code openinference.span.kind} AGENT, LLM, TOOL).
 * Other spans (HTTP, database) only link their children to the trace.
 *
 * <p><b>Memory.</b> Spans arrive out of order and a trace's spans are spread over many lines, so spans
 * are held per trace until the trace's root span has arrived and {@link Builder#lingerSpans(int) a number
 * of spans} have passed without another one of it. At most {@link Builder#maxBufferedSpans(int)} spans are
 * held at once (default 100,000): beyond that the trace whose last span is oldest is emitted as it is,
 * and when its root had not arrived a {@link SourceProblem} says so. A span of a trace already emitted
 * (among the last 100,000 traces) is reported and dropped rather than starting a duplicate task.
 *
 * <p>Thread-safe: each call of {@link #conversations} reads independently.
 */
public final class OtlpConversationSource implements ConversationSource {

    private static final int REMEMBERED_TRACES = 100_000;

    private final Path path;
    private final @Nullable String team;
    private final int lingerSpans;
    private final int maxBufferedSpans;
    private final ReadProgress progress;

    private OtlpConversationSource(Builder builder) {
        this.path = builder.path;
        this.team = builder.team;
        this.lingerSpans = builder.lingerSpans;
        this.maxBufferedSpans = builder.maxBufferedSpans;
        this.progress = builder.progress;
    }

    /** A source reading the file or directory at {@code path} with default settings. */
    public static OtlpConversationSource of(Path path) {
        return builder(path).build();
    }

    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /** The file or directory this source reads. */
    public Path path() {
        return path;
    }

    /** The trace files this source reads, in reading order. */
    public List<Path> files() {
        return LogFiles.list(path, List.of(".json", ".jsonl", ".ndjson"));
    }

    @Override
    public Stream<Conversation> conversations(ConversationQuery query, SourceProblemListener problems) {
        requireNonNull(query, "query");
        requireNonNull(problems, "problems");
        Assembler assembler = new Assembler(files(), query, problems);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(assembler,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(assembler::close);
    }

    private final class Assembler implements Iterator<Conversation> {
        private final Iterator<Path> files;
        private final ConversationQuery query;
        private final SourceProblemListener problems;
        /** Open traces in order of their last span (access order). */
        private final LinkedHashMap<String, OpenTrace> open = new LinkedHashMap<>(256, 0.75f, true);
        private final Deque<Lingering> finishing = new ArrayDeque<>();
        private final Deque<Conversation> ready = new ArrayDeque<>();
        private final LinkedHashSet<String> emitted = new LinkedHashSet<>();
        private @Nullable OtlpReader reader;
        private @Nullable Path file;
        private long clock;
        private long buffered;
        private boolean done;

        Assembler(List<Path> files, ConversationQuery query, SourceProblemListener problems) {
            this.files = files.iterator();
            this.query = query;
            this.problems = problems;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !done) {
                List<OtlpSpan> spans = nextSpans();
                if (spans == null) {
                    done = true;
                    List<OpenTrace> rest = new ArrayList<>(open.values());
                    open.clear();
                    rest.sort(java.util.Comparator.comparingLong(trace -> trace.firstClock));
                    rest.forEach(trace -> emit(trace, false));
                    break;
                }
                for (OtlpSpan span : spans) {
                    accept(span);
                }
                flushFinished();
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

        private @Nullable List<OtlpSpan> nextSpans() {
            while (true) {
                if (reader == null) {
                    if (!files.hasNext()) {
                        return null;
                    }
                    Path next = files.next();
                    file = next;
                    reader = new OtlpReader(next, progress::advanced, (line, offset, message) -> problems.problem(
                            new SourceProblem(next.toString(), line, message + " (byte " + offset + ")")));
                }
                List<OtlpSpan> spans = reader.next();
                if (spans != null) {
                    return spans;
                }
                reader = null;
            }
        }

        private void accept(OtlpSpan span) {
            clock++;
            OpenTrace trace = open.get(span.traceId());
            if (trace == null) {
                if (emitted.contains(span.traceId())) {
                    problems.problem(new SourceProblem(String.valueOf(file), span.line(), "span " + span.spanId()
                            + " of trace " + span.traceId() + " arrived after its trace was emitted; dropped"
                            + " (raise lingerSpans to wait longer for late spans)"));
                    return;
                }
                trace = new OpenTrace(span.traceId(), clock);
                open.put(span.traceId(), trace);
            }
            trace.spans.add(span);
            trace.lastClock = clock;
            buffered++;
            if (span.parentSpanId() == null) {
                trace.rootSeen = true;
            }
            if (trace.rootSeen) {
                finishing.addLast(new Lingering(trace, clock));
            }
            while (buffered > maxBufferedSpans && !open.isEmpty()) {
                OpenTrace oldest = open.values().iterator().next();
                open.remove(oldest.traceId);
                if (!oldest.rootSeen) {
                    problems.problem(new SourceProblem(String.valueOf(file), span.line(), "trace " + oldest.traceId
                            + " emitted without its root span: more than " + maxBufferedSpans
                            + " spans were open at once (raise maxBufferedSpans)"));
                }
                emit(oldest, true);
            }
        }

        private void flushFinished() {
            Lingering oldest;
            while ((oldest = finishing.peekFirst()) != null) {
                OpenTrace trace = oldest.trace();
                if (oldest.clock() != trace.lastClock || trace.emitted) {
                    finishing.removeFirst();
                    continue;
                }
                if (clock - trace.lastClock < lingerSpans) {
                    return;
                }
                finishing.removeFirst();
                open.remove(trace.traceId);
                emit(trace, true);
            }
        }

        private void emit(OpenTrace trace, boolean remember) {
            trace.emitted = true;
            buffered -= trace.spans.size();
            if (remember) {
                emitted.add(trace.traceId);
                if (emitted.size() > REMEMBERED_TRACES) {
                    Iterator<String> first = emitted.iterator();
                    first.next();
                    first.remove();
                }
            }
            Conversation conversation = OtlpTraceMapper.map(trace.spans, team);
            trace.spans.clear();
            if (conversation != null && query.includesTeam(conversation.teamName())
                    && query.window().contains(conversation.start())) {
                ready.addLast(conversation);
            }
        }

        void close() {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private record Lingering(OpenTrace trace, long clock) {}

    private static final class OpenTrace {
        final String traceId;
        final long firstClock;
        final List<OtlpSpan> spans = new ArrayList<>();
        long lastClock;
        boolean rootSeen;
        boolean emitted;

        OpenTrace(String traceId, long firstClock) {
            this.traceId = traceId;
            this.firstClock = firstClock;
        }
    }

    /** Settings for {@link OtlpConversationSource}. */
    public static final class Builder {
        private final Path path;
        private @Nullable String team;
        private int lingerSpans = 1_000;
        private int maxBufferedSpans = 100_000;
        private ReadProgress progress = ReadProgress.NONE;

        private Builder(Path path) {
            this.path = requireNonNull(path, "path");
        }

        /** The team of every task, instead of the resource's {@code service.name}. */
        public Builder team(@Nullable String team) {
            this.team = team == null || team.isBlank() ? null : team;
            return this;
        }

        /**
         * How many spans to read after a trace's root span, without another span of the trace, before the
         * trace is emitted. Default 1,000.
         */
        public Builder lingerSpans(int spans) {
            if (spans < 0) {
                throw new IllegalArgumentException("lingerSpans must not be negative: " + spans);
            }
            this.lingerSpans = spans;
            return this;
        }

        /** The most spans held at once, over all open traces. Default 100,000. */
        public Builder maxBufferedSpans(int spans) {
            if (spans < 1) {
                throw new IllegalArgumentException("maxBufferedSpans must be positive: " + spans);
            }
            this.maxBufferedSpans = spans;
            return this;
        }

        /** Receives the bytes read, for a progress indicator. */
        public Builder progress(ReadProgress progress) {
            this.progress = requireNonNull(progress, "progress");
            return this;
        }

        public OtlpConversationSource build() {
            return new OtlpConversationSource(this);
        }
    }
}
