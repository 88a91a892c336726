package dev.kaizen4j.analysis.internal;

import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.TeamSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The failure-mode detectors, run on every task. Finding kinds (ids are {@code kind:agent}):
 * {@code repetition}, {@code ignored-input}, {@code premature-termination},
 * {@code missing-verification}, {@code incorrect-verification}, {@code derailment},
 * {@code conversation-reset}, {@code role-violation} and {@code slow-handoff}.
 */
public final class Detectors {

    public static final String REPETITION = "repetition";
    public static final String IGNORED_INPUT = "ignored-input";
    public static final String PREMATURE_TERMINATION = "premature-termination";
    public static final String MISSING_VERIFICATION = "missing-verification";
    public static final String INCORRECT_VERIFICATION = "incorrect-verification";
    public static final String DERAILMENT = "derailment";
    public static final String CONVERSATION_RESET = "conversation-reset";
    public static final String ROLE_VIOLATION = "role-violation";
    public static final String SLOW_HANDOFF = "slow-handoff";

    /** How far ahead or back a reply is looked for, so that very long tasks stay linear. */
    private static final int WINDOW = 1000;

    /** Only this much of a message is scanned by the text patterns of the all-task detectors. */
    private static final int SCAN = 400;

    private final TeamSpec team;
    private final Duration slowHandoff;

    private final Map<String, AgentSpec> specs = new HashMap<>();

    public Detectors(TeamSpec team, Duration slowHandoff) {
        this.team = team;
        this.slowHandoff = slowHandoff;
        team.agents().forEach(agent -> specs.put(agent.name(), agent));
    }

    public TaskFindings detect(TaskView task) {
        TaskFindings found = new TaskFindings();
        for (String agent : task.agents()) {
            found.expose(REPETITION, agent, true);
            found.expose(CONVERSATION_RESET, agent, true);
            found.expose(ROLE_VIOLATION, agent, true);
        }
        repetition(task, found);
        addressedInput(task, found);
        termination(task, found);
        derailment(task, found);
        resetsAndRoles(task, found);
        return found;
    }

    private static String head(String message) {
        return message.length() <= SCAN ? message : message.substring(0, SCAN);
    }

    private static String excerpt(ConversationEvent event) {
        return Text.excerpt(event.message(), 120);
    }

    /** Step repetition and loops: an agent sending the same message (up to case and punctuation) again. */
    private void repetition(TaskView task, TaskFindings found) {
        LongSet seen = null;
        int[] lengths = new int[task.size()];
        int agentSteps = 0;
        for (int i = 0; i < task.size(); i++) {
            if (task.isAgentStep(i)) {
                lengths[agentSteps++] = Text.hashedLength(task.event(i).message());
            }
        }
        // The normalized hash starts from the message's length: a message whose length no other agent
        // step shares cannot repeat one, so it is not hashed at all.
        java.util.Arrays.sort(lengths, 0, agentSteps);
        for (int i = 0; i < task.size(); i++) {
            if (!task.isAgentStep(i) || !sharesLength(lengths, agentSteps, Text.hashedLength(task.event(i).message()))) {
                continue;
            }
            ConversationEvent event = task.event(i);
            long hash = task.normalizedHash(i);
            if (hash == 0) {
                continue;
            }
            if (seen == null) {
                seen = new LongSet(agentSteps);
            }
            if (!seen.add(hash * 31 + event.agentName().hashCode())) {
                found.occur(REPETITION, event.agentName(), i, excerpt(event), true);
            }
        }
    }

    /** Whether {@code length} occurs at least twice among the first {@code size} sorted {@code lengths}. */
    private static boolean sharesLength(int[] lengths, int size, int length) {
        int at = java.util.Arrays.binarySearch(lengths, 0, size, length);
        return (at > 0 && lengths[at - 1] == length) || (at + 1 < size && lengths[at + 1] == length);
    }

