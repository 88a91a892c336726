package dev.kaizen4j.verify;

import dev.kaizen4j.experiment.Rollout;
import dev.kaizen4j.experiment.Variant;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds the tasks of simulated experiments, assigned by a {@link Rollout}'s hash. */
final class ExperimentTasks {

    static final Instant START = Instant.parse("2025-06-09T09:00:00Z");

    private ExperimentTasks() {}

    /** A task of the experiment: one event per error, then its outcome (none when {@code success} is null). */
    static Conversation task(String experiment, String taskId, String variant, Boolean success, int errors,
            Map<String, Object> outcomeMetadata) {
        Map<String, Object> tags = Map.of("experiment", experiment, "variant", variant);
        List<ConversationEvent> events = new ArrayList<>();
        events.add(new ConversationEvent(START, "team", taskId, "writer", "Drafting.", MessageType.UPDATE, null, tags));
        for (int i = 0; i < errors; i++) {
            events.add(new ConversationEvent(START.plusSeconds(i + 1), "team", taskId, "writer", "It broke.",
                    MessageType.ERROR, null, tags));
        }
        if (success != null) {
            Map<String, Object> metadata = new HashMap<>(tags);
            metadata.putAll(outcomeMetadata);
            events.add(new ConversationEvent(START.plusSeconds(60), "team", taskId, "system", "Done.",
                    success ? MessageType.TASK_COMPLETION : MessageType.TASK_FAILED, null, metadata));
        }
        return Conversation.of("team", taskId, events);
    }

    /** Tasks assigned by the rollout, succeeding with the arm's rate. */
    static List<Conversation> simulate(Rollout rollout, int tasks, double controlRate, double treatmentRate,
            SplittableRandom random) {
        List<Conversation> list = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            String id = "T-" + random.nextLong();
            Variant variant = rollout.assign(id).orElseThrow();
            double rate = variant == Variant.TREATMENT ? treatmentRate : controlRate;
            list.add(task(rollout.experimentKey(), id, variant.key(), random.nextDouble() < rate, 0, Map.of()));
        }
        return list;
    }

    /** A verification of experiment {@code writer-checklist} with 500 tasks per arm and the given successes. */
    static Verification verification(int controlSuccesses, int treatmentSuccesses) {
        List<Conversation> tasks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            tasks.add(task("writer-checklist", "C-" + i, "control", i < controlSuccesses, 0, Map.of()));
            tasks.add(task("writer-checklist", "T-" + i, "treatment", i < treatmentSuccesses, 0, Map.of()));
        }
        return FrequentistVerifier.create().experiment("writer-checklist", tasks.stream());
    }
}
