package dev.kaizen4j.recorder;

import static java.util.Objects.requireNonNull;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agentic.observability.AgentInvocationError;
import dev.langchain4j.agentic.observability.AgentListener;
import dev.langchain4j.agentic.observability.AgentRequest;
import dev.langchain4j.agentic.observability.AgentResponse;
import dev.langchain4j.agentic.planner.AgentInstance;
import dev.langchain4j.agentic.scope.AgenticScope;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.event.ToolExecutedEvent;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.observability.api.listener.AiServiceStartedListener;
import dev.langchain4j.observability.api.listener.ToolExecutedEventListener;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a langchain4j team's conversation from langchain4j's own hooks, in the log format Kaizen4j reads:
 *
 * <ul>
 *   <li>{@link #agentListener()} (agentic module): each agent invocation by {@code agentName()}, the task id
 *       from the agentic scope's memory id, hand-offs from the invoking agent, errors from
 *       {@code onAgentInvocationError}, tool calls and results; when the top-level agent returns, the task's
 *       outcome (success, or failure after an error);</li>
 *   <li>{@link #aiServiceListeners()} (AI services outside the agentic module): started (with the system
 *       message), completed, error and {@code ToolExecutedEvent}; the task id is the chat memory id;</li>
 *   <li>{@link #chatModelListener()}: token usage and the system message, added to the next event the agent
 *       writes on the same thread, and model errors.</li>
 * </ul>
 *
 * <p>The host can mark a task's outcome explicitly ({@link #markOutcome}); the last outcome recorded for a
 * task wins. Thread-safe: parallel agents may record at once. Nothing is thrown into the agent loop: a
 * failure to record is logged. Redaction happens in the sink ({@link JsonlConversationSink} redacts with a
 * {@code Redactor}).
 *
 * <pre>{@code
 * Langchain4jRecorder recorder = Langchain4jRecorder.toDirectory("marketing-team", Path.of("logs"));
 * UntypedAgent team = AgenticServices.sequenceBuilder().subAgents(researcher, writer)
 *         .listener(recorder.agentListener()).build();
 * }</pre>
 */
public final class Langchain4jRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Langchain4jRecorder.class);
    private static final int MAX_TEXT = 4000;

    private final String team;
    private final ConversationSink sink;
    private final Clock clock;
    /** What this thread is doing: the agents it is inside (innermost first), and tokens not yet recorded. */
    private final ThreadLocal<Frame> frames = ThreadLocal.withInitial(Frame::new);

    private static final class Frame {
        final Deque<String[]> agents = new ArrayDeque<>();
        long tokens;
        @Nullable String systemPrompt;
        /** Tool results of AI services, held until the next model request says whether they were errors. */
        final List<PendingResult> results = new ArrayList<>();
    }

    private record PendingResult(String taskId, String caller, ToolExecutionRequest request, String result) {}

    private Langchain4jRecorder(String team, ConversationSink sink, Clock clock) {
        this.team = requireNonNull(team, "team");
        this.sink = requireNonNull(sink, "sink");
        this.clock = requireNonNull(clock, "clock");
    }

    /** A recorder writing {@code team}'s events to {@code sink}, dated by {@code clock}. */
    public static Langchain4jRecorder create(String team, ConversationSink sink, Clock clock) {
        return new Langchain4jRecorder(team, sink, clock);
    }

    /**
     * A recorder writing JSON Lines files into {@code directory}, one per day and 64 MiB, named after the
     * team, with the default redaction rules.
     */
    public static Langchain4jRecorder toDirectory(String team, java.nio.file.Path directory) {
        return create(team, JsonlConversationSink.builder(directory).prefix(team).build(), Clock.systemUTC());
    }

    /** The listener to register on agentic services and agents; it is inherited by sub-agents. */
    public AgentListener agentListener() {
        return new AgentListener() {
            @Override
            public void beforeAgentInvocation(AgentRequest request) {
                guard(() -> started(request.agenticScope(), request.agent(), request.agentName(), request.inputs()));
            }

            @Override
            public void afterAgentInvocation(AgentResponse response) {
                guard(() -> finished(response.agenticScope(), response.agent(), response.agentName(),
                        response.output(), null));
            }

            @Override
            public void onAgentInvocationError(AgentInvocationError error) {
                guard(() -> finished(error.agenticScope(), error.agent(), error.agentName(), null, error.error()));
            }

            @Override
            public void beforeToolExecution(BeforeToolExecution execution) {
                guard(() -> toolCall(execution.request()));
            }

            @Override
            public void afterToolExecution(ToolExecution execution) {
                guard(() -> toolResult(execution.request(), execution.result(), execution.hasFailed()));
            }

            @Override
            public boolean inheritedBySubagents() {
                return true;
            }
        };
    }

    /** The listeners to register on AI services ({@code AiServices.builder(..).registerListeners(..)}). */
    public List<AiServiceListener<?>> aiServiceListeners() {
        AiServiceStartedListener started = event -> guard(() -> serviceStarted(event));
        AiServiceCompletedListener completed = event -> guard(() -> serviceCompleted(event));
        AiServiceErrorListener failed = event -> guard(() -> serviceFailed(event));
        ToolExecutedEventListener tool = event -> guard(() -> toolExecuted(event));
        return List.of(started, completed, failed, tool);
    }

    /** The listener to add to the chat model ({@code .listeners(List.of(recorder.chatModelListener()))}). */
    public ChatModelListener chatModelListener() {
        return new ChatModelListener() {
            @Override
            public void onRequest(ChatModelRequestContext context) {
                guard(() -> {
                    Frame frame = frames.get();
                    flushResults(frame, context.chatRequest().messages());
                    if (!frame.agents.isEmpty() && frame.systemPrompt == null) {
                        context.chatRequest().messages().stream()
                                .filter(SystemMessage.class::isInstance)
                                .map(message -> ((SystemMessage) message).text())
                                .findFirst()
                                .ifPresent(prompt -> frame.systemPrompt = prompt);
                    }
                });
            }

            @Override
            public void onResponse(ChatModelResponseContext context) {
                guard(() -> {
                    TokenUsage usage = context.chatResponse().tokenUsage();
                    if (usage != null) {
                        Integer total = usage.totalTokenCount();
                        frames.get().tokens += total != null ? total
                                : (usage.inputTokenCount() == null ? 0 : usage.inputTokenCount())
                                        + (usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
                    }
                });
            }

            @Override
            public void onError(ChatModelErrorContext context) {
                guard(() -> {
                    String[] current = frames.get().agents.peek();
                    if (current != null) {
                        Map<String, Object> metadata = new LinkedHashMap<>();
                        metadata.put("error", describe(context.error()));
                        write(current[0], current[1], "Model call failed: " + describe(context.error()),
                                MessageType.ERROR, null, metadata);
                    }
                });
            }
        };
    }

    /**
     * Records {@code outcome} for the task, overriding the one derived from the agents' invocations.
     *
     * @param taskId the task: the agentic scope's memory id, or the AI service's chat memory id
     * @param note why, written as the message
     */
    public void markOutcome(Object taskId, TaskOutcome outcome, String note) {
        requireNonNull(taskId, "taskId");
        requireNonNull(outcome, "outcome");
        requireNonNull(note, "note");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        metadata.put("marked_by", "host");
        write(String.valueOf(taskId), "system", note, outcome == TaskOutcome.SUCCESS ? MessageType.TASK_COMPLETION
                : MessageType.TASK_FAILED, null, metadata);
    }

    /** Records {@code outcome} for the task of an agentic scope ({@code ResultWithAgenticScope.agenticScope()}). */
    public void markOutcome(AgenticScope scope, TaskOutcome outcome, String note) {
        markOutcome(taskId(requireNonNull(scope, "scope")), outcome, note);
    }

    private void started(AgenticScope scope, AgentInstance agent, String name, Map<String, Object> inputs) {
        String taskId = taskId(scope);
        AgentInstance parent = agent.parent();
        String caller = parent == null ? null : parent.name();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("agent_id", agent.agentId());
        write(taskId, caller == null ? "user" : caller, render(inputs),
                caller == null ? MessageType.TASK_ASSIGNMENT : MessageType.DELEGATION, name, metadata);
        frames.get().agents.push(new String[] {taskId, name});
    }

    private void finished(AgenticScope scope, AgentInstance agent, String name, @Nullable Object output,
            @Nullable Throwable error) {
        String taskId = taskId(scope);
        Frame frame = frames.get();
        if (!frame.agents.isEmpty()) {
            frame.agents.pop();
        }
        AgentInstance parent = agent.parent();
        Map<String, Object> metadata = new LinkedHashMap<>();
        takePending(frame, metadata);
        if (error != null) {
            metadata.put("error", describe(error));
            write(taskId, name, describe(error), MessageType.ERROR, parent == null ? null : parent.name(), metadata);
        } else {
            write(taskId, name, text(output), parent == null ? MessageType.ANSWER : MessageType.UPDATE,
                    parent == null ? null : parent.name(), metadata);
        }
        if (parent == null) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("outcome", error == null ? "success" : "failure");
            write(taskId, "system", error == null ? name + " completed the task" : name + " failed: " + describe(error),
                    error == null ? MessageType.TASK_COMPLETION : MessageType.TASK_FAILED, null, outcome);
        }
    }

    private void takePending(Frame frame, Map<String, Object> metadata) {
        if (frame.tokens > 0) {
            metadata.put("tokens", frame.tokens);
            frame.tokens = 0;
        }
        if (frame.systemPrompt != null) {
            metadata.put("system_instructions", frame.systemPrompt);
            frame.systemPrompt = null;
        }
    }

    private void toolCall(ToolExecutionRequest request) {
        String[] current = frames.get().agents.peek();
        if (current == null) {
            return;
        }
        write(current[0], current[1], request.arguments() == null ? "" : request.arguments(), MessageType.TOOL_CALL,
                null, toolMetadata(request));
    }

    private void toolResult(ToolExecutionRequest request, @Nullable String result, boolean failed) {
        String[] current = frames.get().agents.peek();
        if (current == null) {
            return;
        }
        Map<String, Object> metadata = toolMetadata(request);
        if (failed) {
            metadata.put("error", result == null ? "tool failed" : truncate(result));
        }
        write(current[0], request.name(), result == null ? "" : result, MessageType.TOOL_RESULT, current[1], metadata);
    }

    private static Map<String, Object> toolMetadata(ToolExecutionRequest request) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tool", request.name());
        if (request.id() != null) {
            metadata.put("tool_call_id", request.id());
        }
        return metadata;
    }

    private void serviceStarted(AiServiceStartedEvent event) {
        Frame frame = frames.get();
        String prompt = event.systemMessage().map(message -> message.text()).orElse(null);
        if (!frame.agents.isEmpty()) {
            // Inside an agent: the agent's own invocation events tell the story; keep its prompt for them.
            frame.systemPrompt = prompt;
            return;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (prompt != null) {
            metadata.put("system_instructions", prompt);
        }
        InvocationContext context = event.invocationContext();
        String user = event.userMessage().hasSingleText() ? event.userMessage().singleText()
                : String.valueOf(event.userMessage());
        write(taskId(context), "user", user, MessageType.QUESTION, serviceName(context), metadata);
    }

    private void serviceCompleted(AiServiceCompletedEvent event) {
        Frame frame = frames.get();
        flushResults(frame, List.of());
        if (!frame.agents.isEmpty()) {
            return;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        takePending(frame, metadata);
        InvocationContext context = event.invocationContext();
        write(taskId(context), serviceName(context), text(event.result().orElse(null)), MessageType.ANSWER, "user",
                metadata);
    }

    private void serviceFailed(AiServiceErrorEvent event) {
        Frame frame = frames.get();
        flushResults(frame, List.of());
        if (!frame.agents.isEmpty()) {
            return;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        takePending(frame, metadata);
        metadata.put("error", describe(event.error()));
        InvocationContext context = event.invocationContext();
        write(taskId(context), serviceName(context), describe(event.error()), MessageType.ERROR, null, metadata);
    }

    private void toolExecuted(ToolExecutedEvent event) {
        if (!frames.get().agents.isEmpty()) {
            return; // the agent listener records tools of agents
        }
        InvocationContext context = event.invocationContext();
        String taskId = taskId(context);
        String service = serviceName(context);
        ToolExecutionRequest request = event.request();
        write(taskId, service, request.arguments() == null ? "" : request.arguments(), MessageType.TOOL_CALL, null,
                toolMetadata(request));
        frames.get().results.add(new PendingResult(taskId, service, request,
                event.resultText() == null ? "" : event.resultText()));
    }

    /**
     * Writes the AI services' pending tool results, failed when the model request that carries them back marks
     * them as errors (the tool executed event itself does not say).
     */
    private void flushResults(Frame frame, List<ChatMessage> messages) {
        if (frame.results.isEmpty()) {
            return;
        }
        for (PendingResult pending : frame.results) {
            Map<String, Object> metadata = toolMetadata(pending.request());
            for (ChatMessage message : messages) {
                if (message instanceof ToolExecutionResultMessage result && Boolean.TRUE.equals(result.isError())
                        && java.util.Objects.equals(result.id(), pending.request().id())) {
                    metadata.put("error", truncate(pending.result()));
                }
            }
            write(pending.taskId(), pending.request().name(), pending.result(), MessageType.TOOL_RESULT,
                    pending.caller(), metadata);
        }
        frame.results.clear();
    }

    private static String taskId(AgenticScope scope) {
        Object memoryId = scope.memoryId();
        return memoryId == null ? "task-" + Integer.toHexString(System.identityHashCode(scope)) : memoryId.toString();
    }

    private static String taskId(InvocationContext context) {
        Object memoryId = context.chatMemoryId();
        return memoryId == null || "default".equals(memoryId) ? context.invocationId().toString() : memoryId.toString();
    }

    private static String serviceName(InvocationContext context) {
        String name = context.interfaceName();
        if (name == null) {
            return "assistant";
        }
        int dot = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
        return dot >= 0 ? name.substring(dot + 1) : name;
    }

    private void write(String taskId, String speaker, String message, MessageType type, @Nullable String toAgent,
            Map<String, Object> metadata) {
        sink.accept(new ConversationEvent(clock.instant(), team, taskId, speaker, truncate(message), type, toAgent,
                metadata));
    }

    private static String render(Map<String, Object> inputs) {
        if (inputs.size() == 1) {
            return text(inputs.values().iterator().next());
        }
        StringBuilder text = new StringBuilder();
        inputs.forEach((key, value) -> text.append(text.length() == 0 ? "" : "\n").append(key).append(": ")
                .append(text(value)));
        return text.toString();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
    }

    private void guard(Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException failure) {
            LOG.warn("Could not record a langchain4j event: {}", failure.toString());
        }
    }

    /** Flushes and closes the sink. */
    @Override
    public void close() {
        sink.close();
    }
}
