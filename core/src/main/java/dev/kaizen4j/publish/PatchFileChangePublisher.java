package dev.kaizen4j.publish;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.AtomicFiles;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The offline publisher: writes the approved change as {@code <id>.patch}, a unified diff with a
 * header naming the request and its approval, ready for {@code git apply}.
 */
public final class PatchFileChangePublisher implements ChangePublisher {

    private final Path directory;

    public PatchFileChangePublisher(Path directory) {
        this.directory = requireNonNull(directory, "directory");
    }

    @Override
    public PublishedChange publish(ImprovementRequest request, ReviewDecision approval) {
        Path patch = directory.resolve(request.id() + ".patch");
        String header = "Subject: " + request.title() + "\n"
                + "Approved-by: " + approval.reviewer() + " at " + approval.decidedAt() + "\n"
                + (approval.notes().isBlank() ? "" : "Notes: " + approval.notes().replace('\n', ' ') + "\n")
                + "Fingerprint: " + request.fingerprint() + "\n\n";
        try {
            AtomicFiles.write(patch, header + request.proposal().diff());
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot write patch " + patch + ": " + failure.getMessage(), failure);
        }
        return new PublishedChange("patch-file", patch.toString());
    }
}
