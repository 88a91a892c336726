package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

/**
 * Which agent caused a failed task, and where.
 *
 * @param taskId the failed task
 * @param agent the agent held responsible; never system, user, human or a tool
 * @param step the 0-based index, within the task, of the event where the failure happened
 * @param confidence how sure the analysis is, in {@code [0, 1]}
 * @param reason one line saying why
 */
public record FailureAttribution(String taskId, String agent, int step, double confidence, String reason) {

    public FailureAttribution {
        requireNonNull(taskId, "taskId");
        requireNonNull(agent, "agent");
        requireNonNull(reason, "reason");
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative: " + step);
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
    }
}
