package dev.kaizen4j.source.internal;

import com.fasterxml.jackson.core.JsonParser;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.ConversationEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON Lines files as line-aligned byte chunks and parses the chunks, in a small pool when
 * {@code parallelism > 1}, handing them back in file order. A reader thread splits the input; at
 * most a bounded number of chunks are in flight, so memory does not grow with the input.
 */
public final class ChunkedEventReader implements AutoCloseable {

    /**
     * Default chunk size: large enough to amortize hand-offs, small enough to bound memory and to stay
     * below half a G1 region of a small heap, where each chunk would be a costly humongous allocation.
     */
    public static final int DEFAULT_CHUNK_BYTES = 1 << 18;

    /** A line the parser rejected, by its 0-based index within the chunk. */
    public record Problem(int line, String message) {}

    /**
     * The parsed lines of one chunk of one file.
     *
     * @param file the file the chunk comes from
     * @param firstOfFile whether the chunk starts the file (line numbers restart)
     * @param lines the lines the chunk holds, blank and rejected ones included
     * @param events the accepted events, in order
     * @param eventLines each event's 0-based line index within the chunk
     * @param problems the rejected lines, in order
     */
    public record Chunk(Path file, boolean firstOfFile, int lines, List<ConversationEvent> events, int[] eventLines,
            List<Problem> problems) {}

    private static final Chunk END = new Chunk(Path.of(""), false, 0, List.of(), new int[0], List.of());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int MAX_SPARES = 16;

    private final Iterator<Path> files;
    private final @Nullable String defaultTeam;
    private final Predicate<ConversationEvent> accept;
    private final int chunkBytes;
    private final @Nullable ExecutorService pool;
    private final @Nullable BlockingQueue<Future<Chunk>> parsed;
    private final @Nullable Thread reader;
    private final ThreadLocal<EventLineParser> parsers = ThreadLocal.withInitial(() -> new EventLineParser(Json.plain()));
    /** Chunk arrays free for reuse: a new one per chunk would be most of what reading allocates. */
    private final Queue<byte[]> spares = new ConcurrentLinkedQueue<>();
    private @Nullable InputStream in;
    private @Nullable Path file;
    private byte[] buffer;
    private int carried;
    private volatile boolean closed;
    private volatile java.util.function.LongConsumer progress = bytes -> { };

    /**
     * @param files the files, read in order; {@code .gz} files are decompressed
     * @param defaultTeam the team for lines without {@code team_name}
     * @param accept which parsed events to keep (the others are dropped by the parsing threads)
     * @param parallelism parsing threads; 1 parses on the caller's thread
     * @param chunkBytes the size of a chunk
     */
    public ChunkedEventReader(List<Path> files, @Nullable String defaultTeam, Predicate<ConversationEvent> accept,
            int parallelism, int chunkBytes) {
        this(files, defaultTeam, accept, parallelism, chunkBytes, bytes -> { });
    }

    /**
     * As above, with {@code progress} receiving the bytes read on the reading thread; given here, before
     * that thread starts, so that no byte goes unreported.
     */
    public ChunkedEventReader(List<Path> files, @Nullable String defaultTeam, Predicate<ConversationEvent> accept,
            int parallelism, int chunkBytes, java.util.function.LongConsumer progress) {
        this.progress = progress;
        this.files = List.copyOf(files).iterator();
        this.defaultTeam = defaultTeam;
        this.accept = accept;
        this.chunkBytes = chunkBytes;
        this.buffer = new byte[chunkBytes];
        if (parallelism > 1) {
            pool = Executors.newFixedThreadPool(parallelism, task -> daemon(task, "kaizen4j-parse-"));
            parsed = new ArrayBlockingQueue<>(parallelism * 2 + 2);
            reader = daemon(this::readAhead, "kaizen4j-read-");
            reader.start();
        } else {
            pool = null;
            parsed = null;
            reader = null;
        }
    }