    /** Input addressed to an agent (questions, challenges, feedback, hand-offs): ignored, or picked up slowly. */
    private void addressedInput(TaskView task, TaskFindings found) {
        for (int j = 0; j < task.size(); j++) {
            ConversationEvent input = task.event(j);
            String to = input.toAgent();
            if (to == null || to.equals(input.agentName()) || task.isToolResult(j) || !isAgent(task, to)) {
                continue;
            }
            MessageType type = input.type();
            boolean handOff = type == MessageType.DELEGATION || type == MessageType.TASK_ASSIGNMENT;
            boolean asks = type == MessageType.QUESTION || type == MessageType.CHALLENGE
                    || type == MessageType.CLARIFICATION || type == MessageType.FEEDBACK
                    || type == MessageType.DISAGREEMENT || Text.endsWithQuestionMark(input.message());
            boolean proposes = type == MessageType.PROPOSAL;
            if (!handOff && !asks && !proposes) {
                continue;
            }
            int reply = nextStepOf(task, to, j);
            if (handOff || type == MessageType.QUESTION) {
                found.expose(SLOW_HANDOFF, to, false);
                if (reply >= 0) {
                    Duration latency = Duration.between(input.timestamp(), task.event(reply).timestamp());
                    if (latency.compareTo(slowHandoff) > 0) {
                        found.occur(SLOW_HANDOFF, to, j, "picked up after " + minutes(latency) + ": "
                                + excerpt(input), false);
                    }
                }
            }
            found.expose(IGNORED_INPUT, to, true);
            boolean ignored;
            if (reply < 0) {
                ignored = task.size() - j > 2 && !laterOutcomeOnly(task, j);
            } else {
                int before = previousStepOf(task, to, j);
                ignored = before >= 0 && task.normalizedHash(before) != 0
                        && task.normalizedHash(before) == task.normalizedHash(reply);
                if (!ignored && (asks || proposes) && !handOff) {
                    long[] asked = task.headWords(j);
                    if (asked.length >= 4) {
                        ignored = true;
                        for (int k = reply; k < Math.min(task.size(), reply + WINDOW) && ignored; k++) {
                            if (task.isAgentStep(k) && task.event(k).agentName().equals(to)
                                    && Text.shared(asked, task.headWords(k)) > 0) {
                                ignored = false;
                            }
                        }
                    }
                }
            }
            if (ignored) {
                found.occur(IGNORED_INPUT, to, j, "from " + input.agentName() + ": " + excerpt(input), true);
            }
        }
    }

    private static boolean laterOutcomeOnly(TaskView task, int j) {
        for (int k = j + 1; k < Math.min(task.size(), j + WINDOW); k++) {
            if (task.isAgentStep(k) || task.isToolResult(k)) {
                return false;
            }
        }
        return true;
    }

    private static String minutes(Duration latency) {
        long seconds = latency.toSeconds();
        return seconds >= 120 ? seconds / 60 + " min" : seconds + " s";
    }

    /** Premature termination, missing verification and approvals of work that then failed. */
    private void termination(TaskView task, TaskFindings found) {
        int end = terminationStep(task);
        TaskOutcome outcome = task.task().outcome();
        if (end < 0) {
            int last = task.outcomeStep() >= 0 ? task.outcomeStep() : task.size();
            int deliverable = lastDeliverable(task, last, null);
            if (deliverable >= 0) {
                approvals(task, found, deliverable, last - 1, outcome);
            }
            return;
        }
        ConversationEvent closing = task.event(end);
        String closer = closing.agentName();

        found.expose(PREMATURE_TERMINATION, closer, true);
        String open = openIssue(task, end);
        if (open != null) {
            found.occur(PREMATURE_TERMINATION, closer, end, open + "; closed with: " + excerpt(closing), true);
        }

        int deliverable = lastDeliverable(task, end, closer);
        if (deliverable < 0) {
            deliverable = lastDeliverable(task, end, null);
        }
        if (deliverable < 0) {
            return;
        }
        String producer = task.event(deliverable).agentName();
        boolean verified = false;
        for (int v = deliverable + 1; v <= end && !verified; v++) {
            ConversationEvent event = task.event(v);
            MessageType type = event.type();
            if (task.isToolResult(v)) {
                verified = !task.isToolFailure(v);
            } else if (!event.agentName().equals(producer) && !event.isFromNonAgent()) {
                String text = head(event.message());
                verified = type == MessageType.FEEDBACK || type == MessageType.CHALLENGE
                        || type == MessageType.DISAGREEMENT || type == MessageType.DECISION
                        || Text.mentionsVerification(text) || Text.approves(text)
                        || Text.criticizes(text, task.triggers(v, SCAN));
            } else if (type == MessageType.TOOL_CALL) {
                verified = Text.mentionsVerification(TaskView.toolOf(event).replace('_', ' '));
            }
        }
        found.expose(MISSING_VERIFICATION, closer, true);
        if (!verified) {
            found.occur(MISSING_VERIFICATION, closer, end, "accepted without a check: "
                    + excerpt(task.event(deliverable)), true);
        }
        approvals(task, found, deliverable, end, outcome);
    }

