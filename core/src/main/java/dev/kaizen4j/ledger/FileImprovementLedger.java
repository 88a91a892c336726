package dev.kaizen4j.ledger;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.CrashPoints;
import dev.kaizen4j.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ledger in an append-only JSON Lines file, one {@link LedgerEntry} per line, shared safely by
 * threads, ledger instances and processes (a scheduled cycle and a reviewer's {@code kaizen4j review}).
 *
 * <p>Every operation runs under two locks: one lock per file inside the JVM (shared by every
 * instance opened on the same canonical path), then an exclusive {@link FileLock} on the sibling
 * {@code <file>.lock}, which other processes take too. Under them the ledger reads the bytes appended
 * since its last read into an in-memory index, checks the entry ({@link LedgerTransitions}), appends
 * it and forces it to disk, so check-and-append is atomic across threads and processes. A process
 * waits at most the lock timeout (default {@value #DEFAULT_LOCK_TIMEOUT_SECONDS} s) for another to
 * release the file, then fails with a retriable {@link KaizenException}.
 *
 * <p>A line torn by a crash mid-append is skipped with a warning; the next append terminates it
 * first, so it never swallows a later entry.
 *
 * <p>{@link #compact()} bounds the file's growth while keeping the audit trail: the whole file is
 * first copied to {@code <file>.archive/NNNNNN.jsonl}, then replaced atomically by one entry per
 * request holding its folded state (status, request, submission, decision, last note). After a
 * compaction a record's {@link RequestRecord#history() history} starts at that entry; the archives,
 * read in order, hold every earlier entry in the same format.
 *
 * <p>Thread safety: thread-safe, across instances and processes as described above.
 */
public final class FileImprovementLedger implements ImprovementLedger {

    /** How long an operation waits for another thread or process to release the ledger, in seconds. */
    public static final long DEFAULT_LOCK_TIMEOUT_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(FileImprovementLedger.class);
    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final Path lockFile;
    private final Path archiveDirectory;
    private final ReentrantLock lock;
    private final Duration lockTimeout;
    private final ObjectMapper json = Json.mapper();

    // The index, guarded by lock: the fold of the file's first `offset` bytes.
    private LedgerFold fold = new LedgerFold();
    private long offset;
    private long lineNumber;
    private long generation;
    private @Nullable Object fileKey;
    private long bytesRead;
    // The channel holding the file lock while an operation runs. On POSIX systems closing any other
    // channel on the lock file would release the lock, so everything touching it goes through this one.
    private @Nullable FileChannel lockChannel;

    /** @param file the ledger file; created with its directory on the first append */
    public FileImprovementLedger(Path file) {
        this(file, Duration.ofSeconds(DEFAULT_LOCK_TIMEOUT_SECONDS));
    }

    /**
     * @param file the ledger file; created with its directory on the first append
     * @param lockTimeout how long an operation waits for another thread or process to release the file
     */
    public FileImprovementLedger(Path file, Duration lockTimeout) {
        this.file = requireNonNull(file, "file");
        this.lockTimeout = requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative()) {
            throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
        }
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.archiveDirectory = file.resolveSibling(file.getFileName() + ".archive");
        this.lock = LOCKS.computeIfAbsent(canonical(file), key -> new ReentrantLock());
    }

    public Path file() {
        return file;
    }

    /** Where {@link #compact()} keeps the archived history. */
    public Path archiveDirectory() {
        return archiveDirectory;
    }

    @Override
    public void append(LedgerEntry entry) {
        requireNonNull(entry, "entry");
        byte[] line = serialize(entry);
        locked(true, () -> {
            fold.checkAppend(entry);
            write(line);
            return null;
        });
    }

    @Override
    public boolean appendIfAbsent(LedgerEntry entry) {
        requireNonNull(entry, "entry");
        byte[] line = serialize(entry);
        return locked(true, () -> {
            if (!fold.isClaimable(entry)) {
                return false;
            }
            fold.checkAppend(entry);
            write(line);
            return true;
        });
    }

    @Override
    public List<RequestRecord> records() {
        return locked(false, () -> fold.records());
    }

    @Override
    public Optional<RequestRecord> find(String requestId) {
        requireNonNull(requestId, "requestId");
        return locked(false, () -> fold.find(requestId));
    }

    @Override
    public Optional<RequestRecord> findByFingerprint(String fingerprint) {
        requireNonNull(fingerprint, "fingerprint");
        return locked(false, () -> fold.findByFingerprint(fingerprint));
    }

    /**
     * Archives the whole file, then replaces it with one entry per request holding its folded state.
     * Other instances and processes notice and re-read the compacted file.
     *
     * @return the archive holding the entries the file held, or empty when there was no file
     */
    public Optional<Path> compact() {
        return locked(true, () -> {
            if (!Files.exists(file)) {
                return Optional.<Path>empty();
            }
            try {
                Path archive = archive();
                StringBuilder snapshot = new StringBuilder();
                for (RequestRecord record : fold.records()) {
                    snapshot.append(new String(serialize(new LedgerEntry(record.updatedAt(), record.requestId(),
                            record.fingerprint(), record.status(), record.lastNote(), record.request(),
                            record.submission(), record.decision())), StandardCharsets.UTF_8));
                }
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
                try {
                    writeForced(temporary, snapshot.toString().getBytes(StandardCharsets.UTF_8));
                    // Readers compare the generation first, so a reused inode number cannot fool them.
                    writeGeneration(generation + 1);
                    move(temporary, file);
                } finally {
                    Files.deleteIfExists(temporary);
                }
                reset();
                refresh();
                log.info("Compacted ledger {} to {} requests; earlier entries archived in {}", file, fold.size(), archive);
                return Optional.of(archive);
            } catch (IOException failure) {
                throw new KaizenException(KaizenException.Kind.RETRIABLE,
                        "cannot compact ledger " + file + ": " + failure.getMessage(), failure);
            }
        });
    }

    /** Bytes this instance has read from the file so far; the index makes repeated reads cost nothing. */
    long bytesRead() {
        lock.lock();
        try {
            return bytesRead;
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(boolean forWriting, Supplier<T> action) {
        try {
            if (!lock.tryLock(lockTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy("another thread of this process");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KaizenException(KaizenException.Kind.RETRIABLE, "interrupted while waiting for ledger " + file,
                    interrupted);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (!forWriting && !Files.isDirectory(parent)) {
                // Nothing to read, and reading must not create the state directory.
                refresh();
                return action.get();
            }
            Files.createDirectories(parent);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                    FileLock ignored = acquire(channel)) {
                lockChannel = channel;
                long current = readGeneration(channel);
                if (current != generation) {
                    reset();
                    generation = current;
                }
                refresh();
                return action.get();
            } finally {
                lockChannel = null;
            }
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot use ledger " + file + ": " + failure.getMessage(), failure);
        } finally {
            lock.unlock();
        }
    }

    private FileLock acquire(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        long pause = 1;
        while (true) {
            try {
                FileLock acquired = channel.tryLock();
                if (acquired != null) {
                    return acquired;
                }
            } catch (OverlappingFileLockException sameFileOtherPath) {
                // This JVM locks the file under another path (a hard link, say): wait as for a process.
            }
            if (System.nanoTime() - deadline >= 0) {
                throw busy("another process");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new KaizenException(KaizenException.Kind.RETRIABLE, "interrupted while waiting for ledger " + file,
                        interrupted);
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    private KaizenException busy(String holder) {
        return new KaizenException(KaizenException.Kind.RETRIABLE, "ledger " + file + " is held by " + holder
                + " for more than " + lockTimeout.toMillis() + " ms; try again later");
    }

    /** Folds the bytes appended since the last read; starts over when the file was replaced. */
    private void refresh() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            if (offset != 0 || fileKey != null) {
                reset();
            }
            return;
        }
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < offset) {
            reset();
            fileKey = attributes.fileKey();
        }
        long size = attributes.size();
        if (size == offset) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, size - offset));
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long position = offset;
            while (position < size) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read < 0) {
                    break;
                }
                bytesRead += read;
                for (int i = 0; i < read; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n') {
                        fold(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                        offset = position + i + 1;
                    } else {
                        line.write(b);
                    }
                }
                position += read;
            }
            // Bytes after the last newline are a line torn by a crash (writers hold the lock): left for later.
        }
    }

    private void fold(String line) {
        lineNumber++;
        if (line.isBlank()) {
            return;
        }
        try {
            fold.apply(json.readValue(line, LedgerEntry.class));
        } catch (IOException | RuntimeException unreadable) {
            // A torn line (a crash mid-append) or a hand edit: keep the rest readable.
            log.warn("Skipping unreadable ledger entry {}:{}: {}", file, lineNumber, unreadable.getMessage());
        }
    }

    private void reset() {
        fold = new LedgerFold();
        offset = 0;
        lineNumber = 0;
        fileKey = null;
    }

    private void write(byte[] line) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            long end = channel.size();
            if (end > 0 && !endsWithNewline(channel, end)) {
                end += writeAt(channel, end, new byte[] {'\n'});
            }
            if (CrashPoints.isArmed(CrashPoints.Point.LEDGER_TORN_APPEND)) {
                writeAt(channel, end, Arrays.copyOf(line, line.length / 2));
                channel.force(true);
                CrashPoints.reach(CrashPoints.Point.LEDGER_TORN_APPEND);
            }
            writeAt(channel, end, line);
            channel.force(true);
            refresh();
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot append to ledger " + file + ": " + failure.getMessage(), failure);
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    private static int writeAt(FileChannel channel, long position, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return bytes.length;
    }

    private long readGeneration(FileChannel channel) throws IOException {
        if (channel.size() < Long.BYTES) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // reads the whole counter
        }
        return buffer.flip().getLong();
    }

    private void writeGeneration(long next) throws IOException {
        FileChannel channel = requireNonNull(lockChannel, "the lock is held");
        writeAt(channel, 0, ByteBuffer.allocate(Long.BYTES).putLong(next).array());
        channel.force(true);
        generation = next;
    }

    private Path archive() throws IOException {
        Files.createDirectories(archiveDirectory);
        long taken;
        try (Stream<Path> archives = Files.list(archiveDirectory)) {
            taken = archives.filter(path -> path.getFileName().toString().endsWith(".jsonl")).count();
        }
        Path archive;
        do {
            archive = archiveDirectory.resolve(String.format(Locale.ROOT, "%06d.jsonl", ++taken));
        } while (Files.exists(archive));
        Path temporary = Files.createTempFile(archiveDirectory, ".archive", ".tmp");
        try {
            writeForced(temporary, Files.readAllBytes(file));
            move(temporary, archive);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return archive;
    }

    private static void writeForced(Path target, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeAt(channel, 0, bytes);
            channel.force(true);
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notSupported) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private byte[] serialize(LedgerEntry entry) {
        try {
            return (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialize ledger entry for " + entry.requestId(), impossible);
        }
    }

    /** The path with its existing part resolved to the real path, so one file has one key in this JVM. */
    private static Path canonical(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException unresolvable) {
            return absolute;
        }
    }
}
