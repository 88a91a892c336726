package dev.kaizen4j.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One logged event of a team conversation: one line of a JSON Lines log.
 *
 * @param timestamp when it happened (UTC when the log gave no offset)
 * @param teamName the team, from {@code team_name}
 * @param taskId the task the event belongs to, from {@code task_id}
 * @param agentName who spoke: an agent, {@code system}, {@code user}, {@code human} or a tool
 * @param message the text
 * @param type the event type; unknown types are {@link MessageType#UPDATE}
 * @param toAgent the addressee, if any
 * @param metadata the {@code metadata} object, values as JSON-compatible Java objects
 */
public record ConversationEvent(
        Instant timestamp,
        String teamName,
        String taskId,
        String agentName,
        String message,
        MessageType type,
        @Nullable String toAgent,
        Map<String, Object> metadata) {

    /** Speakers that are never blamed for a failure. */
    public static final Set<String> NON_AGENT_SPEAKERS = Set.of("system", "user", "human");

    public ConversationEvent {
        requireNonNull(timestamp, "timestamp");
        requireNonNull(teamName, "teamName");
        requireNonNull(taskId, "taskId");
        requireNonNull(agentName, "agentName");
        requireNonNull(message, "message");
        requireNonNull(type, "type");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata"));
    }

    /** Whether the speaker is {@code system}, {@code user} or {@code human}. */
    public boolean isFromNonAgent() {
        int length = agentName.length();
        // "user", "human", "system": other lengths need no lower-casing.
        return length >= 4 && length <= 6 && NON_AGENT_SPEAKERS.contains(agentName.toLowerCase(Locale.ROOT));
    }

    /** Whether this event may carry blame for a failure: an agent speaking, not a tool result. */
    public boolean isBlameable() {
        return !isFromNonAgent() && type != MessageType.TOOL_RESULT;
    }

    /**
     * The outcome this event declares for its task: from {@code task_completion} /
     * {@code task_failed} events or from {@code metadata.outcome}.
     */
    public Optional<TaskOutcome> declaredOutcome() {
        // Called several times per event while reading and analyzing: no Optional unless declared.
        Object value = metadata.isEmpty() ? null : metadata.get("outcome");
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            Optional<TaskOutcome> fromMetadata = TaskOutcome.parse(value.toString());
            if (fromMetadata.isPresent()) {
                if (type == MessageType.TASK_COMPLETION || type == MessageType.TASK_FAILED || isFromNonAgent()) {
                    return fromMetadata;
                }
                return Optional.empty();
            }
        }
        if (type == MessageType.TASK_COMPLETION) {
            return TaskOutcome.SUCCESS.asOptional();
        }
        if (type == MessageType.TASK_FAILED) {
            return TaskOutcome.FAILURE.asOptional();
        }
        return Optional.empty();
    }

    /** Whether the event reports an error: an {@code error} event or a {@code metadata.error}. */
    public boolean isError() {
        return type == MessageType.ERROR || metadata.get("error") != null;
    }

    /** {@code metadata.error}, if present. */
    public Optional<String> error() {
        return metadataString("error");
    }

    /** {@code metadata.tool}, if present. */
    public Optional<String> tool() {
        return metadataString("tool");
    }

    /** {@code metadata.duration_seconds}, if present and numeric. */
    public OptionalDouble durationSeconds() {
        return metadataNumber("duration_seconds");
    }

    /** {@code metadata.tokens}, if present and numeric. */
    public OptionalLong tokens() {
        OptionalDouble tokens = metadataNumber("tokens");
        return tokens.isPresent() ? OptionalLong.of((long) tokens.getAsDouble()) : OptionalLong.empty();
    }

    /** {@code metadata.score}, if present and numeric. */
    public OptionalDouble score() {
        return metadataNumber("score");
    }

    /** A metadata value as text; numbers and booleans are converted, objects are not. */
    public Optional<String> metadataString(String key) {
        Object value = metadata.get(key);
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }

    /** A metadata value as a number; numeric strings are accepted. */
    public OptionalDouble metadataNumber(String key) {
        Object value = metadata.get(key);
        if (value instanceof Number number) {
            return OptionalDouble.of(number.doubleValue());
        }
        if (value instanceof String text) {
            try {
                return OptionalDouble.of(Double.parseDouble(text.trim()));
            } catch (NumberFormatException notANumber) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