    /** Approvals of the deliverable at {@code deliverable}, up to {@code end}: incorrect when the task failed. */
    private static void approvals(TaskView task, TaskFindings found, int deliverable, int end, TaskOutcome outcome) {
        String producer = task.event(deliverable).agentName();
        for (int v = deliverable + 1; v <= end; v++) {
            ConversationEvent event = task.event(v);
            if (task.isAgentStep(v) && !event.agentName().equals(producer)
                    && (event.type() == MessageType.AGREEMENT || Text.approves(head(event.message())))) {
                found.expose(INCORRECT_VERIFICATION, event.agentName(), true);
                if (outcome.isFailed()) {
                    found.occur(INCORRECT_VERIFICATION, event.agentName(), v, "approved work that failed: "
                            + excerpt(event), true);
                }
                break;
            }
        }
    }

    /** The last substantive agent step before {@code end}, by someone other than {@code notBy} if given. */
    private static int lastDeliverable(TaskView task, int end, @Nullable String notBy) {
        for (int i = end - 1; i >= 0; i--) {
            if (task.isAgentStep(i) && !task.isCoordination(i) && task.event(i).type() != MessageType.TOOL_CALL
                    && task.event(i).type() != MessageType.DECISION
                    && !task.event(i).agentName().equals(notBy) && task.wordCount(i) >= 5) {
                return i;
            }
        }
        return -1;
    }

    /** The agent step that ended the task: the outcome it declared, or a TERMINATE; -1 if no agent ended it. */
    private static int terminationStep(TaskView task) {
        int outcome = task.outcomeStep();
        if (outcome >= 0 && task.isAgentStep(outcome)) {
            return outcome;
        }
        int last = outcome >= 0 ? outcome : task.size();
        for (int i = last - 1; i >= 0; i--) {
            if (task.isAgentStep(i)) {
                ConversationEvent event = task.event(i);
                String message = event.message();
                boolean closes = event.type() == MessageType.DECISION || event.type() == MessageType.TASK_COMPLETION
                        || Text.terminates(message.length() > SCAN ? message.substring(message.length() - SCAN)
                                : message);
                return closes ? i : -1;
            }
            if (task.isToolResult(i)) {
                return -1;
            }
        }
        return -1;
    }

    /** An unanswered question or an unfixed tool failure before {@code end}, described, or null. */
    private @Nullable String openIssue(TaskView task, int end) {
        for (int j = end - 1; j >= 0; j--) {
            if (task.isToolResult(j)) {
                if (task.isToolFailure(j)) {
                    return "the last tool result before it failed";
                }
                break;
            }
        }
        for (int j = Math.max(0, end - WINDOW); j < end; j++) {
            ConversationEvent event = task.event(j);
            String to = event.toAgent();
            boolean question = event.type() == MessageType.QUESTION || event.type() == MessageType.CHALLENGE
                    || Text.endsWithQuestionMark(event.message());
            if (question && to != null && !to.equals(event.agentName()) && isAgent(task, to)
                    && !to.equals(task.event(end).agentName())) {
                int reply = nextStepOf(task, to, j);
                if (reply < 0 || reply > end) {
                    return "a question to " + to + " was still open";
                }
            }
        }
        return null;
    }

