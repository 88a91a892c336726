package dev.kaizen4j.source.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the spans of one trace into a task, following the OpenTelemetry GenAI semantic conventions
 * (current and older attribute names) and, as a second dialect, OpenInference's span kinds.
 */
public final class OtlpTraceMapper {

    /** The agent named when no span of the trace names one. */
    public static final String UNNAMED_AGENT = "assistant";

    private enum Kind { AGENT, CHAT, TOOL, OTHER }

    private OtlpTraceMapper() {}

    /**
     * The trace's task, or null when no span of it follows the GenAI or OpenInference conventions.
     *
     * @param spans the spans of one trace, in any order
     * @param team the team to use instead of the resource's {@code service.name}, if any
     */
    public static @Nullable Conversation map(List<OtlpSpan> spans, @Nullable String team) {
        Map<String, OtlpSpan> byId = new HashMap<>();
        for (OtlpSpan span : spans) {
            byId.put(span.spanId(), span);
        }
        List<OtlpSpan> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparing(OtlpSpan::start).thenComparingInt(span -> depth(span, byId))
                .thenComparing(OtlpSpan::spanId));
        OtlpSpan root = null;
        for (OtlpSpan span : ordered) {
            if (span.parentSpanId() == null || !byId.containsKey(span.parentSpanId())) {
                if (root == null || span.start().isBefore(root.start())) {
                    root = span;
                }
            }
        }
        String teamName = team != null ? team : firstService(ordered);
        String taskId = conversationId(ordered);
        if (taskId == null) {
            taskId = ordered.get(0).traceId();
        }
        List<Timed> events = new ArrayList<>();
        Map<String, Long> chatTokens = new HashMap<>();
        int order = 0;
        for (OtlpSpan span : ordered) {
            Kind kind = kind(span);
            if (kind == Kind.OTHER) {
                continue;
            }
            String agent = agent(span, byId, kind == Kind.AGENT);
            Map<String, Object> common = new LinkedHashMap<>();
            common.put("span_id", span.spanId());
            common.put("trace_id", span.traceId());
            String provider = span.text("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system");
            if (provider != null) {
                common.put("provider", provider);
            }
            String model = span.text("gen_ai.response.model", "gen_ai.request.model", "llm.model_name");
            if (model != null) {
                common.put("model", model);
            }
            String error = error(span);
            double seconds = Duration.between(span.start(), span.end()).toNanos() / 1e9;
            switch (kind) {
                case AGENT -> {
                    String caller = callerAgent(span, byId);
                    Map<String, Object> start = new LinkedHashMap<>(common);
                    String instructions = systemInstructions(span);
                    if (instructions != null) {
                        start.put("system_instructions", instructions);
                    }
                    String input = inputText(span);
                    events.add(new Timed(span.start(), order++, caller == null ? "user" : caller,
                            input == null ? "Invoke " + agent : input,
                            caller == null ? MessageType.TASK_ASSIGNMENT : MessageType.DELEGATION, agent, start,
                            span));
                    Map<String, Object> end = new LinkedHashMap<>(common);
                    end.put("duration_seconds", seconds);
                    Long tokens = tokens(span);
                    if (tokens != null) {
                        end.put("tokens", tokens);
                    }
                    if (error != null) {
                        end.put("error", error);
                    }
                    String output = outputText(span);
                    events.add(new Timed(span.end(), order++, agent,
                            output != null ? output : error != null ? error : agent + " finished",
                            error != null ? MessageType.ERROR : caller == null ? MessageType.ANSWER : MessageType.UPDATE,
                            caller, end, span));
                }
                case CHAT -> {
                    Long tokens = tokens(span);
                    String output = outputText(span);
                    String enclosing = enclosingAgentSpan(span, byId);
                    if (output == null && error == null && enclosing != null) {
                        if (tokens != null) {
                            chatTokens.merge(enclosing, tokens, Long::sum);
                        }
                        continue;
                    }
                    Map<String, Object> data = new LinkedHashMap<>(common);
                    data.put("duration_seconds", seconds);
                    if (tokens != null) {
                        data.put("tokens", tokens);
                    }
                    if (error != null) {
                        data.put("error", error);
                    }
                    events.add(new Timed(span.end(), order++, agent,
                            output != null ? output : error != null ? error : "",
                            error != null ? MessageType.ERROR : MessageType.UPDATE, null, data, span));
                }
                case TOOL -> {
                    String tool = span.text("gen_ai.tool.name", "tool.name");
                    if (tool == null) {
                        tool = span.name().startsWith("execute_tool ") ? span.name().substring(13).trim() : span.name();
                    }
                    Map<String, Object> call = new LinkedHashMap<>(common);
                    call.put("tool", tool);
                    String callId = span.text("gen_ai.tool.call.id", "tool_call.id");
                    if (callId != null) {
                        call.put("tool_call_id", callId);
                    }
                    String arguments = span.text("gen_ai.tool.call.arguments", "tool.parameters", "input.value");
                    events.add(new Timed(span.start(), order++, agent,
                            arguments == null ? "Call " + tool : arguments, MessageType.TOOL_CALL, null, call, span));
                    Map<String, Object> result = new LinkedHashMap<>(call);
                    result.put("duration_seconds", seconds);
                    if (error != null) {
                        result.put("error", error);
                    }
                    String output = span.text("gen_ai.tool.call.result", "output.value");
                    events.add(new Timed(span.end(), order++, tool,
                            output != null ? output : error != null ? error : "", MessageType.TOOL_RESULT, agent,
                            result, span));
                }
                default -> throw new IllegalStateException(kind.name());
            }
        }
        if (events.isEmpty()) {
            return null;
        }
        if (!chatTokens.isEmpty()) {
            for (int i = 0; i < events.size(); i++) {
                Timed event = events.get(i);
                Long tokens = chatTokens.get(event.span().spanId());
                if (tokens != null && event.span().end().equals(event.time()) && kind(event.span()) == Kind.AGENT
                        && !event.metadata().containsKey("tokens")) {
                    event.metadata().put("tokens", tokens);
                }
            }
        }
        if (root != null) {
            String error = error(root);
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("outcome", error != null ? "failure" : "success");
            outcome.put("duration_seconds", Duration.between(root.start(), root.end()).toNanos() / 1e9);
            if (error != null) {
                outcome.put("error", error);
            }
            events.add(new Timed(root.end(), order, "system",
                    error != null ? "Trace ended with an error: " + error : "Trace ended without error",
                    error != null ? MessageType.TASK_FAILED : MessageType.TASK_COMPLETION, null, outcome, root));
        }
        events.sort(Comparator.comparing(Timed::time).thenComparingInt(Timed::order));
        List<ConversationEvent> result = new ArrayList<>(events.size());
        for (Timed event : events) {
            result.add(new ConversationEvent(event.time(), teamName, taskId, event.speaker(), event.message(),
                    event.type(), event.toAgent(), event.metadata()));
        }
        return Conversation.of(teamName, taskId, result);
    }

    private record Timed(java.time.Instant time, int order, String speaker, String message, MessageType type,
            @Nullable String toAgent, Map<String, Object> metadata, OtlpSpan span) {}

    private static Kind kind(OtlpSpan span) {
        String operation = span.text("gen_ai.operation.name");
        if (operation == null) {
            String name = span.name();
            int space = name.indexOf(' ');
            operation = space > 0 ? name.substring(0, space) : name;
        }
        switch (operation.toLowerCase(Locale.ROOT)) {
            case "invoke_agent", "create_agent", "invoke_workflow" -> {
                return operation.equalsIgnoreCase("create_agent") ? Kind.OTHER : Kind.AGENT;
            }
            case "chat", "text_completion", "generate_content" -> {
                return Kind.CHAT;
            }
            case "execute_tool" -> {
                return Kind.TOOL;
            }
            default -> {
                // not a GenAI operation name: try OpenInference below
            }
        }
        String openInference = span.text("openinference.span.kind");
        if (openInference != null) {
            return switch (openInference.toUpperCase(Locale.ROOT)) {
                case "AGENT" -> Kind.AGENT;
                case "LLM" -> Kind.CHAT;
                case "TOOL" -> Kind.TOOL;
                default -> Kind.OTHER;
            };
        }
        return Kind.OTHER;
    }

    private static int depth(OtlpSpan span, Map<String, OtlpSpan> byId) {
        int depth = 0;
        OtlpSpan current = span;
        while (current.parentSpanId() != null && depth < 512) {
            current = byId.get(current.parentSpanId());
            if (current == null) {
                break;
            }
            depth++;
        }
        return depth;
    }

    private static @Nullable String agentName(OtlpSpan span) {
        return span.text("gen_ai.agent.name", "agent.name");
    }

    /** The span's agent: its own {@code gen_ai.agent.name}, else the nearest agent ancestor's. */
    private static String agent(OtlpSpan span, Map<String, OtlpSpan> byId, boolean agentSpan) {
        String own = agentName(span);
        if (own != null) {
            return own;
        }
        if (agentSpan) {
            String name = span.name();
            if (name.startsWith("invoke_agent ") && name.length() > 13) {
                return name.substring(13).trim();
            }
        }
        OtlpSpan current = span;
        for (int guard = 0; guard < 512 && current.parentSpanId() != null; guard++) {
            current = byId.get(current.parentSpanId());
            if (current == null) {
                break;
            }
            String name = agentName(current);
            if (name != null) {
                return name;
            }
            if (kind(current) == Kind.AGENT && current.name().startsWith("invoke_agent ")) {
                return current.name().substring(13).trim();
            }
        }
        return UNNAMED_AGENT;
    }

    /** The agent of the nearest agent span above {@code span}, or null when a user or the host invoked it. */
    private static @Nullable String callerAgent(OtlpSpan span, Map<String, OtlpSpan> byId) {
        OtlpSpan current = span;
        for (int guard = 0; guard < 512 && current.parentSpanId() != null; guard++) {
            current = byId.get(current.parentSpanId());
            if (current == null) {
                return null;
            }
            if (kind(current) == Kind.AGENT) {
                return agent(current, byId, true);
            }
        }
        return null;
    }

    private static @Nullable String enclosingAgentSpan(OtlpSpan span, Map<String, OtlpSpan> byId) {
        OtlpSpan current = span;
        for (int guard = 0; guard < 512 && current.parentSpanId() != null; guard++) {
            current = byId.get(current.parentSpanId());
            if (current == null) {
                return null;
            }
            if (kind(current) == Kind.AGENT) {
                return current.spanId();
            }
        }
        return null;
    }

    private static @Nullable String firstService(List<OtlpSpan> spans) {
        for (OtlpSpan span : spans) {
            if (span.service() != null) {
                return span.service();
            }
        }
        return "unknown_service";
    }

    private static @Nullable String conversationId(List<OtlpSpan> spans) {
        for (OtlpSpan span : spans) {
            String id = span.text("gen_ai.conversation.id", "session.id");
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    /** The failure of a span: status ERROR (with its message) or an {@code error.type}; null otherwise. */
    static @Nullable String error(OtlpSpan span) {
        String type = span.text("error.type");
        if (!span.failed() && type == null) {
            return null;
        }
        if (span.statusMessage() != null && !span.statusMessage().isBlank()) {
            return span.statusMessage();
        }
        String exception = null;
        for (OtlpSpan.Event event : span.events()) {
            if ("exception".equals(event.name())) {
                Object message = event.attributes().get("exception.message");
                Object kind = event.attributes().get("exception.type");
                exception = message != null ? (kind != null ? kind + ": " + message : message.toString())
                        : kind != null ? kind.toString() : null;
            }
        }
        return exception != null ? exception : type != null ? type : "error";
    }

    private static @Nullable Long tokens(OtlpSpan span) {
        Long input = span.number("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt");
        Long output = span.number("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens",
                "llm.token_count.completion");
        if (input == null && output == null) {
            return span.number("llm.token_count.total");
        }
        return (input == null ? 0 : input) + (output == null ? 0 : output);
    }

    private static @Nullable String systemInstructions(OtlpSpan span) {
        String instructions = span.text("gen_ai.system_instructions");
        if (instructions != null) {
            String text = partsText(parse(instructions));
            return text != null ? text : instructions;
        }
        String messages = span.text("gen_ai.input.messages");
        if (messages != null) {
            return messagesText(parse(messages), "system", false);
        }
        return eventText(span, "gen_ai.system.message");
    }

    /** The input of a span: the last user message, from current attributes, older events or OpenInference. */
    private static @Nullable String inputText(OtlpSpan span) {
        String messages = span.text("gen_ai.input.messages");
        if (messages != null) {
            JsonNode parsed = parse(messages);
            String text = messagesText(parsed, "user", true);
            return text != null ? text : parsed == null ? messages : null;
        }
        String event = eventText(span, "gen_ai.user.message", "gen_ai.content.prompt");
        if (event != null) {
            return event;
        }
        return span.text("input.value", "gen_ai.prompt");
    }

    /** The output of a span: the assistant's text, from current attributes, older events or OpenInference. */
    private static @Nullable String outputText(OtlpSpan span) {
        String messages = span.text("gen_ai.output.messages");
        if (messages != null) {
            JsonNode parsed = parse(messages);
            String text = messagesText(parsed, null, false);
            return text != null ? text : parsed == null ? messages : null;
        }
        String event = eventText(span, "gen_ai.choice", "gen_ai.assistant.message", "gen_ai.content.completion");
        if (event != null) {
            return event;
        }
        return span.text("output.value", "gen_ai.completion");
    }

    /** The content of the last of the named (older convention) events. */
    private static @Nullable String eventText(OtlpSpan span, String... names) {
        String found = null;
        for (OtlpSpan.Event event : span.events()) {
            for (String name : names) {
                if (name.equals(event.name())) {
                    String text = eventContent(event.attributes());
                    if (text != null) {
                        found = text;
                    }
                }
            }
        }
        return found;
    }

    private static @Nullable String eventContent(Map<String, Object> attributes) {
        for (String key : new String[] {"content", "gen_ai.event.content", "message", "gen_ai.prompt",
                "gen_ai.completion"}) {
            Object value = attributes.get(key);
            if (value instanceof Map<?, ?> map && map.get("content") != null) {
                return map.get("content").toString();
            }
            if (value instanceof String text && !text.isBlank()) {
                JsonNode parsed = text.startsWith("{") || text.startsWith("[") ? parse(text) : null;
                if (parsed != null) {
                    JsonNode content = parsed.isObject() ? parsed.get("content") : null;
                    if (content == null && parsed.isObject() && parsed.get("message") != null) {
                        content = parsed.get("message").get("content");
                    }
                    if (content != null && content.isTextual()) {
                        return content.asText();
                    }
                    String fromMessages = messagesText(parsed, null, true);
                    if (fromMessages != null) {
                        return fromMessages;
                    }
                }
                return text;
            }
        }
        return null;
    }

    private static @Nullable JsonNode parse(String json) {
        try {
            return Json.plain().readTree(json);
        } catch (JsonProcessingException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * The text of messages ({@code [{role, parts: [{type, content}]}]}, or the older {@code [{role, content}]}):
     * of the messages with {@code role} (any when null), the last one or all of them joined.
     */
    private static @Nullable String messagesText(@Nullable JsonNode messages, @Nullable String role, boolean last) {
        if (messages == null || !messages.isArray()) {
            return null;
        }
        StringBuilder all = new StringBuilder();
        String lastText = null;
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                continue;
            }
            JsonNode messageRole = message.get("role");
            if (role != null && (messageRole == null || !role.equalsIgnoreCase(messageRole.asText()))) {
                continue;
            }
            String text = message.has("parts") ? partsText(message.get("parts")) : null;
            if (text == null && message.get("content") != null) {
                JsonNode content = message.get("content");
                text = content.isTextual() ? content.asText() : partsText(content);
            }
            if (text == null || text.isBlank()) {
                continue;
            }
            lastText = text;
            if (all.length() > 0) {
                all.append('\n');
            }
            all.append(text);
        }
        if (last) {
            return lastText;
        }
        return all.length() == 0 ? null : all.toString();
    }

    /** The text of message parts: text parts' content; tool calls as "Calls tool X". */
    private static @Nullable String partsText(@Nullable JsonNode parts) {
        if (parts == null || !parts.isArray()) {
            return parts != null && parts.isTextual() ? parts.asText() : null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            String piece = null;
            if (part.isTextual()) {
                piece = part.asText();
            } else if (part.isObject()) {
                String type = part.path("type").asText("text");
                if (type.equals("tool_call") && part.hasNonNull("name")) {
                    piece = "Calls tool " + part.get("name").asText();
                } else if (part.hasNonNull("content") && part.get("content").isTextual()) {
                    piece = part.get("content").asText();
                } else if (part.hasNonNull("text") && part.get("text").isTextual()) {
                    piece = part.get("text").asText();
                }
            }
            if (piece != null && !piece.isBlank()) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(piece);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }
}
