package dev.kaizen4j.ledger;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ledger in an append-only JSON Lines file, one {@link LedgerEntry} per line. Each append takes
 * an exclusive file lock and is forced to disk before returning, so several processes (a scheduled
 * cycle and a reviewer's {@code kaizen4j review}) can share one file. Reads re-read the file.
 */
public final class FileImprovementLedger implements ImprovementLedger {

    private static final Logger log = LoggerFactory.getLogger(FileImprovementLedger.class);

    private final Path file;
    private final ObjectMapper json = Json.mapper();

    /** @param file the ledger file; created with its directory on the first append */
    public FileImprovementLedger(Path file) {
        this.file = requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(LedgerEntry entry) {
        requireNonNull(entry, "entry");
        LedgerFold current = load();
        current.check(entry);
        byte[] line;
        try {
            line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialize ledger entry for " + entry.requestId(), impossible);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
                    FileLock ignored = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot append to ledger " + file + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public synchronized List<RequestRecord> records() {
        return load().records();
    }

    private LedgerFold load() {
        LedgerFold fold = new LedgerFold();
        if (!Files.exists(file)) {
            return fold;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    fold.apply(json.readValue(line, LedgerEntry.class));
                } catch (IOException | RuntimeException unreadable) {
                    // A torn last line (a crash mid-append) or a hand edit: keep the rest readable.
                    log.warn("Skipping unreadable ledger entry {}:{}: {}", file, number, unreadable.getMessage());
                }
            }
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot read ledger " + file + ": " + failure.getMessage(), failure);
        }
        return fold;
    }
}
