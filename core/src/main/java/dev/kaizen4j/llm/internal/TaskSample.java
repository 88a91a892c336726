package dev.kaizen4j.llm.internal;

import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.TaskOutcome;
import java.util.List;
import java.util.Optional;

/**
 * A task kept while the logs stream past, with its events cut to a bounded size.
 *
 * @param taskId the task
 * @param outcome how it ended
 * @param events the kept events with their original step numbers
 * @param totalEvents how many events the task had
 * @param ambiguous whether no agent reported an error in this failed task, so its attribution is a guess
 */
public record TaskSample(String taskId, TaskOutcome outcome, List<Step> events, int totalEvents, boolean ambiguous) {

    public TaskSample {
        events = List.copyOf(events);
    }

    /** The kept event at {@code step}, if it was kept. */
    public Optional<Step> step(int step) {
        return events.stream().filter(e -> e.step() == step).findFirst();
    }

    /** Whether {@code agent} wrote one of the kept events. */
    public boolean involves(String agent) {
        return events.stream().anyMatch(e -> e.event().agentName().equals(agent));
    }

    /**
     * One kept event.
     *
     * @param step its 0-based index in the task
     * @param event the event, its message cut to {@link TaskSampler#MAX_MESSAGE} characters
     */
    public record Step(int step, ConversationEvent event) {}
}
