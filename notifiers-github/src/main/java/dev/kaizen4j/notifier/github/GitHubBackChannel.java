package dev.kaizen4j.notifier.github;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.github.internal.GitHubAccess;
import dev.kaizen4j.notifier.github.internal.IssueMarkers;
import dev.kaizen4j.notifier.github.internal.MarkdownLimit;
import dev.kaizen4j.notifier.github.internal.ReviewCommand;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionRead;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestMarkdown;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueEvent;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes improvement requests to GitHub as issues and reads reviewers' decisions back.
 *
 * <p>Each request becomes one issue titled {@link ImprovementRequest#title()}, whose body holds the
 * rationale, evidence, metrics and diff ({@link RequestMarkdown}) and a hidden marker with the
 * request's fingerprint, labelled {@code team-improvement}, {@code automated} and the team's name.
 * Submitting again finds the issue by that marker and opens nothing new.
 *
 * <p>A reviewer decides by labelling the issue {@code approved}, {@code rejected} or
 * {@code needs-work}, or by commenting {@code /approve [notes]}, {@code /reject REASON} or
 * {@code /needs-work NOTES}. Comments count only from authors whose association with the repository
 * is trusted ({@code OWNER}, {@code MEMBER}, {@code COLLABORATOR} by default); labels need write
 * access to set. The latest decision wins; an issue closed without one counts as rejected.
 *
 * <p>The channel holds no connection of its own ({@link #close()} has nothing to release) and is safe
 * to use from several threads. Its provider, {@code github}, reads {@link GitHubConfig}.
 *
 * <p>Nothing here throws into the caller's loop: a failed submission is a
 * {@link Submission#failed failed Submission} (retriable for rate limits, 5xx and network trouble,
 * not for 401, 403, 404 or 422), an unreadable decision is empty, and both are logged without the token.
 */
public final class GitHubBackChannel implements BackChannel {

    /** The provider's name, and the first part of every channel's {@link #name()}. */
    public static final String NAME = "github";

    private static final Logger log = LoggerFactory.getLogger(GitHubBackChannel.class);

    private final GitHubAccess github;
    private final List<String> requestLabels;
    private final Map<Verdict, String> decisionLabels;
    private final Set<String> trustedAssociations;
    private final Clock clock;
    private final String name;
    private final Set<String> knownLabels = ConcurrentHashMap.newKeySet();
    private volatile boolean labelsListed;

    private GitHubBackChannel(Builder builder, GitHubSettings settings) {
        this.github = GitHubAccess.connect(settings, builder.maxRateLimitWait, builder.sleeper, builder.clock);
        this.requestLabels = List.copyOf(builder.requestLabels);
        this.decisionLabels = Collections.unmodifiableMap(new LinkedHashMap<>(builder.decisionLabels));
        this.trustedAssociations = Set.copyOf(builder.trustedAssociations);
        this.clock = builder.clock;
        this.name = NAME + ":" + github.settings().repository();
    }

    /** A builder; repository and token (or {@link Builder#settings settings}) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder set from {@link GitHubSettings#fromEnvironment(Map)}. */
    public static Builder fromEnvironment(Map<String, String> environment) {
        return builder().settings(GitHubSettings.fromEnvironment(environment));
    }

    /** {@code github:owner/name}, so channels on two repositories can be used side by side. */
    @Override
    public String name() {
        return name;
    }

    /** The repository issues are opened in, as {@code owner/name}. */
    public String repository() {
        return github.settings().repository();
    }

    @Override
    public Submission submit(ImprovementRequest request) {
        requireNonNull(request, "request");
        try {
            GHRepository repository = github.call("reading the repository", github::repository);
            Optional<GHIssue> existing = github.call("looking for the issue of request " + request.id(),
                    () -> IssueMarkers.find(repository, requestLabels.get(0), request.fingerprint()));
            if (existing.isPresent()) {
                log.debug("Request {} is already issue #{} in {}", request.id(), existing.get().getNumber(),
                        repository());
                return submitted(request, existing.get());
            }
            List<String> labels = labelsFor(request);
            ensureLabels(repository, labels);
            GHIssue issue = github.call("creating the issue for request " + request.id(), () -> {
                var builder = repository.createIssue(request.title()).body(body(request));
                for (String label : labels) {
                    builder.label(label);
                }
                return builder.create();
            });
            log.info("Request {} opened as issue #{} in {}", request.id(), issue.getNumber(), repository());
            return submitted(request, issue);
        } catch (KaizenException failure) {
            log.warn("Submitting request {} to GitHub failed: {}", request.id(), failure.getMessage());
            return Submission.failed(name, request.id(), failure.getMessage(), failure.isRetriable());
        } catch (RuntimeException unexpected) {
            String message = GitHubAccess.scrub(unexpected.toString(), github.settings().token());
            log.warn("Submitting request {} to GitHub failed unexpectedly: {}", request.id(), message);
            return Submission.failed(name, request.id(), "unexpected failure while submitting to "
                    + repository() + ": " + message, true);
        }
    }

    @Override
    public Optional<ReviewDecision> decisionFor(Submission submission) {
        requireNonNull(submission, "submission");
        try {
            return readDecision(submission);
        } catch (KaizenException failure) {
            log.warn("Reading the decision on request {} from GitHub failed: {}", submission.requestId(),
                    failure.getMessage());
            return Optional.empty();
        }
    }

    /** Reads each request's issue; one that cannot be read (access, rate limit, a deleted issue) is unread. */
    @Override
    public DecisionRead readDecisions(Collection<Submission> submissions) {
        return DecisionRead.each(submissions, this::readDecision);
    }

    /** The decision on a request's issue; a {@link KaizenException} free of the token when it cannot be read. */
    private Optional<ReviewDecision> readDecision(Submission submission) {
        Integer number = issueNumber(submission);
        if (number == null) {
            return Optional.empty();
        }
        try {
            String operation = "reading the decision on issue #" + number;
            GHIssue issue = github.call(operation, () -> github.repository().getIssue(number));
            List<GHIssueComment> comments = github.call(operation,
                    () -> issue.listComments().withPageSize(100).toList());
            return decide(issue, comments, operation);
        } catch (KaizenException failure) {
            throw failure;
        } catch (RuntimeException unexpected) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE, "unexpected failure reading issue #" + number
                    + " of " + repository() + ": " + GitHubAccess.scrub(unexpected.toString(), github.settings().token()));
        }
    }

    /**
     * Comments the new status on the issue and, for a published, merged or unmerged-closed change,
     * labels it {@code published}, {@code merged} or {@code closed-unmerged}; failures are logged, never thrown.
     */
    @Override
    public void statusChanged(Submission submission, RequestStatus status, String note) {
        Integer number = issueNumber(submission);
        if (number == null || status == null) {
            return;
        }
        String text = IssueMarkers.STATUS + "\nKaizen4j: this request is now **"
                + status.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "**"
                + (note == null || note.isBlank() ? "." : ": " + note);
        String label = switch (status) {
            case PUBLISHED -> "published";
            case MERGED -> "merged";
            case CLOSED_UNMERGED -> "closed-unmerged";
            default -> null;
        };
        try {
            GHIssue issue = github.call("reading issue #" + number, () -> github.repository().getIssue(number));
            github.call("commenting the status on issue #" + number, () -> issue.comment(text));
            if (label != null) {
                github.call("labelling issue #" + number + " " + label, () -> {
                    issue.addLabels(label);
                    return null;
                });
            }
        } catch (RuntimeException failure) {
            log.warn("Could not comment the status of request {} on GitHub: {}", submission.requestId(),
                    GitHubAccess.scrub(String.valueOf(failure.getMessage()), github.settings().token()));
        }
    }

    private Optional<ReviewDecision> decide(GHIssue issue, List<GHIssueComment> comments, String operation) {
        List<Candidate> candidates = new ArrayList<>();
        String latestNotes = "";
        for (GHIssueComment comment : comments) {
            String body = comment.getBody() == null ? "" : comment.getBody();
            Optional<ReviewCommand> command = ReviewCommand.parse(body);
            String author = login(comment);
            String association = comment.getAuthorAssociation() == null ? "NONE" : comment.getAuthorAssociation().name();
            boolean trusted = trustedAssociations.contains(association);
            if (command.isPresent()) {
                if (trusted) {
                    candidates.add(new Candidate(command.get().verdict(), author, command.get().notes(),
                            instant(github.call(operation, comment::getCreatedAt))));
                } else {
                    log.info("Ignoring {} on issue #{} by {}: author association {} may not decide",
                            body.strip().split("\\s", 2)[0], issue.getNumber(), author, association);
                }
            } else if (trusted && !body.contains(IssueMarkers.PREFIX) && !body.isBlank()) {
                latestNotes = body.strip();
            }
        }
        Set<String> labels = new LinkedHashSet<>();
        for (GHLabel label : issue.getLabels()) {
            labels.add(label.getName());
        }
        List<GHIssueEvent> events = null;
        for (Map.Entry<Verdict, String> entry : decisionLabels.entrySet()) {
            if (!labels.contains(entry.getValue())) {
                continue;
            }
            if (events == null) {
                events = github.call(operation, () -> issue.listEvents().withPageSize(100).toList());
            }
            GHIssueEvent labelled = events.stream()
                    .filter(event -> "labeled".equals(event.getEvent()) && event.getLabel() != null
                            && entry.getValue().equals(event.getLabel().getName()))
                    .reduce((first, second) -> second)
                    .orElse(null);
            String reviewer = labelled != null && labelled.getActor() != null ? labelled.getActor().getLogin()
                    : "label:" + entry.getValue();
            Instant at = labelled != null && labelled.getCreatedAt() != null ? labelled.getCreatedAt().toInstant()
                    : instant(github.call(operation, issue::getUpdatedAt));
            candidates.add(new Candidate(entry.getKey(), reviewer, latestNotes, at));
        }
        Optional<Candidate> latest = candidates.stream().max(Comparator.comparing(Candidate::at));
        if (latest.isPresent()) {
            Candidate decision = latest.get();
            return Optional.of(new ReviewDecision(decision.verdict(), decision.reviewer(), decision.notes(),
                    decision.at()));
        }
        if (issue.getState() == GHIssueState.CLOSED) {
            GHUser closer = github.call(operation, issue::getClosedBy);
            String notes = "closed without approval" + (latestNotes.isEmpty() ? "" : ": " + latestNotes);
            return Optional.of(new ReviewDecision(Verdict.REJECTED, closer == null ? "unknown" : closer.getLogin(),
                    notes, instant(issue.getClosedAt())));
        }
        return Optional.empty();
    }

    /** The author's login from the comment itself; {@code getUser()} would fetch the user once per comment. */
    @SuppressWarnings("deprecation")
    private static String login(GHIssueComment comment) {
        return comment.getUserName();
    }

    private record Candidate(Verdict verdict, String reviewer, String notes, Instant at) {}

    private Instant instant(@Nullable Date date) {
        return date == null ? clock.instant() : date.toInstant();
    }

    private @Nullable Integer issueNumber(Submission submission) {
        if (!submission.isSubmitted() || !name.equals(submission.channel())) {
            return null;
        }
        try {
            return Integer.valueOf(requireNonNull(submission.externalId()));
        } catch (NumberFormatException notAnIssue) {
            log.warn("Submission of request {} does not name a GitHub issue: '{}'", submission.requestId(),
                    submission.externalId());
            return null;
        }
    }

    private Submission submitted(ImprovementRequest request, GHIssue issue) {
        return Submission.submitted(name, request.id(), String.valueOf(issue.getNumber()),
                issue.getHtmlUrl() == null ? null : issue.getHtmlUrl().toString());
    }

    private List<String> labelsFor(ImprovementRequest request) {
        Set<String> labels = new LinkedHashSet<>(requestLabels);
        labels.add(teamLabel(request.team()));
        return List.copyOf(labels);
    }

    /** A label for the team: GitHub labels hold at most 50 characters and label filters split on commas. */
    static String teamLabel(String team) {
        String label = team.strip().replace(',', '-');
        return label.length() > 50 ? label.substring(0, 50) : label;
    }

    private void ensureLabels(GHRepository repository, Collection<String> labels) {
        Set<String> wanted = new LinkedHashSet<>(labels);
        wanted.addAll(decisionLabels.values());
        wanted.removeAll(knownLabels);
        if (wanted.isEmpty()) {
            return;
        }
        if (!labelsListed) {
            github.call("listing labels", () -> {
                for (GHLabel label : repository.listLabels().withPageSize(100)) {
                    knownLabels.add(label.getName());
                }
                return null;
            });
            labelsListed = true;
            wanted.removeAll(knownLabels);
        }
        for (String label : wanted) {
            try {
                github.call("creating the label '" + label + "'",
                        () -> repository.createLabel(label, colour(label), description(label)));
            } catch (KaizenException failure) {
                if (failure.kind() != KaizenException.Kind.INVALID_INPUT || !failure.getMessage().contains("(422")) {
                    throw failure;
                }
                // 422 already_exists: created meanwhile
            }
            knownLabels.add(label);
        }
    }

    private String colour(String label) {
        if (label.equals(decisionLabels.get(Verdict.APPROVED))) {
            return "0e8a16";
        }
        if (label.equals(decisionLabels.get(Verdict.REJECTED))) {
            return "b60205";
        }
        if (label.equals(decisionLabels.get(Verdict.NEEDS_WORK))) {
            return "fbca04";
        }
        return requestLabels.contains(label) ? "5319e7" : "1d76db";
    }

    private String description(String label) {
        for (Map.Entry<Verdict, String> entry : decisionLabels.entrySet()) {
            if (entry.getValue().equals(label)) {
                return "Kaizen4j review decision: " + entry.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }
        }
        return requestLabels.contains(label) ? "Kaizen4j improvement request" : "Kaizen4j requests for team " + label;
    }

    static String body(ImprovementRequest request) {
        return MarkdownLimit.fit(RequestMarkdown.render(request), MarkdownLimit.MAX_RENDERED)
                + "\n---\n"
                + "Decide with a label (`approved`, `rejected`, `needs-work`) or a comment: `/approve [notes]`, "
                + "`/reject REASON` or `/needs-work NOTES`. Closing the issue without approval rejects it.\n\n"
                + IssueMarkers.fingerprint(request.fingerprint()) + "\n";
    }

    /** Configures a {@link GitHubBackChannel}. */
    public static final class Builder extends GitHubClientBuilder<Builder> {

        private List<String> requestLabels = List.of("team-improvement", "automated");
        private final Map<Verdict, String> decisionLabels = new LinkedHashMap<>();
        private Set<String> trustedAssociations = Set.of("OWNER", "MEMBER", "COLLABORATOR");

        private Builder() {
            decisionLabels.put(Verdict.APPROVED, "approved");
            decisionLabels.put(Verdict.REJECTED, "rejected");
            decisionLabels.put(Verdict.NEEDS_WORK, "needs-work");
        }

        /**
         * The labels every request's issue carries besides the team's name; default
         * {@code team-improvement, automated}. The first one is used to find issues again.
         */
        public Builder requestLabels(List<String> labels) {
            requireNonNull(labels, "labels");
            if (labels.isEmpty() || labels.stream().anyMatch(label -> label == null || label.isBlank())) {
                throw KaizenException.invalidInput("request labels must be a non-empty list of names, was " + labels);
            }
            this.requestLabels = List.copyOf(labels);
            return this;
        }

        /** The label that means {@code verdict}; defaults {@code approved}, {@code rejected}, {@code needs-work}. */
        public Builder decisionLabel(Verdict verdict, String label) {
            requireNonNull(verdict, "verdict");
            requireNonNull(label, "label");
            if (label.isBlank()) {
                throw KaizenException.invalidInput("the label for " + verdict + " is blank");
            }
            decisionLabels.put(verdict, label);
            return this;
        }

        /**
         * The {@code author_association} values whose slash commands count; default {@code OWNER},
         * {@code MEMBER}, {@code COLLABORATOR}.
         */
        public Builder trustedAssociations(Set<String> associations) {
            requireNonNull(associations, "associations");
            Set<String> upper = new LinkedHashSet<>();
            associations.forEach(a -> upper.add(requireNonNull(a, "association").toUpperCase(Locale.ROOT)));
            this.trustedAssociations = Set.copyOf(upper);
            return this;
        }

        /**
         * @throws KaizenException if the repository or token is missing or invalid
         */
        public GitHubBackChannel build() {
            return new GitHubBackChannel(this, connection());
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
