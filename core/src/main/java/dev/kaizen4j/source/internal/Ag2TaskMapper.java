package dev.kaizen4j.source.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns one AG2 / AutoGen chat history (a list of {@code {content, role, name}} messages) into a task. */
public final class Ag2TaskMapper {

    /** {@code "Orchestrator (-> WebSurfer)"}, {@code "Orchestrator (thought)"}: the name and the parenthetical. */
    private static final Pattern SUFFIXED = Pattern.compile("^(.*?)\\s*\\(([^()]*)\\)\\s*$");
    private static final Pattern CODE_EXECUTOR = Pattern.compile(
            "(?i).*(executor|terminal|code_?interpreter|code_?runner).*");
    private static final Pattern EXECUTION_FAILED = Pattern.compile(
            "(?is).*(exitcode:\\s*[1-9]|execution failed|traceback \\(most recent call last\\)).*");
    private static final List<String> MESSAGE_FIELDS = List.of("messages", "chat_history", "history");

    private Ag2TaskMapper() {}

    /** Whether {@code node} is a task object holding a chat history, rather than a message. */
    public static boolean isTask(JsonNode node) {
        return node.isObject() && messages(node) != null;
    }

    private static @Nullable JsonNode messages(JsonNode task) {
        for (String field : MESSAGE_FIELDS) {
            JsonNode messages = task.get(field);
            if (messages != null && messages.isArray()) {
                return messages;
            }
        }
        return null;
    }

    /**
     * The task held by {@code task} (an object with {@code messages}, {@code chat_history} or {@code history}),
     * or null when it holds no usable message.
     *
     * @param defaultTaskId the id when the task has no {@code task_id} or {@code id}
     * @param outcomeField the top-level field giving the outcome
     * @param base the time of the first message when messages carry none
     * @param problems receives what was wrong with single messages
     */
    public static @Nullable Conversation task(JsonNode task, String team, String defaultTaskId, String outcomeField,
            Instant base, Consumer<String> problems) {
        JsonNode messages = messages(task);
        if (messages == null) {
            problems.accept("no 'messages', 'chat_history' or 'history' array: not an AG2 chat history");
            return null;
        }
        String taskId = text(task, "task_id", "id");
        Instant start = timestamp(text(task, "timestamp", "created_at", "start_time"));
        return messages(messages, team, taskId == null ? defaultTaskId : taskId, task.get(outcomeField),
                start == null ? base : start, problems);
    }

