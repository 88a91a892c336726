package dev.kaizen4j.discussion;

import static java.util.Objects.requireNonNull;

/**
 * One contribution to the improvement discussion.
 *
 * @param speaker the agent speaking (the manager, or an agent reflecting on its work)
 * @param message what it said
 */
public record DiscussionTurn(String speaker, String message) {

    public DiscussionTurn {
        requireNonNull(speaker, "speaker");
        requireNonNull(message, "message");
    }
}