    private static Thread daemon(Runnable task, String prefix) {
        Thread thread = new Thread(task, prefix + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /**
     * The next parsed chunk in file order, or null at the end of the input.
     *
     * @throws UncheckedIOException when a file cannot be read
     */
    public @Nullable Chunk next() {
        if (parsed == null) {
            byte[][] raw = new byte[1][];
            int[] length = new int[1];
            try {
                Path from = readChunk(raw, length);
                return from == null ? null : parse(from, firstOfFileConsumed(), raw[0], length[0]);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read log file " + file + ": " + unreadable.getMessage(),
                        unreadable);
            }
        }
        try {
            Chunk chunk = parsed.take().get();
            if (chunk == END) {
                // Everything is read: free the threads even if the caller never closes the stream.
                pool.shutdown();
                parsed.put(CompletableFuture.completedFuture(END));
                return null;
            }
            return chunk;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while reading logs"));
        } catch (ExecutionException failed) {
            pool.shutdownNow();
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private boolean firstChunkFlag;

    private boolean firstOfFileConsumed() {
        boolean first = firstChunkFlag;
        firstChunkFlag = false;
        return first;
    }

    /** The reader thread: splits the input into chunks and queues their parsing, in order. */
    private void readAhead() {
        try {
            while (!closed) {
                byte[][] raw = new byte[1][];
                int[] length = new int[1];
                Path from = readChunk(raw, length);
                if (from == null) {
                    break;
                }
                boolean first = firstOfFileConsumed();
                byte[] bytes = raw[0];
                int size = length[0];
                parsed.put(pool.submit(() -> parse(from, first, bytes, size)));
            }
            parsed.put(CompletableFuture.completedFuture(END));
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (IOException unreadable) {
            UncheckedIOException failure = new UncheckedIOException(
                    "cannot read log file " + file + ": " + unreadable.getMessage(), unreadable);
            try {
                parsed.put(CompletableFuture.failedFuture(failure));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        } catch (RuntimeException unexpected) {
            parsed.offer(CompletableFuture.failedFuture(unexpected));
        } finally {
            closeInput();
        }
    }

    private void closeInput() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Discarding the stream anyway.
            }
            in = null;
        }
    }

    /**
     * Reads the next line-aligned chunk into {@code raw[0]} (a fresh array of {@code length[0]}
     * bytes); returns its file, or null at the end of all files.
     */
    private @Nullable Path readChunk(byte[][] raw, int[] length) throws IOException {
        while (true) {
            if (in == null) {
                if (!files.hasNext()) {
                    return null;
                }
                file = files.next();
                in = open(file);
                carried = 0;
                firstChunkFlag = true;
            }
            int filled = carried;
            boolean eof = false;
            while (filled < buffer.length) {
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    eof = true;
                    break;
                }
                filled += read;
            }
            int end = filled;
            if (!eof) {
                end = lastNewline(buffer, filled);
                if (end < 0) {
                    // One line longer than the buffer: grow it and read on.
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    carried = filled;
                    continue;
                }
                end++;
            }
            byte[] chunk = spareArray(end);
            System.arraycopy(buffer, 0, chunk, 0, end);
            carried = filled - end;
            System.arraycopy(buffer, end, buffer, 0, carried);
            if (buffer.length > chunkBytes && carried < chunkBytes) {
                buffer = Arrays.copyOf(buffer, Math.max(chunkBytes, carried));
            }
            Path from = file;
            if (eof) {
                in.close();
                in = null;
            }
            if (end > 0) {
                raw[0] = chunk;
                length[0] = end;
                return from;
            }
        }
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A chunk array of at least {@code length} bytes, reused once its chunk is parsed. */
    private byte[] spareArray(int length) {
        byte[] spare = spares.poll();
        return spare != null && spare.length >= length ? spare : new byte[Math.max(length, chunkBytes)];
    }

    private Chunk parse(Path from, boolean first, byte[] bytes, int length) {
        try {
            return parseLines(from, first, bytes, length);
        } finally {
            if (bytes.length <= chunkBytes && spares.size() < MAX_SPARES) {
                spares.offer(bytes);
            }
        }
    }

    private Chunk parseLines(Path from, boolean first, byte[] bytes, int length) {
        EventLineParser parser = parsers.get();
        List<ConversationEvent> events = new ArrayList<>(length / 256 + 1);
        int[] lines = new int[length / 64 + 16];
        List<Problem> problems = new ArrayList<>(0);
        int line = 0;
        int start = 0;
        JsonParser run = null;
        int runBase = 0;
        while (start < length) {
            int end = newline(bytes, start, length);
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            if (!isBlank(bytes, start, stop)) {
                if (run == null) {
                    run = parser.open(bytes, start, length - start);
                    runBase = start;
                }
                ConversationEvent event = parser.parseNext(run, bytes, runBase, start, stop, defaultTeam);
                if (event == null) {
                    // Something unusual on this line: the line alone decides, reading resumes after it.
                    close(run);
                    run = null;
                    try {
                        event = parser.parse(bytes, start, stop - start, defaultTeam);
                    } catch (MalformedLineException malformed) {
                        problems.add(new Problem(line, malformed.getMessage()));
                    }
                }
                if (event != null && accept.test(event)) {
                    if (events.size() == lines.length) {
                        lines = Arrays.copyOf(lines, lines.length * 2);
                    }
                    lines[events.size()] = line;
                    events.add(event);
                }
            }
            line++;
            start = end + 1;
        }
        if (run != null) {
            close(run);
        }
        return new Chunk(from, first, line, events, lines, problems);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** The index of the first {@code '\n'} in {@code bytes[from, to)}, or {@code to}; eight bytes at a time. */
    static int newline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long zeros = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        while (i < to && bytes[i] != '\n') {
            i++;
        }
        return i;
    }

    private static void close(JsonParser parser) {
        try {
            parser.close();
        } catch (IOException ignored) {
            // Reading from memory: nothing to release.
        }
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private InputStream open(Path file) throws IOException {
        return LogFiles.open(file, bytes -> progress.accept(bytes));
    }

    /**
     * Receives the count of bytes read from disk as reading advances, on the reading thread; set before the
     * first {@link #next()}.
     */
    public void progress(java.util.function.LongConsumer progress) {
        this.progress = progress;
    }

    @Override
    public void close() {
        closed = true;
        if (reader != null) {
            reader.interrupt();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (reader == null) {
            closeInput();
        }
    }
}
