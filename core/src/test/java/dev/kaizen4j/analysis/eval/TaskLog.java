package dev.kaizen4j.analysis.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** One generated task being written: its events as JSON-ready maps, and the label once known. */
final class TaskLog {

    private final String team;
    private final String taskId;
    private final Random random;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private Instant clock;
    private @Nullable String blamedAgent;
    private int blamedStep = -1;
    private String mode = "";

    TaskLog(String team, String taskId, Instant start, Random random) {
        this.team = team;
        this.taskId = taskId;
        this.clock = start;
        this.random = random;
    }

    /** Appends an event and returns its step (0-based index within the task). */
    int say(String agent, String type, String message) {
        return say(agent, type, message, null, Map.of());
    }

    int say(String agent, String type, String message, @Nullable String to) {
        return say(agent, type, message, to, Map.of());
    }

    int say(String agent, String type, String message, @Nullable String to, Map<String, Object> metadata) {
        clock = clock.plusSeconds(2 + random.nextInt(40));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", clock.toString().replace("Z", ""));
        event.put("team_name", team);
        event.put("task_id", taskId);
        event.put("agent_name", agent);
        event.put("message", message);
        event.put("message_type", type);
        if (to != null) {
            event.put("to_agent", to);
        }
        if (!metadata.isEmpty()) {
            event.put("metadata", new LinkedHashMap<>(metadata));
        }
        events.add(event);
        return events.size() - 1;
    }

    /** Marks the decisive mistake: the agent (without annotations) and the step just written or given. */
    void blame(String agent, int step, String mode) {
        this.blamedAgent = agent;
        this.blamedStep = step;
        this.mode = mode;
    }

    int size() {
        return events.size();
    }

    String taskId() {
        return taskId;
    }

    List<Map<String, Object>> events() {
        return events;
    }

    Label label() {
        if (blamedAgent == null) {
            throw new IllegalStateException("no mistake injected in " + taskId);
        }
        return new Label(taskId, blamedAgent, blamedStep, mode);
    }

    /** The injected decisive mistake of one task. */
    record Label(String taskId, String agent, int step, String mode) {}
}
