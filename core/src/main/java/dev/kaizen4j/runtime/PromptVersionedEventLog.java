package dev.kaizen4j.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.ConversationEvent;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a team's conversation events to a JSON Lines file in the format Kaizen4j reads, each with
 * {@code metadata.prompt_version} (and {@code metadata.variant} when a rollout served a variant): the
 * version of the speaking agent's prompts that produced it. Speakers the team spec does not describe
 * ({@code system}, {@code user}, tools) get no version.
 *
 * <pre>{@code
 * try (PromptVersionedEventLog events = PromptVersionedEventLog.open(Path.of("logs/team.jsonl"), "marketing-team", prompts)) {
 *     events.log("TASK-7", "content_creator", "proposal", draft, "manager", Map.of());
 * }
 * }</pre>
 *
 * <p>A host with its own logger adds {@link #metadata(TeamPrompts, String, String)} to each event
 * instead. Writing never throws into the agent loop: a failed write is logged. Thread-safe.
 */
public final class PromptVersionedEventLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PromptVersionedEventLog.class);

    private final Path file;
    private final String team;
    private final TeamPrompts prompts;
    private final Clock clock;
    private final Writer out;

    private PromptVersionedEventLog(Path file, String team, TeamPrompts prompts, Clock clock) throws IOException {
        this.file = file;
        this.team = team;
        this.prompts = prompts;
        this.clock = clock;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * Opens {@code file} for appending, creating it and its folder when needed.
     *
     * @throws KaizenException ({@code RETRIABLE}) if the file cannot be opened
     */
    public static PromptVersionedEventLog open(Path file, String team, TeamPrompts prompts, Clock clock) {
        requireNonNull(file, "file");
        requireNonNull(team, "team");
        requireNonNull(prompts, "prompts");
        requireNonNull(clock, "clock");
        try {
            return new PromptVersionedEventLog(file, team, prompts, clock);
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot open event log " + file + ": " + failure.getMessage(), failure);
        }
    }

    /** {@link #open(Path, String, TeamPrompts, Clock)} with the system UTC clock. */
    public static PromptVersionedEventLog open(Path file, String team, TeamPrompts prompts) {
        return open(file, team, prompts, Clock.systemUTC());
    }

    /**
     * The metadata that says which prompts produced an event of {@code agent} in task {@code taskId}:
     * {@code prompt_version}, and {@code variant} (with {@code experiment}, for a rollout) when one was
     * served; empty for a speaker the team
     * spec does not describe.
     */
    public static Map<String, Object> metadata(TeamPrompts prompts, String agent, String taskId) {
        requireNonNull(prompts, "prompts");
        requireNonNull(agent, "agent");
        requireNonNull(taskId, "taskId");
        if (ConversationEvent.NON_AGENT_SPEAKERS.contains(agent) || prompts.team().agent(agent).isEmpty()) {
            return Map.of();
        }
        AgentPrompts served = prompts.agent(agent, taskId);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("prompt_version", served.version());
        if (served.variant() != null) {
            metadata.put("variant", served.variant());
        }
        if (served.experiment() != null) {
            metadata.put("experiment", served.experiment());
        }
        return metadata;
    }

    /**
     * Appends one event.
     *
     * @param messageType for example {@code proposal}, {@code tool_call}, {@code task_completion}
     * @param toAgent the addressee, or null
     * @param metadata more metadata ({@code outcome}, {@code tool}, {@code error}, ...); its own
     *     {@code prompt_version} would be replaced
     */
    public void log(String taskId, String agent, String messageType, String message, @Nullable String toAgent,
            Map<String, ?> metadata) {
        requireNonNull(taskId, "taskId");
        requireNonNull(agent, "agent");
        requireNonNull(messageType, "messageType");
        requireNonNull(message, "message");
        requireNonNull(metadata, "metadata");
        ObjectNode event = Json.plain().createObjectNode();
        event.put("timestamp", clock.instant().toString());
        event.put("team_name", team);
        event.put("task_id", taskId);
        event.put("agent_name", agent);
        event.put("message", message);
        event.put("message_type", messageType);
        if (toAgent != null) {
            event.put("to_agent", toAgent);
        }
        Map<String, Object> all = new LinkedHashMap<>(metadata);
        all.putAll(metadata(prompts, agent, taskId));
        event.set("metadata", Json.plain().valueToTree(all));
        try {
            String line = Json.plain().writeValueAsString(event);
            synchronized (out) {
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (JsonProcessingException unserializable) {
            log.warn("Event of {} in {} not logged: metadata is not JSON: {}", agent, taskId,
                    unserializable.getOriginalMessage());
        } catch (IOException failure) {
            log.warn("Event of {} in {} not logged to {}: {}", agent, taskId, file, failure.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (out) {
            try {
                out.close();
            } catch (IOException failure) {
                log.warn("Closing event log {} failed: {}", file, failure.getMessage());
            }
        }
    }
}
