package dev.kaizen4j.publish;

import static java.util.Objects.requireNonNull;

/**
 * What became of a published change: still open for review, merged into the team's repository, or
 * closed without merging.
 *
 * @param state the state
 * @param reference where the change lives, for example the pull request's URL
 * @param detail who merged or closed it and why, when known; empty otherwise
 */
public record PublicationStatus(State state, String reference, String detail) {

    /** The states a published change can be in. */
    public enum State {
        /** Published and waiting: the pull request is open, the patch not yet confirmed applied. */
        OPEN,
        /** In the team's repository. */
        MERGED,
        /** Closed without merging; it will not reach the team. */
        CLOSED_UNMERGED
    }

    public PublicationStatus {
        requireNonNull(state, "state");
        requireNonNull(reference, "reference");
        detail = detail == null ? "" : detail;
    }
}