    /** The task of a bare list of messages. */
    public static @Nullable Conversation messages(JsonNode messages, String team, String taskId,
            @Nullable JsonNode outcome, Instant base, Consumer<String> problems) {
        List<ConversationEvent> events = new ArrayList<>();
        Map<String, String[]> calls = new HashMap<>();
        Instant time = base;
        int index = 0;
        for (JsonNode message : messages) {
            index++;
            if (!message.isObject()) {
                problems.accept("message " + index + " is not a JSON object: skipped");
                continue;
            }
            Instant own = timestamp(text(message, "timestamp", "created_at"));
            time = own != null ? own : events.isEmpty() ? time : time.plusSeconds(1);
            String name = text(message, "name");
            String role = text(message, "role");
            String speaker = name != null ? name : role;
            if (speaker == null) {
                problems.accept("message " + index + " has neither 'name' nor 'role': skipped");
                continue;
            }
            String toAgent = null;
            String aside = null;
            Matcher suffixed = SUFFIXED.matcher(speaker);
            if (suffixed.matches() && !suffixed.group(1).isBlank()) {
                speaker = suffixed.group(1).trim();
                aside = suffixed.group(2).trim();
                if (aside.startsWith("->") || aside.startsWith("\u2192")) {
                    toAgent = aside.replaceFirst("^(->|\u2192)\\s*", "").trim();
                }
            }
            String content = content(message.get("content"));
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (aside != null && toAgent == null) {
                metadata.put("aside", aside);
            }
            JsonNode toolCalls = message.get("tool_calls");
            JsonNode toolResponses = message.get("tool_responses");
            boolean toolRole = "tool".equals(role) || "function".equals(role);
            if (toolResponses != null && toolResponses.isArray() && !toolResponses.isEmpty()) {
                for (JsonNode response : toolResponses) {
                    String callId = text(response, "tool_call_id");
                    String[] call = callId == null ? null : calls.get(callId);
                    String tool = call != null ? call[0] : speaker;
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("tool", tool);
                    if (callId != null) {
                        data.put("tool_call_id", callId);
                    }
                    String result = content(response.get("content"));
                    putError(data, result);
                    events.add(event(time, team, taskId, tool, result, MessageType.TOOL_RESULT,
                            call != null ? call[1] : null, data));
                }
                continue;
            }
            if (toolRole) {
                String callId = text(message, "tool_call_id");
                String[] call = callId == null ? null : calls.get(callId);
                String tool = call != null ? call[0] : name != null ? name : "tool";
                metadata.put("tool", tool);
                putError(metadata, content);
                events.add(event(time, team, taskId, tool, content, MessageType.TOOL_RESULT,
                        call != null ? call[1] : null, metadata));
                continue;
            }
            if (CODE_EXECUTOR.matcher(speaker).matches()) {
                metadata.put("tool", "code_execution");
                putError(metadata, content);
                events.add(event(time, team, taskId, speaker, content, MessageType.TOOL_RESULT, toAgent, metadata));
                continue;
            }
            if (!content.isBlank() || toolCalls == null || !toolCalls.isArray() || toolCalls.isEmpty()) {
                MessageType type = events.isEmpty() ? MessageType.TASK_ASSIGNMENT
                        : toAgent != null ? MessageType.DELEGATION : MessageType.UPDATE;
                events.add(event(time, team, taskId, speaker, content, type, toAgent, metadata));
            }
            if (toolCalls != null && toolCalls.isArray()) {
                for (JsonNode call : toolCalls) {
                    JsonNode function = call.has("function") ? call.get("function") : call;
                    String tool = text(function, "name");
                    if (tool == null) {
                        problems.accept("message " + index + " has a tool call without a name: skipped");
                        continue;
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("tool", tool);
                    String callId = text(call, "id");
                    if (callId != null) {
                        data.put("tool_call_id", callId);
                        calls.put(callId, new String[] {tool, speaker});
                    }
                    String arguments = content(function.get("arguments"));
                    events.add(event(time, team, taskId, speaker, arguments.isBlank() ? "Call " + tool : arguments,
                            MessageType.TOOL_CALL, null, data));
                }
            }
        }
        if (events.isEmpty()) {
            problems.accept("task " + taskId + " holds no usable message: skipped");
            return null;
        }
        Optional<TaskOutcome> declared = outcome(outcome);
        if (declared.isPresent()) {
            TaskOutcome value = declared.get();
            Map<String, Object> data = Map.of("outcome", value.name().toLowerCase(java.util.Locale.ROOT));
            events.add(event(time.plusSeconds(1), team, taskId, "system", "Task outcome: " + data.get("outcome"),
                    value == TaskOutcome.SUCCESS ? MessageType.TASK_COMPLETION : MessageType.TASK_FAILED, null, data));
        }
        return Conversation.of(team, taskId, events);
    }

    private static void putError(Map<String, Object> metadata, String result) {
        if (EXECUTION_FAILED.matcher(result).matches()) {
            String firstLine = result.strip().lines().findFirst().orElse("execution failed");
            metadata.put("error", firstLine.length() > 200 ? firstLine.substring(0, 200) : firstLine);
        }
    }

    private static Optional<TaskOutcome> outcome(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue() ? TaskOutcome.SUCCESS : TaskOutcome.FAILURE);
        }
        if (value.isValueNode()) {
            return TaskOutcome.parse(value.asText()).filter(outcome -> outcome != TaskOutcome.UNKNOWN);
        }
        return Optional.empty();
    }

    private static ConversationEvent event(Instant time, String team, String taskId, String speaker, String message,
            MessageType type, @Nullable String toAgent, Map<String, Object> metadata) {
        return new ConversationEvent(time, team, taskId, speaker, message, type,
                toAgent == null || toAgent.isBlank() ? null : toAgent, metadata);
    }

    /** A message's content: text, or the text parts of a list of parts; other JSON as written. */
    private static String content(@Nullable JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                String piece = part.isTextual() ? part.asText()
                        : part.hasNonNull("text") ? part.get("text").asText()
                        : part.hasNonNull("content") ? content(part.get("content")) : "";
                if (!piece.isBlank()) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(piece);
                }
            }
            return text.toString();
        }
        return content.isValueNode() ? content.asText() : content.toString();
    }

    private static @Nullable String text(@Nullable JsonNode node, String... fields) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static @Nullable Instant timestamp(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                return java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException unparsable) {
                return null;
            }
        }
    }
}
