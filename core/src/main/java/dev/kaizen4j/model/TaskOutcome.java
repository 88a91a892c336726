package dev.kaizen4j.model;

import java.util.Locale;
import java.util.Optional;

/** How a task ended. */
public enum TaskOutcome {
    SUCCESS,
    FAILURE,
    PARTIAL,
    ABANDONED,
    /** No outcome was logged for the task. */
    UNKNOWN;

    /**
     * Parses an outcome word and its usual synonyms ({@code completed}, {@code failed},
     * {@code error}, {@code cancelled}, ...). Returns empty for words that name no outcome.
     */
    public static Optional<TaskOutcome> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "success", "succeeded", "successful", "completed", "complete", "done", "ok", "passed" ->
                    Optional.of(SUCCESS);
            case "failure", "failed", "fail", "error", "errored", "crashed", "rejected" -> Optional.of(FAILURE);
            case "partial", "partially_completed", "partial_success", "incomplete" -> Optional.of(PARTIAL);
            case "abandoned", "cancelled", "canceled", "aborted", "timeout", "timed_out" -> Optional.of(ABANDONED);
            default -> Optional.empty();
        };
    }

    /** Whether the task counts as completed for the team metrics. */
    public boolean isCompleted() {
        return this == SUCCESS;
    }

    /** Whether the task counts as failed: failure, partial or abandoned. */
    public boolean isFailed() {
        return this == FAILURE || this == PARTIAL || this == ABANDONED;
    }
}
