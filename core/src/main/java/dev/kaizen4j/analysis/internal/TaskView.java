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
            Pattern.compile("(?i)terminal|executor|interpreter|code_?runner|sandbox|^tool$|_tool$|^tools?_");

    private static final Pattern FAILED_START = Pattern.compile("(?i)^\\s*(error|exception|failed|failure)\\b");

    private static final Pattern FAILED_OUTPUT = Pattern.compile(
            "(?i)exitcode:\\s*[1-9]|exit code:?\\s*[1-9]|traceback \\(most recent call last\\)|execution failed"
                    + "|command not found|\\b\\w+error:|timed out|status(code)?:?\\s*[45]\\d\\d|http [45]\\d\\d|rate limit");

    /** Speakers already classified as tool-like or not, across the tasks of a pass. */
    private static final int MAX_CACHED_SPEAKERS = 4096;

    private final Conversation task;
    private final List<ConversationEvent> events;
    private final TeamSpec team;
    private final boolean[] agentStep;
    private final boolean[] toolResult;
    private final boolean[] toolFailed;
    private final int[] caller;
    private final long[][] words;
    private final int outcomeStep;
    private final Map<String, Boolean> speakers;
    private final long[][] headWords;
    private final boolean[] declares;
    private final byte[] coordination;
    /** Per-step caches: detectors and attribution ask about the same steps many times. */
    private final long[] normalizedHashes;
    private final boolean[] hashed;
    private final int[] wordCounts;
    /** {@link Text#triggers} of each step's whole message, + 1 (0 while not scanned). */
    private final int[] triggers;
    private final Set<String> agentNames = new java.util.LinkedHashSet<>();

    /** Prepares a task; {@code speakers} caches which speaker names are tools, shared across tasks. */
    public TaskView(Conversation task, TeamSpec team, Map<String, Boolean> speakers) {
        this.task = task;
        this.team = team;
        this.speakers = speakers;
        this.events = AgentNames.normalize(task.events());
        int n = events.size();
        agentStep = new boolean[n];
        toolResult = new boolean[n];
        toolFailed = new boolean[n];
        caller = new int[n];
        words = new long[n][];
        headWords = new long[n][];
        Arrays.fill(caller, -1);
        Set<String> tools = null;
        Map<String, Integer> lastCallOf = new HashMap<>();
        int lastCall = -1;
        int lastAgentStep = -1;
        int outcome = -1;
        declares = new boolean[n];
        coordination = new byte[n];
        normalizedHashes = new long[n];
        hashed = new boolean[n];
        wordCounts = new int[n];
        triggers = new int[n];
        Arrays.fill(wordCounts, -1);
        for (int i = 0; i < n; i++) {
            ConversationEvent event = events.get(i);
            if (event.declaredOutcome().isPresent()) {
                outcome = i;
                declares[i] = true;
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
                    || (!event.isFromNonAgent() && isToolSpeaker(event.agentName(), tools)
                            && !callsTools(event.agentName()));
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
                toolFailed[i] = event.isError() || looksFailed(event.message());
            } else if (!event.isFromNonAgent()) {
                agentStep[i] = true;
                lastAgentStep = i;
                agentNames.add(event.agentName());
            }
        }
        this.outcomeStep = outcome;
    }

    /** Whether {@code name} itself calls tools in this task: then it is an agent, whatever its name suggests. */
    private boolean callsTools(String name) {
        if (toolCallers == null) {
            toolCallers = new HashSet<>();
            for (ConversationEvent event : events) {
                if (event.type() == MessageType.TOOL_CALL) {
                    toolCallers.add(event.agentName());
                }
            }
        }
        return toolCallers.contains(name);
    }

    private @Nullable Set<String> toolCallers;

    private static final String[] FAILED_HINTS = {"xit", "raceback", "ailed", "not found", "rror:", "timed out",
        "tatus", "TTP", "ttp", "ate limit", "RROR", "XIT"};

    private static boolean looksFailed(String message) {
        String head = message.length() <= 600 ? message : message.substring(0, 600);
        int start = 0;
        while (start < head.length() && Character.isWhitespace(head.charAt(start))) {
            start++;
        }
        if (head.regionMatches(true, start, "error", 0, 5) || head.regionMatches(true, start, "exception", 0, 9)
                || head.regionMatches(true, start, "fail", 0, 4)) {
            return FAILED_START.matcher(head).find();
        }
        for (String hint : FAILED_HINTS) {
            if (head.contains(hint)) {
                return FAILED_OUTPUT.matcher(head).find();
            }
        }
        return false;
    }

    private boolean isToolSpeaker(String name, @Nullable Set<String> tools) {
        if (tools != null && tools.contains(name.toLowerCase(Locale.ROOT)) && team.agent(name).isEmpty()) {
            return true;
        }
        Boolean known = speakers.get(name);
        if (known == null) {
            known = team.agent(name).isEmpty() && TOOL_LIKE_SPEAKER.matcher(name).find();
            if (speakers.size() < MAX_CACHED_SPEAKERS) {
                speakers.put(name, known);
            }
        }
        return known;
    }

    static String toolOf(ConversationEvent event) {
        return event.tool().orElse(event.toAgent() == null ? "tool" : event.toAgent());
    }

    public Conversation task() {
        return task;
    }

    /** The task's events, speakers and addressees named without annotations (see {@link AgentNames}). */
    public List<ConversationEvent> events() {
        return events;
    }

    public ConversationEvent event(int step) {
        return events.get(step);
    }

    public int size() {
        return events.size();
    }

    /** The agents that wrote at least one step, in order of appearance. */
    public Set<String> agents() {
        return agentNames;
    }

    /** Whether {@code name} wrote at least one agent step in the task. */
    public boolean hasAgent(String name) {
        return agentNames.contains(name);
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

    /** The content words of the step (its first 2000 characters), as sorted hashes (see {@link Text#wordHashes}). */
    public long[] words(int step) {
        long[] cached = words[step];
        if (cached == null) {
            String message = events.get(step).message();
            // A message within the head has the same words either way.
            cached = message.length() <= HEAD ? headWords(step) : Text.wordHashes(message, 2000);
            words[step] = cached;
        }
        return cached;
    }

    /** How much of a message the all-task detectors read: enough for its gist. */
    static final int HEAD = 300;

    /** The content words of the step's first 300 characters, as sorted hashes (see {@link Text#wordHashes}). */
    public long[] headWords(int step) {
        long[] cached = headWords[step];
        if (cached == null) {
            String message = events.get(step).message();
            cached = message.length() <= HEAD && words[step] != null ? words[step] : Text.wordHashes(message, HEAD);
            headWords[step] = cached;
        }
        return cached;
    }

    /** {@link Text#normalizedHash(String, int)} of the step's message with at least 12 characters. */
    public long normalizedHash(int step) {
        if (!hashed[step]) {
            normalizedHashes[step] = Text.normalizedHash(events.get(step).message(), 12);
            hashed[step] = true;
        }
        return normalizedHashes[step];
    }

    /** {@link Text#wordCount(String)} of the step's message. */
    public int wordCount(int step) {
        int count = wordCounts[step];
        if (count < 0) {
            count = Text.wordCount(events.get(step).message());
            wordCounts[step] = count;
        }
        return count;
    }

    /** {@link Text#triggers} of the step's message, scanned once for every phrase test that asks. */
    public int triggers(int step) {
        int known = triggers[step];
        if (known == 0) {
            String message = events.get(step).message();
            known = Text.triggers(message, message.length()) + 1;
            triggers[step] = known;
        }
        return known - 1;
    }

    /** {@link Text#triggers} of the first {@code head} characters of the step's message. */
    public int triggers(int step, int head) {
        String message = events.get(step).message();
        return message.length() <= head ? triggers(step) : Text.triggers(message, head);
    }

    /** Whether the step declares the task's outcome. */
    public boolean declaresOutcome(int step) {
        return declares[step];
    }

    /** Whether the step only declares or reports the outcome, or only routes work. */
    public boolean isCoordination(int step) {
        byte known = coordination[step];
        if (known == 0) {
            ConversationEvent event = events.get(step);
            MessageType type = event.type();
            boolean routes = declares[step] || type == MessageType.TASK_STARTED
                    || ((type == MessageType.AGREEMENT || type == MessageType.DELEGATION
                            || type == MessageType.TASK_ASSIGNMENT) && wordCount(step) < 12);
            known = routes ? (byte) 1 : (byte) 2;
            coordination[step] = known;
        }
        return known == 1;
    }
}
