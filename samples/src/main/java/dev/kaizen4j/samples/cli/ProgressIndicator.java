package dev.kaizen4j.samples.cli;

import dev.kaizen4j.source.ConversationSource;
import dev.kaizen4j.source.ReadProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress indicator for long reads, redrawn in place on stderr: bytes read of the total,
 * events per second and the time left. Thread-safe: bytes are counted on the reading thread, events on
 * the consuming one.
 */
final class ProgressIndicator implements ReadProgress {

    private static final long REDRAW_NANOS = 250_000_000L;
    /** Reads shorter than this never show a line. */
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final long total;
    private final LongSupplier nanoTime;
    private final long started;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private long lastDrawn;
    private boolean drawn;

    ProgressIndicator(PrintWriter err, long totalBytes, LongSupplier nanoTime) {
        this.err = err;
        this.total = totalBytes;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.lastDrawn = started;
    }

    /** Whether a progress line should be drawn: only on an interactive terminal, and not with {@code --quiet}. */
    static boolean wanted(boolean terminal, boolean quiet) {
        return terminal && !quiet;
    }

    @Override
    public void advanced(long read) {
        bytes.addAndGet(read);
        maybeDraw();
    }

    /** {@code source} with each task's events counted and the line finished when its stream closes. */
    ConversationSource counting(ConversationSource source) {
        return (query, problems) -> source.conversations(query, problems)
                .peek(task -> {
                    events.addAndGet(task.events().size());
                    maybeDraw();
                })
                .onClose(this::finish);
    }

    private synchronized void maybeDraw() {
        long now = nanoTime.getAsLong();
        if (now - started < QUIET_NANOS || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        err.print("\r" + line(now) + "   ");
        err.flush();
    }

    /** Ends the line, if one was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.println("\r" + line(nanoTime.getAsLong()) + "   ");
            err.flush();
            drawn = false;
        }
    }

    /** The progress line as of {@code now}. */
    String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        long read = bytes.get();
        StringBuilder line = new StringBuilder("Reading logs: ").append(size(read));
        if (total > 0) {
            line.append(" of ").append(size(total))
                    .append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, read * 100 / total)));
        }
        line.append(String.format(Locale.ROOT, ", %,d events/s", Math.round(events.get() / seconds)));
        if (total > 0 && read > 0 && read < total) {
            long left = Math.round((total - read) / (read / seconds));
            line.append(String.format(Locale.ROOT, ", ETA %d:%02d", left / 60, left % 60));
        }
        return line.toString();
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
