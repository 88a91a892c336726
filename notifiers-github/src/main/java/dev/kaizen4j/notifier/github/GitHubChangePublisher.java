package dev.kaizen4j.notifier.github;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.github.internal.GitHubAccess;
import dev.kaizen4j.notifier.github.internal.IssueMarkers;
import dev.kaizen4j.notifier.github.internal.MarkdownLimit;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.publish.ProposalFileEditor;
import dev.kaizen4j.publish.PublicationStatus;
import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRef;
import org.kohsuke.github.GHRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an approved request as a pull request: a branch {@code kaizen4j/<team>/<fingerprint>}, one
 * commit with the changed file, and a pull request that explains the change, how it will be verified,
 * and closes the request's issue ({@code Closes #N}) when the {@link GitHubBackChannel} opened one.
 *
 * <p>A prompt refinement edits the agent's field in the team spec file (default
 * {@code teams/<team>/team.yaml}), leaving the rest of the file as it was; a code modification
 * replaces the agent's source at {@link CodeModification#file()} under a configurable base directory.
 * The edit is {@link ProposalFileEditor}'s, so the commit holds the same file content as the patch
 * {@code PatchFileChangePublisher} writes. If the file no longer holds the text the proposal was made
 * from, publishing fails and nothing is overwritten. Publishing again reuses the branch, the commit and
 * the pull request. {@link #statusOf} tells whether the pull request was merged or closed unmerged.
 *
 * @see ChangePublisher
 */
public final class GitHubChangePublisher implements ChangePublisher {

    /** The publisher's name in {@link PublishedChange#publisher()}. */
    public static final String NAME = "github";

    private static final Logger log = LoggerFactory.getLogger(GitHubChangePublisher.class);

    private final GitHubAccess github;
    private final String teamSpecPath;
    private final String sourceDirectory;
    private final @Nullable String baseBranch;
    private final String branchPrefix;
    private final String requestLabel;

    private GitHubChangePublisher(Builder builder, GitHubSettings settings) {
        this.github = GitHubAccess.connect(settings, builder.maxRateLimitWait, builder.sleeper, builder.clock);
        this.teamSpecPath = builder.teamSpecPath;
        this.sourceDirectory = builder.sourceDirectory;
        this.baseBranch = builder.baseBranch;
        this.branchPrefix = builder.branchPrefix;
        this.requestLabel = builder.requestLabel;
    }

    /** A builder; repository and token (or {@link Builder#settings settings}) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder set from {@link GitHubSettings#fromEnvironment(Map)}. */
    public static Builder fromEnvironment(Map<String, String> environment) {
        return builder().settings(GitHubSettings.fromEnvironment(environment));
    }

    /**
     * @throws KaizenException if publishing failed: {@code INVALID_INPUT} when the file changed since the
     *     proposal or GitHub rejected the request, {@code AUTHENTICATION} for 401/403, {@code RATE_LIMITED}
     *     or {@code RETRIABLE} when a later retry may succeed
     */
    @Override
    public PublishedChange publish(ImprovementRequest request, ReviewDecision approval) {
        requireNonNull(request, "request");
        requireNonNull(approval, "approval");
        String branch = branchFor(request);
        GHRepository repository = github.call("reading the repository", github::repository);
        String base = baseBranch != null ? baseBranch : repository.getDefaultBranch();
        if (base == null || base.isBlank()) {
            throw KaizenException.invalidInput("cannot tell the default branch of " + repository() + "; set baseBranch");
        }

        Optional<GHPullRequest> existing = github.call("looking for the pull request of branch " + branch,
                () -> repository.queryPullRequests().head(github.settings().owner() + ":" + branch)
                        .state(GHIssueState.ALL).list().toList().stream().findFirst());
        if (existing.isPresent()) {
            log.info("Request {} already has pull request #{} in {}", request.id(), existing.get().getNumber(),
                    repository());
            return published(existing.get());
        }

        ensureBranch(repository, branch, base);
        String path = pathFor(request.proposal());
        commitChange(repository, request, approval, branch, path);
        Optional<GHIssue> issue = github.call("looking for the issue of request " + request.id(),
                () -> IssueMarkers.find(repository, requestLabel, request.fingerprint()));
        GHPullRequest pull = github.call("opening the pull request from " + branch + " into " + base,
                () -> repository.createPullRequest(request.title(), branch, base,
                        pullRequestBody(request, approval, path, issue.map(GHIssue::getNumber).orElse(null))));
        log.info("Request {} published as pull request #{} in {}", request.id(), pull.getNumber(), repository());
        return published(pull);
    }

    /**
     * The state of the request's pull request: {@code MERGED} once merged, {@code CLOSED_UNMERGED}
     * when closed without merging, {@code OPEN} otherwise; empty when no pull request exists yet.
     *
     * @throws KaizenException if GitHub could not be read
     */
    @Override
    public Optional<PublicationStatus> statusOf(ImprovementRequest request) {
        requireNonNull(request, "request");
        String branch = branchFor(request);
        GHRepository repository = github.call("reading the repository", github::repository);
        Optional<GHPullRequest> pull = github.call("looking for the pull request of branch " + branch,
                () -> repository.queryPullRequests().head(github.settings().owner() + ":" + branch)
                        .state(GHIssueState.ALL).list().toList().stream().findFirst());
        return pull.map(this::statusOf);
    }

    private PublicationStatus statusOf(GHPullRequest pull) {
        String reference = published(pull).reference();
        if (pull.getMergedAt() != null) {
            return new PublicationStatus(PublicationStatus.State.MERGED, reference,
                    "pull request #" + pull.getNumber() + " merged at " + pull.getMergedAt().toInstant());
        }
        if (pull.getState() == GHIssueState.CLOSED) {
            return new PublicationStatus(PublicationStatus.State.CLOSED_UNMERGED, reference,
                    "pull request #" + pull.getNumber() + " was closed without merging"
                            + (pull.getClosedAt() == null ? "" : " at " + pull.getClosedAt().toInstant()));
        }
        return new PublicationStatus(PublicationStatus.State.OPEN, reference, "");
    }

    /** The repository pull requests are opened in, as {@code owner/name}. */
    public String repository() {
        return github.settings().repository();
    }

    /** The branch a request's change is committed to: {@code <prefix>/<team>/<fingerprint>}. */
    public String branchFor(ImprovementRequest request) {
        return branchPrefix + "/" + refSafe(request.team()) + "/" + refSafe(request.fingerprint());
    }

    /** The repository path a proposal changes. */
    public String pathFor(Proposal proposal) {
        if (proposal instanceof PromptRefinement) {
            return checkedPath(teamSpecPath.replace("{team}", proposal.team()));
        }
        CodeModification code = (CodeModification) proposal;
        String file = code.file().replace('\\', '/');
        return checkedPath(sourceDirectory.isEmpty() ? file : sourceDirectory + "/" + file);
    }

    private void ensureBranch(GHRepository repository, String branch, String base) {
        try {
            repository.getRef("heads/" + branch);
            log.debug("Reusing branch {} in {}", branch, repository());
            return;
        } catch (FileNotFoundException missing) {
            // create it below
        } catch (IOException failure) {
            throw github.failure("reading branch " + branch, failure);
        }
        GHRef baseRef = github.call("reading base branch " + base, () -> repository.getRef("heads/" + base));
        github.call("creating branch " + branch, () -> repository.createRef("refs/heads/" + branch,
                baseRef.getObject().getSha()));
    }

    private void commitChange(GHRepository repository, ImprovementRequest request, ReviewDecision approval,
            String branch, String path) {
        Proposal proposal = request.proposal();
        GHContent content = github.call("reading " + path + " on branch " + branch,
                () -> repository.getFileContent(path, branch));
        String origin = repository() + ":" + path + " on branch " + branch;
        if (!content.isFile()) {
            throw KaizenException.invalidInput(origin + " is not a file");
        }
        String current;
        try {
            current = github.call("reading " + path + " on branch " + branch, () -> read(content));
        } catch (UnsupportedOperationException notInline) {
            throw KaizenException.invalidInput(origin + " is too large for GitHub's contents API (over 1 MB);"
                    + " publish this change by hand");
        }
        ProposalFileEditor.Edit edit = ProposalFileEditor.apply(proposal, current, origin);
        if (edit.outcome() == ProposalFileEditor.Outcome.ALREADY_APPLIED) {
            log.debug("{} already holds the proposed change", origin);
            return;
        }
        String updated = edit.text();
        String message = "kaizen4j: " + proposal.summary() + "\n\n"
                + "Approved by " + approval.reviewer() + " for request " + request.id() + ".\n\n"
                + "Kaizen4j-Fingerprint: " + request.fingerprint() + "\n";
        github.call("committing " + path + " to branch " + branch, () -> repository.createContent()
                .path(path)
                .branch(branch)
                .sha(content.getSha())
                .message(message)
                .content(updated.getBytes(StandardCharsets.UTF_8))
                .commit());
    }

    private static String read(GHContent content) throws IOException {
        try (InputStream in = content.read()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String pullRequestBody(ImprovementRequest request, ReviewDecision approval, String path,
            @Nullable Integer issue) {
        Proposal proposal = request.proposal();
        StringBuilder md = new StringBuilder();
        if (issue != null) {
            md.append("Closes #").append(issue).append("\n\n");
        }
        md.append("## ").append(proposal.summary()).append("\n\n");
        if (proposal instanceof PromptRefinement prompt) {
            md.append("Refines the `").append(prompt.field().key()).append("` of agent `").append(prompt.agent())
                    .append("` in `").append(path).append("`.\n\n");
        } else if (proposal instanceof CodeModification code) {
            md.append("Changes the source of agent `").append(code.agent()).append("` in `").append(path)
                    .append("` (").append(code.category().key()).append("). The change passed Kaizen4j's safe-code ")
                    .append("validation: it parses, keeps the agent's interface and stays within the allowed ")
                    .append("categories of change.\n\n");
        }
        md.append("- **Request:** `").append(request.id()).append("`\n");
        md.append("- **Approved by:** ").append(approval.reviewer()).append(" at ").append(approval.decidedAt())
                .append('\n');
        if (!approval.notes().isBlank()) {
            md.append("- **Reviewer notes:** ").append(approval.notes().replace('\n', ' ')).append('\n');
        }
        md.append("\n### Why\n\n").append(proposal.rationale()).append("\n\n");
        if (!proposal.evidence().isEmpty()) {
            md.append("Evidence: ").append(String.join(", ", proposal.evidence())).append("\n\n");
        }
        md.append("### Change\n\n```diff\n").append(proposal.diff()).append("```\n\n");
        md.append("### How it will be verified\n\n")
                .append("After this pull request is merged and the team has run again, Kaizen4j compares the team's ")
                .append("task success rate and the rates of the findings above over a window before and after ")
                .append("the change (a two-proportion test) and records whether the change was effective on ")
                .append("request `").append(request.id()).append("`. An ineffective change is reported for review.\n\n");
        return MarkdownLimit.fit(md.toString(), MarkdownLimit.MAX_RENDERED) + "\n"
                + IssueMarkers.fingerprint(request.fingerprint()) + "\n";
    }

    private PublishedChange published(GHPullRequest pull) {
        return new PublishedChange(NAME, pull.getHtmlUrl() != null ? pull.getHtmlUrl().toString()
                : repository() + "#" + pull.getNumber());
    }

    private static String refSafe(String text) {
        String safe = text.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("\\.{2,}", ".");
        safe = safe.replaceAll("^[.-]+|[.-]+$", "");
        return safe.isEmpty() ? "team" : safe;
    }

    private static String checkedPath(String path) {
        String normalized = path.replace('\\', '/').replaceAll("/{2,}", "/");
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        if (normalized.isEmpty() || normalized.startsWith("/") || normalized.endsWith("/")
                || ("/" + normalized + "/").contains("/../") || ("/" + normalized + "/").contains("/./")) {
            throw KaizenException.invalidInput("'" + path + "' is not a file path inside the repository");
        }
        return normalized;
    }

    /** Configures a {@link GitHubChangePublisher}. */
    public static final class Builder extends GitHubClientBuilder<Builder> {

        private String teamSpecPath = "teams/{team}/team.yaml";
        private String sourceDirectory = "";
        private @Nullable String baseBranch;
        private String branchPrefix = "kaizen4j";
        private String requestLabel = "team-improvement";

        private Builder() {}

        /** The team spec file in the repository; {@code {team}} stands for the team's name. Default {@code teams/{team}/team.yaml}. */
        public Builder teamSpecPath(String pathTemplate) {
            requireNonNull(pathTemplate, "pathTemplate");
            if (pathTemplate.isBlank()) {
                throw KaizenException.invalidInput("the team spec path is blank");
            }
            this.teamSpecPath = pathTemplate.strip();
            return this;
        }

        /** The directory agents' source files are relative to in the repository; default the root. */
        public Builder sourceDirectory(String directory) {
            requireNonNull(directory, "directory");
            String stripped = directory.strip().replace('\\', '/');
            while (stripped.endsWith("/")) {
                stripped = stripped.substring(0, stripped.length() - 1);
            }
            this.sourceDirectory = stripped.equals(".") ? "" : stripped;
            return this;
        }

        /** The branch pull requests target; default the repository's default branch. */
        public Builder baseBranch(String branch) {
            this.baseBranch = requireNonNull(branch, "branch");
            return this;
        }

        /** The first segment of branch names; default {@code kaizen4j}. */
        public Builder branchPrefix(String prefix) {
            requireNonNull(prefix, "prefix");
            if (prefix.isBlank()) {
                throw KaizenException.invalidInput("the branch prefix is blank");
            }
            this.branchPrefix = prefix.strip();
            return this;
        }

        /** The label the back-channel puts on request issues, used to find the issue to close; default {@code team-improvement}. */
        public Builder requestLabel(String label) {
            this.requestLabel = requireNonNull(label, "label");
            return this;
        }

        /**
         * @throws KaizenException if the repository or token is missing or invalid
         */
        public GitHubChangePublisher build() {
            return new GitHubChangePublisher(this, connection());
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
