package dev.kaizen4j.notifier.github.internal;

import java.io.IOException;
import java.util.Optional;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHRepository;

/** The hidden markers Kaizen4j leaves in issue bodies and comments, and the lookup by fingerprint. */
public final class IssueMarkers {

    /** Starts every hidden marker. */
    public static final String PREFIX = "<!-- kaizen4j:";
    /** Marks comments Kaizen4j writes itself, so they are never read as a reviewer's notes. */
    public static final String STATUS = PREFIX + "status -->";

    private IssueMarkers() {}

    /** The marker that identifies the issue of a request. */
    public static String fingerprint(String fingerprint) {
        return PREFIX + "fingerprint=" + fingerprint + " -->";
    }

    /**
     * The issue (open or closed) carrying {@code label} whose body holds the fingerprint marker. Lists
     * issues rather than searching, since the issues list is consistent at once and search is not.
     */
    public static Optional<GHIssue> find(GHRepository repository, String label, String fingerprint) throws IOException {
        String marker = fingerprint(fingerprint);
        for (GHIssue issue : repository.queryIssues().label(label).state(GHIssueState.ALL).pageSize(100).list()) {
            if (!issue.isPullRequest() && issue.getBody() != null && issue.getBody().contains(marker)) {
                return Optional.of(issue);
            }
        }
        return Optional.empty();
    }
}
