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
                    SUCCESS.asOptional();
            case "failure", "failed", "fail", "error", "errored", "crashed", "rejected" -> FAILURE.asOptional();
            case "partial", "partially_completed", "partial_success", "incomplete" -> PARTIAL.asOptional();
            case "abandoned", "cancelled", "canceled", "aborted", "timeout", "timed_out" -> ABANDONED.asOptional();
            default -> Optional.empty();
        };
    }

    /** This outcome as a present {@link Optional}, shared rather than allocated on every call. */
    Optional<TaskOutcome> asOptional() {
        return Shared.OPTIONALS[ordinal()];
    }

    private static final class Shared {
        static final Optional<TaskOutcome>[] OPTIONALS = optionals();

        @SuppressWarnings("unchecked")
        private static Optional<TaskOutcome>[] optionals() {
            TaskOutcome[] outcomes = values();
            Optional<TaskOutcome>[] optionals = new Optional[outcomes.length];
            for (TaskOutcome outcome : outcomes) {
                optionals[outcome.ordinal()] = Optional.of(outcome);
            }
            return optionals;
        }
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
