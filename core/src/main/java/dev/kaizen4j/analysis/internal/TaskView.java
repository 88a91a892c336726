package dev.kaizen4j.analysis.internal;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.team.TeamSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One task prepared for the detectors: who may be blamed at each step, which tool call each tool
 * result answers and whether it failed. Words are tokenized lazily, only for the steps a detector asks about.
 */
public final class TaskView {

    private static final Pattern TOOL_LIKE_SPEAKER =
            Pattern.compile("(?i).*(terminal|executor|interpreter|code_?runner|sandbox|^tool$|_tool$|^tools?_).*");

    private static final Pattern FAILED_OUTPUT = Pattern.compile(
            "(?is)^\\s*(error|exception|failed|failure)\\b.*|.*(exitcode:\\s*[1-9]|exit code:?\\s*[1-9]|traceback \\(most recent"
                    + " call last\\)|execution failed|command not found|\\b\\w+error:|timed out|status(code)?:?\\s*[45]\\d\\d"
                    + "|http [45]\\d\\d|rate limit).*");

    private final Conversation task;
    private final List<ConversationEvent> events;
    private final TeamSpec team;
    private final boolean[] agentStep;
    private final boolean[] toolResult;
    private final boolean[] toolFailed;
    private final int[] caller;
    private final @Nullable Set<String>[] words;
    private final int outcomeStep;

    @SuppressWarnings("unchecked")
    public TaskView(Conversation task, TeamSpec team) {
        this.task = task;
        this.team = team;
        this.events = task.events();
        int n = events.size();
        agentStep = new boolean[n];
        toolResult = new boolean[n];
        toolFailed = new boolean[n];
        caller = new int[n];
        words = new Set[n];
        Arrays.fill(caller, -1);
        Set<String> tools = null;
        Map<String, Integer> lastCallOf = new HashMap<>();
        int lastCall = -1;
        int lastAgentStep = -1;
        int outcome = -1;
        for (int i = 0; i < n; i++) {
            ConversationEvent event = events.get(i);
            if (event.declaredOutcome().isPresent()) {
                outcome = i;
            }
            if (event.type() == MessageType.TOOL_CALL && !event.isFromNonAgent()) {
                if (tools == null) {
                    tools = new HashSet<>();
                }
                String tool = toolOf(event);
                tools.add(tool.toLowerCase(Locale.ROOT));
                lastCallOf.put(tool, i);
                lastCall = i;
            }
            boolean result = event.type() == MessageType.TOOL_RESULT
                    || (!event.isFromNonAgent() && isToolSpeaker(event.agentName(), tools));
            if (result) {
                toolResult[i] = true;
                Integer call = event.tool().map(lastCallOf::get).orElse(null);
                if (call == null && event.type() == MessageType.TOOL_RESULT) {
                    call = lastCallOf.get(event.agentName());
                }
                if (call == null) {
                    call = event.type() == MessageType.TOOL_RESULT && lastCall >= 0 ? lastCall : lastAgentStep;
                }
                caller[i] = call;
                toolFailed[i] = event.isError() || FAILED_OUTPUT.matcher(head(event.message())).matches();
            } else if (!event.isFromNonAgent()) {
                agentStep[i] = true;
                lastAgentStep = i;
            }
        }
        this.outcomeStep = outcome;
    }

    private static String head(String message) {
        return message.length() <= 600 ? message : message.substring(0, 600);
    }

    private boolean isToolSpeaker(String name, @Nullable Set<String> tools) {
        if (team.agent(name).isPresent()) {
            return false;
        }
        return (tools != null && tools.contains(name.toLowerCase(Locale.ROOT)))
                || TOOL_LIKE_SPEAKER.matcher(name).matches();
    }

    static String toolOf(ConversationEvent event) {
        return event.tool().orElse(event.toAgent() == null ? "tool" : event.toAgent());
    }

    public Conversation task() {
        return task;
    }

    public List<ConversationEvent> events() {
        return events;
    }

    public ConversationEvent event(int step) {
        return events.get(step);
    }

    public int size() {
        return events.size();
    }

    /** Whether the step was written by an agent (neither system, user, human nor a tool): it may carry blame. */
    public boolean isAgentStep(int step) {
        return agentStep[step];
    }

    /** Whether the step is a tool's output (a {@code tool_result}, or a code executor speaking). */
    public boolean isToolResult(int step) {
        return toolResult[step];
    }

    public boolean isToolFailure(int step) {
        return toolFailed[step];
    }

    /** The step of the agent event that caused a tool result (its tool call or the code it wrote), or -1. */
    public int callerOf(int step) {
        return caller[step];
    }

    /** The last step that declared the task's outcome, or -1. */
    public int outcomeStep() {
        return outcomeStep;
    }

    public Set<String> words(int step) {
        Set<String> cached = words[step];
        if (cached == null) {
            cached = Text.contentWords(events.get(step).message());
            words[step] = cached;
        }
        return cached;
    }

    /** Whether the step only declares or reports the outcome, or only routes work. */
    public boolean isCoordination(int step) {
        ConversationEvent event = events.get(step);
        MessageType type = event.type();
        if (event.declaredOutcome().isPresent() || type == MessageType.TASK_STARTED) {
            return true;
        }
        return (type == MessageType.AGREEMENT || type == MessageType.DELEGATION || type == MessageType.TASK_ASSIGNMENT)
                && Text.wordCount(event.message()) < 12;
    }
}
