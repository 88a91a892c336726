package dev.kaizen4j.experiment;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Serves, for each task, the prompt text of the variant the {@link Rollout} assigns it, with the
 * metadata the runtime logs on the task's events so the verifier can tell the arms apart.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rollout the assignment
 * @param controlText the current prompt text
 * @param treatmentText the changed prompt text
 */
public record PromptExperiment(Rollout rollout, String controlText, String treatmentText) {

    public PromptExperiment {
        requireNonNull(rollout, "rollout");
        requireNonNull(controlText, "controlText");
        requireNonNull(treatmentText, "treatmentText");
    }

    /** What a task gets. Tasks outside the coverage get the control text and no experiment metadata. */
    public ServedPrompt serve(String taskId) {
        Optional<Variant> variant = rollout.assign(taskId);
        if (variant.isEmpty()) {
            return new ServedPrompt(taskId, null, controlText, Map.of());
        }
        Variant assigned = variant.get();
        return new ServedPrompt(taskId, assigned, assigned == Variant.TREATMENT ? treatmentText : controlText,
                Map.of(Rollout.EXPERIMENT_METADATA, rollout.experimentKey(), Rollout.VARIANT_METADATA, assigned.key()));
    }
}
