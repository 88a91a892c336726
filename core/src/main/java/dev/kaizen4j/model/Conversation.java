package dev.kaizen4j.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One task of a team: its events in log order and how it ended.
 *
 * @param teamName the team
 * @param taskId the task id
 * @param events the task's events in log order; a step is an index into this list
 * @param outcome the last outcome the events declared, or {@link TaskOutcome#UNKNOWN}
 */
public record Conversation(String teamName, String taskId, List<ConversationEvent> events, TaskOutcome outcome) {

    public Conversation {
        requireNonNull(teamName, "teamName");
        requireNonNull(taskId, "taskId");
        events = List.copyOf(requireNonNull(events, "events"));
        requireNonNull(outcome, "outcome");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a conversation needs at least one event: " + taskId);
        }
    }

    /** Builds a conversation whose outcome is the last one its events declare. */
    public static Conversation of(String teamName, String taskId, List<ConversationEvent> events) {
        TaskOutcome outcome = TaskOutcome.UNKNOWN;
        for (ConversationEvent event : events) {
            Optional<TaskOutcome> declared = event.declaredOutcome();
            if (declared.isPresent()) {
                outcome = declared.get();
            }
        }
        return new Conversation(teamName, taskId, events, outcome);
    }

    public Instant start() {
        return events.get(0).timestamp();
    }

    public Instant end() {
        return events.get(events.size() - 1).timestamp();
    }

    /**
     * How long the task took: the last {@code metadata.duration_seconds} logged on an outcome
     * event, else the time from its first to its last event.
     */
    public double durationSeconds() {
        for (int i = events.size() - 1; i >= 0; i--) {
            ConversationEvent event = events.get(i);
            OptionalDouble logged = event.durationSeconds();
            if (logged.isPresent() && event.declaredOutcome().isPresent()) {
                return logged.getAsDouble();
            }
        }
        return Duration.between(start(), end()).toMillis() / 1000.0;
    }

    /** The agents that spoke in the task, in order of first appearance, without non-agents and tools. */
    public Set<String> agents() {
        Set<String> agents = new LinkedHashSet<>();
        for (ConversationEvent event : events) {
            if (event.isBlameable()) {
                agents.add(event.agentName());
            }
        }
        return agents;
    }

    /** The first event's {@code metadata.<key>} found in the task, if any. */
    public Optional<String> metadataString(String key) {
        for (ConversationEvent event : events) {
            Optional<String> value = event.metadataString(key);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
