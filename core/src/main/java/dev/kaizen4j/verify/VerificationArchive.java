package dev.kaizen4j.verify;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.internal.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the latest verification of each request as a JSON file in a directory, next to the ledger
 * that records the verdict, so that cross-team suggestions can cite the evidence later.
 *
 * <p>Writes are atomic; safe to use from several threads and processes.
 */
public final class VerificationArchive {

    private final Path directory;

    public VerificationArchive(Path directory) {
        this.directory = requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    /** Stores the verification of a request, replacing an earlier one. */
    public void save(String requestId, Verification verification) {
        requireNonNull(verification, "verification");
        try {
            AtomicFiles.write(file(requestId), verification.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verification of " + requestId + " to " + directory, e);
        }
    }

    /** The latest verification of a request, if any. */
    public Optional<Verification> find(String requestId) {
        Path file = file(requestId);
        try {
            return Optional.of(Verification.fromJson(Files.readString(file)));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException corrupt) {
            throw new IllegalArgumentException(file + ": " + corrupt.getMessage(), corrupt);
        }
    }

    private Path file(String requestId) {
        requireNonNull(requestId, "requestId");
        return directory.resolve(URLEncoder.encode(requestId, StandardCharsets.UTF_8) + ".json");
    }
}
