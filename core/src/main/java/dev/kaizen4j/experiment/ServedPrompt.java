package dev.kaizen4j.experiment;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The prompt a task gets and what to log with it.
 *
 * @param taskId the task
 * @param variant its variant, or null when the task is not part of the experiment
 * @param text the prompt text to use
 * @param metadata {@code experiment} and {@code variant}, to add to the {@code metadata} of every event
 *     the task logs; empty outside the experiment
 */
public record ServedPrompt(String taskId, @Nullable Variant variant, String text, Map<String, String> metadata) {

    public ServedPrompt {
        requireNonNull(taskId, "taskId");
        requireNonNull(text, "text");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata"));
    }

    public Optional<Variant> assignedVariant() {
        return Optional.ofNullable(variant);
    }
}
