package dev.kaizen4j.llm.internal;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.TaskOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Keeps a bounded, reproducible sample of tasks while the conversations stream past, so the LLM can
 * read the events of failed tasks after the one-pass analysis without the logs being held in memory.
 * Failed tasks in which no agent reported an error (whose attribution is a guess) get most of the
 * room; a few other failures and successes are kept for contrast. Each reservoir is a uniform sample
 * of its kind (Vitter's algorithm R, seeded), whatever the log's size.
 */
public final class TaskSampler {

    /** Messages are cut to this many characters. */
    public static final int MAX_MESSAGE = 400;
    /** Events kept of a long task: its first {@value #HEAD_EVENTS} and last {@value #TAIL_EVENTS}. */
    static final int HEAD_EVENTS = 8;
    static final int TAIL_EVENTS = 32;

    private final Reservoir ambiguous;
    private final Reservoir otherFailures;
    private final Reservoir successes;

    /** @param capacity the failed tasks kept at most; a quarter as many successes are kept besides */
    public TaskSampler(int capacity) {
        int others = Math.max(1, capacity / 4);
        this.ambiguous = new Reservoir(Math.max(1, capacity - others), new Random(17));
        this.otherFailures = new Reservoir(others, new Random(23));
        this.successes = new Reservoir(others, new Random(29));
    }

    /** Considers one task for the sample. */
    public void offer(Conversation conversation) {
        TaskOutcome outcome = conversation.outcome();
        if (outcome == TaskOutcome.SUCCESS) {
            successes.offer(conversation, false);
        } else if (outcome.isFailed()) {
            boolean agentReportedError = conversation.events().stream().anyMatch(e -> e.isBlameable() && e.isError());
            (agentReportedError ? otherFailures : ambiguous).offer(conversation, !agentReportedError);
        }
    }

    /** The failed tasks kept, ambiguous ones first. */
    public List<TaskSample> failures() {
        List<TaskSample> all = new ArrayList<>(ambiguous.kept);
        all.addAll(otherFailures.kept);
        return all;
    }

    public List<TaskSample> successes() {
        return List.copyOf(successes.kept);
    }

    static TaskSample compact(Conversation conversation, boolean ambiguous) {
        List<ConversationEvent> events = conversation.events();
        List<TaskSample.Step> kept = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (i < HEAD_EVENTS || i >= events.size() - TAIL_EVENTS) {
                kept.add(new TaskSample.Step(i, shorten(events.get(i))));
            }
        }
        return new TaskSample(conversation.taskId(), conversation.outcome(), kept, events.size(), ambiguous);
    }

    private static ConversationEvent shorten(ConversationEvent event) {
        String message = event.message().length() <= MAX_MESSAGE ? event.message()
                : event.message().substring(0, MAX_MESSAGE - 1) + "…";
        Object error = event.error().map(e -> (Object) (e.length() <= MAX_MESSAGE ? e : e.substring(0, MAX_MESSAGE)))
                .orElse(null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (error != null) {
            metadata.put("error", error);
        }
        event.tool().ifPresent(tool -> metadata.put("tool", tool));
        event.metadataString("outcome").ifPresent(o -> metadata.put("outcome", o));
        return new ConversationEvent(event.timestamp(), event.teamName(), event.taskId(), event.agentName(), message,
                event.type(), event.toAgent(), metadata);
    }

    private static final class Reservoir {
        private final int capacity;
        private final Random random;
        private final List<TaskSample> kept = new ArrayList<>();
        private long seen;

        Reservoir(int capacity, Random random) {
            this.capacity = capacity;
            this.random = random;
        }

        void offer(Conversation conversation, boolean ambiguous) {
            seen++;
            if (kept.size() < capacity) {
                kept.add(compact(conversation, ambiguous));
                return;
            }
            long slot = (long) (random.nextDouble() * seen);
            if (slot < capacity) {
                kept.set((int) slot, compact(conversation, ambiguous));
            }
        }
    }
}