    /** Task derailment: a long agent message sharing no words with the task or with the turns before it. */
    private void derailment(TaskView task, TaskFindings found) {
        long[] context = new long[0];
        boolean opened = false;
        Set<String> exposed = new HashSet<>();
        for (int i = 0; i < task.size(); i++) {
            ConversationEvent event = task.event(i);
            if (!task.isAgentStep(i) || !opened) {
                if (task.isAgentStep(i) || !task.isToolResult(i)) {
                    context = union(context, task.headWords(i));
                }
                opened |= task.isAgentStep(i);
                continue;
            }
            if (exposed.add(event.agentName())) {
                found.expose(DERAILMENT, event.agentName(), true);
            }
            if (task.isCoordination(i) || event.type() == MessageType.TOOL_CALL) {
                continue;
            }
            long[] words = task.headWords(i);
            if (words.length < 10) {
                continue;
            }
            // Only whether the best overlap reaches the threshold matters: stop at the first that does.
            double threshold = 0.05 * words.length;
            int shared = Text.shared(words, context);
            for (int k = Math.max(0, i - 3); k < i && shared < threshold; k++) {
                shared = Math.max(shared, Text.shared(words, task.headWords(k)));
            }
            if (shared < threshold) {
                found.occur(DERAILMENT, event.agentName(), i, excerpt(event), true);
            }
        }
    }

    private static long[] union(long[] a, long[] b) {
        long[] merged = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int size = 0;
        while (i < a.length || j < b.length) {
            long next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (size == 0 || merged[size - 1] != next) {
                merged[size++] = next;
            }
        }
        return java.util.Arrays.copyOf(merged, size);
    }

    /** Conversation resets and disobeying the role: tools outside the agent's spec, closing another's task. */
    private void resetsAndRoles(TaskView task, TaskFindings found) {
        Map<String, Long> assignments = new HashMap<>();
        String manager = team.manager();
        boolean managerSpoke = false;
        for (int i = 0; i < task.size(); i++) {
            if (task.isAgentStep(i) && task.event(i).agentName().equals(manager)) {
                managerSpoke = true;
            }
        }
        for (int i = 0; i < task.size(); i++) {
            if (!task.isAgentStep(i)) {
                continue;
            }
            ConversationEvent event = task.event(i);
            String agent = event.agentName();
            if (i > 0 && Text.resets(head(event.message()), task.triggers(i, SCAN))) {
                found.occur(CONVERSATION_RESET, agent, i, excerpt(event), true);
            }
            if (event.type() == MessageType.TASK_ASSIGNMENT || event.type() == MessageType.TASK_STARTED) {
                long hash = task.normalizedHash(i);
                Long previous = assignments.put(agent + '\u0000' + event.toAgent(), hash);
                if (previous != null && previous == hash && hash != 0) {
                    found.occur(CONVERSATION_RESET, agent, i, "assigned the same task again: " + excerpt(event), true);
                }
            }
            AgentSpec spec = specs.get(agent);
            if (event.type() == MessageType.TOOL_CALL && spec != null && !spec.tools().isEmpty()) {
                String tool = TaskView.toolOf(event);
                if (!spec.tools().contains(tool)) {
                    found.occur(ROLE_VIOLATION, agent, i, "called " + tool + ", which is not among its tools "
                            + spec.tools(), true);
                }
            }
            if (manager != null && managerSpoke && !agent.equals(manager) && task.declaresOutcome(i)) {
                found.occur(ROLE_VIOLATION, agent, i, "closed the task in place of " + manager + ": "
                        + excerpt(event), true);
            }
        }
    }

    private boolean isAgent(TaskView task, String name) {
        return task.hasAgent(name) || specs.containsKey(name);
    }

    static int nextStepOf(TaskView task, String agent, int after) {
        for (int k = after + 1; k < Math.min(task.size(), after + WINDOW); k++) {
            if (task.isAgentStep(k) && task.event(k).agentName().equals(agent)) {
                return k;
            }
        }
        return -1;
    }

    static int previousStepOf(TaskView task, String agent, int before) {
        for (int k = before - 1; k >= Math.max(0, before - WINDOW); k--) {
            if (task.isAgentStep(k) && task.event(k).agentName().equals(agent)) {
                return k;
            }
        }
        return -1;
    }
}
