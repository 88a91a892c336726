package dev.kaizen4j.publish;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.AtomicFiles;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.publish.internal.GitDiff;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The offline publisher: writes the approved change as {@code <request-id>.patch}, a unified diff
 * against the team's real files, ready for {@code git apply} at the root of the team's repository.
 *
 * <p>A prompt refinement edits the agent's field in the team spec in place ({@link ProposalFileEditor}:
 * comments, formatting and block style kept); a code modification edits the agent's source file
 * (resolved against the team spec's folder). Paths in the patch are relative to the repository root:
 * by default the nearest folder above the team spec that holds {@code .git}, else the spec's own
 * folder. A header names the request, its approval and its fingerprint; {@code git apply} skips it.
 *
 * <pre>{@code
 * ChangePublisher publisher = PatchFileChangePublisher.builder(Path.of(".kaizen4j/patches"))
 *         .teamSpec(Path.of("teams/marketing-team/team.yaml"))
 *         .build();
 * }</pre>
 *
 * <p>If the file no longer holds the text the proposal was made from, publishing is refused with the
 * reason ({@code INVALID_INPUT}) and no patch is written; the request stays approved. Publishing a
 * request again returns the patch written before. Thread-safe.
 */
public final class PatchFileChangePublisher implements ChangePublisher {

    /** The publisher's name in {@link PublishedChange#publisher()}. */
    public static final String NAME = "patch-file";

    private final Path directory;
    private final Function<String, Optional<Path>> teamSpecs;
    private final @Nullable Path repositoryRoot;

    private PatchFileChangePublisher(Builder builder) {
        this.directory = builder.directory;
        this.teamSpecs = builder.teamSpecs;
        this.repositoryRoot = builder.repositoryRoot;
    }

    /**
     * A builder writing patches to {@code directory}; the team spec
     * ({@link Builder#teamSpec} or {@link Builder#teamSpecs}) is required.
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * @throws KaizenException {@code INVALID_INPUT} when the team spec is unknown, the file changed since
     *     the proposal or lies outside the repository root; {@code RETRIABLE} when a file cannot be read or
     *     written
     */
    @Override
    public PublishedChange publish(ImprovementRequest request, ReviewDecision approval) {
        requireNonNull(request, "request");
        requireNonNull(approval, "approval");
        Path patch = directory.resolve(request.id() + ".patch");
        if (Files.isRegularFile(patch)) {
            return new PublishedChange(NAME, patch.toString());
        }
        Proposal proposal = request.proposal();
        Path spec = teamSpecs.apply(request.team()).orElseThrow(() -> KaizenException.invalidInput(
                "no team spec known for team '" + request.team() + "': cannot tell which file request "
                        + request.id() + " changes"));
        Path file = targetFile(proposal, spec);
        Path root = repositoryRoot != null ? repositoryRoot : repositoryRootOf(spec);
        String path = relativePath(root, file);
        String current = read(file);
        ProposalFileEditor.Edit edit = ProposalFileEditor.apply(proposal, current, file.toString());
        if (edit.outcome() == ProposalFileEditor.Outcome.ALREADY_APPLIED) {
            throw KaizenException.invalidInput(file + " already holds the change of request " + request.id()
                    + "; nothing to patch. If it is in the team's repository, mark it applied");
        }
        String header = "Subject: " + request.title() + "\n"
                + "Request: " + request.id() + "\n"
                + "Approved-by: " + approval.reviewer() + " at " + approval.decidedAt() + "\n"
                + (approval.notes().isBlank() ? "" : "Notes: " + approval.notes().replace('\n', ' ') + "\n")
                + "Fingerprint: " + request.fingerprint() + "\n"
                + "Apply with: git apply " + patch.getFileName() + " (at " + root + ")\n\n";
        try {
            AtomicFiles.write(patch, header + GitDiff.unified(path, current, edit.text()));
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot write patch " + patch + ": " + failure.getMessage(), failure);
        }
        return new PublishedChange(NAME, patch.toString());
    }

    /**
     * The repository root for a team spec: the nearest folder above it holding {@code .git} (a folder,
     * or a file in a linked worktree), else the spec's own folder.
     */
    public static Path repositoryRootOf(Path teamSpec) {
        Path folder = teamSpec.toAbsolutePath().normalize().getParent();
        for (Path candidate = folder; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve(".git"))) {
                return candidate;
            }
        }
        return folder;
    }

    private static Path targetFile(Proposal proposal, Path spec) {
        if (proposal instanceof PromptRefinement) {
            return spec;
        }
        CodeModification code = (CodeModification) proposal;
        Path folder = spec.toAbsolutePath().normalize().getParent();
        return folder.resolve(code.file()).normalize();
    }

    private static String relativePath(Path root, Path file) {
        Path base = real(root);
        Path target = real(file);
        if (!target.startsWith(base)) {
            throw KaizenException.invalidInput(file + " lies outside the repository root " + root
                    + "; set the repository root to a folder that holds it");
        }
        return base.relativize(target).toString().replace('\\', '/');
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException missing) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw KaizenException.invalidInput(file + " does not exist: the change cannot be applied to it");
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot read " + file + ": " + failure.getMessage(), failure);
        }
    }

    /** Configures a {@link PatchFileChangePublisher}. */
    public static final class Builder {
        private final Path directory;
        private Function<String, Optional<Path>> teamSpecs = team -> Optional.empty();
        private @Nullable Path repositoryRoot;

        private Builder(Path directory) {
            this.directory = requireNonNull(directory, "directory");
        }

        /** The team spec file of every team whose requests this publisher sees. */
        public Builder teamSpec(Path teamSpec) {
            requireNonNull(teamSpec, "teamSpec");
            this.teamSpecs = team -> Optional.of(teamSpec);
            return this;
        }

        /** Finds the team spec file of a team by name; empty when unknown. */
        public Builder teamSpecs(Function<String, Optional<Path>> teamSpecs) {
            this.teamSpecs = requireNonNull(teamSpecs, "teamSpecs");
            return this;
        }

        /** The folder the patch's paths are relative to; default {@link #repositoryRootOf the nearest with .git}. */
        public Builder repositoryRoot(Path root) {
            this.repositoryRoot = requireNonNull(root, "root");
            return this;
        }

        public PatchFileChangePublisher build() {
            return new PatchFileChangePublisher(this);
        }
    }
}
