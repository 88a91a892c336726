package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

/**
 * A pointer into the logs that supports a finding.
 *
 * @param taskId the task
 * @param step the 0-based index of the event within its task
 * @param excerpt a short excerpt of the event
 */
public record Evidence(String taskId, int step, String excerpt) {

    /** Excerpts are cut to this many characters. */
    public static final int MAX_EXCERPT = 160;

    public Evidence {
        requireNonNull(taskId, "taskId");
        requireNonNull(excerpt, "excerpt");
        if (excerpt.length() > MAX_EXCERPT) {
            excerpt = excerpt.substring(0, MAX_EXCERPT - 1) + "…";
        }
    }
}
