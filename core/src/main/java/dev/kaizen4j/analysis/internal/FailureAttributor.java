package dev.kaizen4j.analysis.internal;

import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the agent and the step that caused a failed task. Every agent step is scored by the principles
 * below and the best step wins (the earliest on a tie). Each principle is about the structure of the log
 * (who stated what first, who called which tool, who was asked to do what, who spoke last), so a reviewer
 * can check an attribution against the log by hand:
 *
 * <ol>
 *   <li><b>A failed host check</b> is blamed on the agent and step the check names.
 *   <li><b>The origin of the failed result.</b> The result is what was last delivered to the requester (an
 *       agent step addressed to {@code user} or {@code human}), else the last agent step stating a figure or
 *       name. Each of its figures and names that the requester did not give is traced to the step that
 *       first stated it. A figure first stated by an agent, with no tool output showing it, is a claim and
 *       weighs most; a figure that first appeared in a tool's output is the calling step's retrieval.
 *   <li><b>A retrieval is only as right as what it was asked for.</b> When the call that returned the failed
 *       figure used a name or figure the requester never gave, the step that first stated it (an
 *       instruction, a plan, a hand-off) is credited instead. Relays and summaries therefore point back to
 *       their source: an orchestrator repeating a worker's figure is not its origin.
 *   <li><b>An approval that was asked for and not done.</b> An agent asked to check or approve (a request
 *       addressed to it or naming it) that approves the failed result without running anything of its own
 *       between the request and the approval let the failure through; its approval is decisive.
 *   <li><b>Carrying on after a failed call.</b> A tool call or code whose result failed and was never retried
 *       successfully: blamed on the first later step that carries on as if it had worked (states a new
 *       figure, or reports on without saying anything failed), else on the call.
 *   <li><b>Ending too early.</b> The step that ends the task while a question to another agent, or the
 *       requester's question, is unanswered; or that ends it without an answer although another agent had
 *       just reported a result to it (or a tool had just shown one).
 *   <li><b>Corrections.</b> A later challenge or disagreement, or a complaint, credits the earlier step it
 *       talks about (by shared words and figures, preferring the agent it addresses or names). A failure
 *       verdict that repeats the failed result's figures adds nothing: the origin is already traced.
 *   <li><b>What only words can say</b> weighs least: an error the agent reported, giving up, an unverified
 *       assumption ("probably", "I recall"), saying it builds on someone else's input ("taking that as
 *       given"). These phrase lists live in {@link Text} and are tested with paraphrases.
 * </ol>
 *
 * <p>Messages that only route work or declare the outcome are discounted, unless a principle above found
 * them decisive. Speakers are compared by their base names ({@link AgentNames}). The confidence is the
 * winning score and its lead over the best step of any other agent, mapped through {@link AttributionCalibration}.
 */
public final class FailureAttributor {

    /** A host check the failed task did not pass. */
    public record CheckFailure(String agent, int step, String description) {}

    /**
     * The result: who, where, how sure and why, with the raw evidence the confidence was calibrated from
     * (the winning step's score and its lead over the best step of any other agent).
     */
    public record Blame(String agent, int step, double confidence, String reason, double score, double margin) {}

    /** How far back (or ahead) a signal is looked for, so that very long tasks stay linear. */
    /** Shorter messages ("ok", a topic) are quoted by chance; longer ones are passed on. */
    private static final int MIN_RELAYED_CHARS = 24;
    private static final int WINDOW = 1000;
    /** How far back a correction looks for the work it is about. */
    private static final int LOOK_BACK = 300;

    private static final double CHECK = 3.5;
    private static final double TOOL_FAILURE = 3.0;
    private static final double TOOL_FAILURE_RECOVERED = 0.4;
    private static final double AGENT_ERROR = 2.5;
    private static final double CORRECTION = 2.0;
    private static final double PROVENANCE = 1.0;
    private static final double GIVE_UP = 1.0;
    private static final double PREMATURE = 2.5;
    private static final double UNCHECKED_APPROVAL = 2.5;
    private static final double HEDGE = 0.7;
    private static final double SUBSTANCE = 0.2;
    private static final double COORDINATION = -1.0;
    private static final double OUTCOME = -1.5;

    private final TaskView task;
    private final double[] score;
    private final double[] reasonWeight;
    private final String[] reason;
    /** Steps a structural rule found decisive: not discounted as mere routing or closing. */
    private final boolean[] decisive;
    /** Each step's fact tokens, read when first asked for. */
    private final Set<String>[] facts;
    private @Nullable Set<String> agentTokens;
    /** The step that stated the final, failed result, or -1; set by {@link #provenance()}. */
    private int finalStep = -1;
    /** Facts the requester (or the system) gave: never anybody's mistake. */
    private final Set<String> given = new HashSet<>();
    /** Whether the final result's facts first appeared in the final step itself. */
    private boolean introducedAtEnd;

    private FailureAttributor(TaskView task) {
        this.task = task;
        int n = task.size();
        score = new double[n];
        reasonWeight = new double[n];
        reason = new String[n];
        decisive = new boolean[n];
        @SuppressWarnings("unchecked")
        Set<String>[] none = new Set[n];
        facts = none;
    }

    /** Attributes a failed task; empty when no agent spoke in it. */
    public static Optional<Blame> attribute(TaskView task, List<CheckFailure> failedChecks) {
        return new FailureAttributor(task).run(failedChecks);
    }

    private Optional<Blame> run(List<CheckFailure> failedChecks) {
        boolean anyAgent = false;
        for (int i = 0; i < task.size(); i++) {
            anyAgent |= task.isAgentStep(i);
        }
        if (!anyAgent) {
            return Optional.empty();
        }
        for (CheckFailure check : failedChecks) {
            int step = check.step();
            if (step >= 0 && step < task.size() && task.isAgentStep(step)
                    && task.event(step).agentName().equals(check.agent())) {
                add(step, CHECK, "failed the check '" + check.description() + "'");
            } else {
                int last = lastStepOf(check.agent(), task.size());
                if (last >= 0) {
                    add(last, CHECK, "failed the check '" + check.description() + "'");
                }
            }
        }
        toolFailures();
        agentErrors();
        prematureClosing();
        Set<Integer> adopted = provenance();
        uncheckedApprovals(adopted);
        corrections(adopted);
        priors();

        int best = -1;
        double second = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < task.size(); i++) {
            if (!task.isAgentStep(i)) {
                continue;
            }
            if (best < 0 || score[i] > score[best]) {
                if (best >= 0 && !task.event(best).agentName().equals(task.event(i).agentName())) {
                    second = Math.max(second, score[best]);
                }
                best = i;
            } else if (!task.event(i).agentName().equals(task.event(best).agentName())) {
                second = Math.max(second, score[i]);
            }
        }
        double margin = second == Double.NEGATIVE_INFINITY ? AttributionCalibration.MAX_MARGIN : score[best] - second;
        String why = reason[best] != null ? reason[best]
                : "earliest substantive contribution to a task that failed without a clearer sign";
        return Optional.of(new Blame(task.event(best).agentName(), best,
                AttributionCalibration.confidence(score[best], margin), why, score[best], margin));
    }

    private void toolFailures() {
        for (int i = 0; i < task.size(); i++) {
            if (!task.isToolResult(i) || !task.isToolFailure(i)) {
                continue;
            }
            int call = task.callerOf(i);
            if (call < 0 || !task.isAgentStep(call)) {
                continue;
            }
            ConversationEvent result = task.event(i);
            String caller = task.event(call).agentName();
            boolean recovered = false;
            for (int j = i + 1; j < Math.min(task.size(), i + WINDOW) && !recovered; j++) {
                if (task.isToolResult(j) && !task.isToolFailure(j) && task.callerOf(j) >= 0
                        && task.event(task.callerOf(j)).agentName().equals(caller)
                        && sameTool(result, task.event(j))) {
                    recovered = true;
                }
            }
            String what = task.event(call).type() == MessageType.TOOL_CALL
                    ? "its call to " + TaskView.toolOf(task.event(call)) + " failed"
                    : "its code failed when run";
            String detail = Text.excerpt(result.error().orElse(result.message()), 80);
            if (recovered) {
                add(call, TOOL_FAILURE_RECOVERED, what + " (later retried): " + detail);
                continue;
            }
            int carriedOn = carriedOnAfter(i);
            if (carriedOn >= 0) {
                add(carriedOn, TOOL_FAILURE, "carried on as if a failed call had worked (" + caller + ": " + detail
                        + "): \"" + Text.excerpt(task.event(carriedOn).message(), 80) + "\"");
                add(call, TOOL_FAILURE_RECOVERED, what + ": " + detail);
            } else {
                add(call, TOOL_FAILURE, what + " and was never fixed: " + detail);
            }
        }
    }

    /**
     * The first agent step after the failed result {@code i} that carries on as if it had worked: it
     * states a figure or name nobody had stated before, or reports on without saying that anything failed
     * (a hand-off that states nothing new only relays, and does not count).
     * A retry, an error or a step that gives up does not carry on; -1 when no step does.
     */
    private int carriedOnAfter(int i) {
        int end = Math.min(task.size(), i + WINDOW);
        for (int p = i + 1; p < end; p++) {
            if (task.isToolResult(p)) {
                return -1;
            }
            if (!task.isAgentStep(p) || task.isCoordination(p)) {
                continue;
            }
            ConversationEvent event = task.event(p);
            if (event.type() == MessageType.TOOL_CALL) {
                return -1;
            }
            // Handing the work on only relays what earlier steps said; whoever acts on it next carries on.
            boolean handsOn = event.type() == MessageType.DELEGATION || event.type() == MessageType.TASK_ASSIGNMENT;
            if (handsOn && relaysEarlierStep(p)) {
                continue;
            }
            if (introducesFact(p)) {
                return p;
            }
            if (event.isError() || Text.givesUp(event.message(), task.triggers(p))) {
                continue;
            }
            boolean reports = event.toAgent() != null && !handsOn || event.type() == MessageType.ANSWER
                    || event.type() == MessageType.TASK_COMPLETION || event.type() == MessageType.DECISION;
            if (reports && !Text.acknowledgesFailure(event.message())) {
                return p;
            }
        }
        return -1;
    }

    /** Whether step {@code p} quotes an earlier step's whole message: it passes that step's work on. */
    private boolean relaysEarlierStep(int p) {
        String message = task.event(p).message();
        for (int k = Math.max(0, p - WINDOW); k < p; k++) {
            String earlier = task.event(k).message().strip();
            if (earlier.length() >= MIN_RELAYED_CHARS && message.contains(earlier)) {
                return true;
            }
        }
        return false;
    }

    /** Whether step {@code p} states a figure or name that no earlier event of the task stated. */
    private boolean introducesFact(int p) {
        for (String fact : facts(p)) {
            boolean seen = false;
            for (int k = Math.max(0, p - WINDOW); k < p && !seen; k++) {
                seen = facts(k).contains(fact);
            }
            if (!seen) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameTool(ConversationEvent a, ConversationEvent b) {
        return a.tool().orElse(a.agentName()).equals(b.tool().orElse(b.agentName()));
    }

    private void agentErrors() {
        for (int i = 0; i < task.size(); i++) {
            ConversationEvent event = task.event(i);
            if (!task.isAgentStep(i) || task.declaresOutcome(i) || followsOwnToolFailure(i)) {
                continue;
            }
            if (event.isError()) {
                add(i, AGENT_ERROR, "reported an error: " + Text.excerpt(event.error().orElse(event.message()), 80));
            } else if (Text.givesUp(event.message(), task.triggers(i))) {
                add(i, GIVE_UP, "gave up or claimed it could not be done: \"" + Text.excerpt(event.message(), 80) + "\"");
            }
        }
    }

    /** Whether the agent of step {@code i} had a tool call or code fail earlier: its error is a consequence. */
    private boolean followsOwnToolFailure(int i) {
        String agent = task.event(i).agentName();
        for (int k = i - 1; k >= Math.max(0, i - WINDOW); k--) {
            if (task.isToolResult(k) && task.isToolFailure(k) && task.callerOf(k) >= 0
                    && task.event(task.callerOf(k)).agentName().equals(agent)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Later messages that correct or reject earlier work, and verdicts on the failed task (its failure
     * event, feedback from users): each credits the earlier agent step it talks about, found by shared
     * words, preferring the agent it addresses or names.
     */
    private void corrections(Set<Integer> adopted) {
        int firstAgent = firstAgentStep();
        int closing = closingStep();
        for (int j = firstAgent + 1; j < task.size(); j++) {
            ConversationEvent event = task.event(j);
            if (task.isToolResult(j) || adopted.contains(j) || decisive[j]) {
                continue; // an agent ending the task too early is not correcting anyone
            }
            boolean criticizes = Text.criticizes(event.message(), task.triggers(j));
            boolean verdict = event.declaredOutcome().filter(o -> o.isFailed()).isPresent()
                    || (event.isFromNonAgent() && event.type() != MessageType.TASK_STARTED
                            && (criticizes || j > closing || event.type() == MessageType.FEEDBACK));
            boolean corrects = event.type() == MessageType.CHALLENGE || event.type() == MessageType.DISAGREEMENT
                    || criticizes;
            if (!verdict && !corrects) {
                continue;
            }
            if (verdict && event.isFromNonAgent() && namesFailedResult(j)) {
                continue;
            }
            if (Text.missesRequirement(event.message())) {
                int plan = firstSubstantiveStep();
                if (plan >= 0 && plan < j) {
                    add(plan, CORRECTION + 0.5, "the result missed what was asked, first restated here: \""
                            + Text.excerpt(task.event(plan).message(), 80) + "\"");
                    continue;
                }
            }
            String speaker = event.agentName();
            String addressed = addressee(j);
            String named = namedAgent(j);
            long[] words = task.words(j);
            int step = -1;
            double best = 0;
            double bestOverlap = 0;
            for (int i = Math.max(0, j - LOOK_BACK); i < j; i++) {
                if (!task.isAgentStep(i) || task.event(i).agentName().equals(speaker) || task.isCoordination(i)
                        || task.wordCount(i) < 5
                        || (task.event(i).type() == MessageType.TOOL_CALL && !Text.looksLikeCode(task.event(i).message()))) {
                    continue;
                }
                String agent = task.event(i).agentName();
                int shared = Text.shared(words, task.words(i));
                boolean sharesFact = sharesFact(j, i);
                if (shared == 0 || (verdict && shared < 2 && !sharesFact)) {
                    continue;
                }
                double overlap = (double) shared / words.length;
                double value = overlap + (agent.equals(addressed) || agent.equals(named) ? 0.5 : 0);
                if (value > best + 1e-9) {
                    best = value;
                    bestOverlap = overlap;
                    step = i;
                }
            }
            if (step >= 0) {
                step = factOrigin(j, step);
            }
            if (step < 0) {
                String target = named != null ? named : addressed;
                if (target == null && corrects && !verdict) {
                    target = previousOtherAgent(j, speaker);
                }
                if (target == null) {
                    continue;
                }
                step = firstInstance(lastSubstantiveStepOf(target, j));
            }
            if (step < 0) {
                continue;
            }
            int root = consequenceOf(step);
            double weight = CORRECTION + Math.min(1, bestOverlap * 2) + (event.isFromNonAgent() ? 0.5 : 0)
                    + (named != null && named.equals(task.event(step).agentName()) ? 0.5 : 0);
            String why = (verdict && !corrects ? "the failure verdict points at its work: \""
                    : "its work was corrected by " + speaker + ": \"") + Text.excerpt(event.message(), 80) + "\"";
            if (root != step) {
                score[root] += weight;
            } else {
                add(step, weight, why);
            }
        }
    }

    /** Whether step {@code j} repeats a figure or name of the final result: provenance already traced it. */
    private boolean namesFailedResult(int j) {
        if (finalStep < 0) {
            return false;
        }
        for (String fact : facts(j)) {
            if (facts(finalStep).contains(fact) && !given.contains(fact)) {
                return true;
            }
        }
        return false;
    }

    private boolean sharesFact(int j, int i) {
        for (String fact : facts(j)) {
            if (facts(i).contains(fact)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the facts that step {@code j} shares with step {@code i} first appeared: code whose output
     * showed them, or an earlier agent message; {@code i} when they first appeared there.
     */
    private int factOrigin(int j, int i) {
        int origin = i;
        for (String fact : facts(j)) {
            if (!facts(i).contains(fact)) {
                continue;
            }
            for (int k = Math.max(firstAgentStep(), origin - WINDOW); k < origin; k++) {
                if (task.isToolResult(k)) {
                    int caller = task.callerOf(k);
                    if (caller >= 0 && task.isAgentStep(caller) && Text.looksLikeCode(task.event(caller).message())
                            && facts(k).contains(fact)) {
                        origin = caller;
                        break;
                    }
                } else if (task.isAgentStep(k) && facts(k).contains(fact)
                        && !task.event(k).agentName().equals(task.event(j).agentName())) {
                    origin = k;
                    break;
                }
            }
        }
        return origin;
    }

    /** For a step written after the same agent's tool call or code failed: that call, the root of it. */
    private int consequenceOf(int step) {
        if (step < 0 || task.event(step).type() == MessageType.TOOL_CALL) {
            return step;
        }
        String agent = task.event(step).agentName();
        for (int k = step - 1; k >= Math.max(0, step - WINDOW); k--) {
            if (task.isToolResult(k) && task.isToolFailure(k)) {
                int call = task.callerOf(k);
                if (call >= 0 && task.isAgentStep(call) && task.event(call).agentName().equals(agent)) {
                    return firstInstance(call);
                }
            }
        }
        return step;
    }

    /** The first step where the agent of {@code step} sent the same message (up to case and punctuation). */
    private int firstInstance(int step) {
        if (step < 0) {
            return step;
        }
        ConversationEvent event = task.event(step);
        long hash = task.normalizedHash(step);
        if (hash == 0) {
            return step;
        }
        for (int i = Math.max(0, step - WINDOW); i < step; i++) {
            if (task.isAgentStep(i) && task.event(i).agentName().equals(event.agentName())
                    && task.normalizedHash(i) == hash) {
                return i;
            }
        }
        return step;
    }

    /** The first agent step that says something of substance: usually the restated request or the plan. */
    private int firstSubstantiveStep() {
        for (int i = 0; i < task.size(); i++) {
            if (task.isAgentStep(i) && task.wordCount(i) >= 5
                    && !task.declaresOutcome(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The first agent step that declared an outcome or terminated; the task's size if none. */
    private int closingStep() {
        for (int i = 0; i < task.size(); i++) {
            if (task.isAgentStep(i) && (task.declaresOutcome(i)
                    || Text.terminates(task.event(i).message()))) {
                return i;
            }
        }
        return task.size();
    }

    /**
     * An agent ending the task too early: while a question to another agent, or the requester's question,
     * is unanswered; or without an answer although another agent had just reported a result to it.
     */
    private void prematureClosing() {
        int closing = closingStep();
        if (closing >= task.size()) {
            closing = lastAgentStepBefore(task.outcomeStep() >= 0 ? task.outcomeStep() : task.size());
            if (closing < 0) {
                return;
            }
        }
        String closer = task.event(closing).agentName();
        for (int j = Math.max(0, closing - WINDOW); j < closing; j++) {
            ConversationEvent event = task.event(j);
            boolean question = event.type() == MessageType.QUESTION || Text.endsWithQuestionMark(event.message());
            if (!question || task.isToolResult(j)) {
                continue;
            }
            String to = event.toAgent();
            boolean toTeam = event.isFromNonAgent() && event.type() != MessageType.TASK_STARTED
                    && (to == null || to.equals(closer));
            if (!toTeam && (to == null || to.equals(closer) || to.equals(event.agentName()))) {
                continue;
            }
            boolean answered = false;
            for (int k = j + 1; k < closing && !answered; k++) {
                answered = task.isAgentStep(k) && (toTeam || task.event(k).agentName().equals(to));
            }
            if (!answered) {
                decisive[closing] = true;
                add(closing, PREMATURE, "closed the task while a question" + (toTeam ? "" : " to " + to)
                        + " was unanswered: \"" + Text.excerpt(event.message(), 80) + "\"");
                return;
            }
        }
        int dropped = droppedResult(closing);
        if (dropped >= 0) {
            decisive[closing] = true;
            add(closing, PREMATURE, "ended the task without the result " + reporterOf(dropped) + " had just given: \""
                    + Text.excerpt(task.event(dropped).message(), 80) + "\"");
        }
    }

    /**
     * When the closing step states no new figure or name: the result it left out, namely the last report
     * addressed to the closer by another agent whose facts the closer never repeated, or a tool's output
     * right before the close; -1 otherwise.
     */
    private int droppedResult(int closing) {
        Set<String> requested = new HashSet<>();
        for (int i = 0; i < closing; i++) {
            if (task.event(i).isFromNonAgent()) {
                requested.addAll(facts(i));
            }
        }
        ConversationEvent close = task.event(closing);
        boolean ends = task.declaresOutcome(closing) || Text.terminates(close.message())
                || Text.givesUp(close.message(), task.triggers(closing))
                || close.type() == MessageType.DECISION || close.type() == MessageType.TASK_COMPLETION
                || task.wordCount(closing) < 8;
        if (!ends || !requested.containsAll(facts(closing))) {
            return -1;
        }
        String closer = task.event(closing).agentName();
        boolean adjacent = true;
        for (int r = closing - 1; r >= Math.max(0, closing - WINDOW); r--) {
            ConversationEvent event = task.event(r);
            Set<String> novel = new HashSet<>(facts(r));
            novel.removeAll(requested);
            if (task.isToolResult(r)) {
                if (adjacent && !task.isToolFailure(r) && !novel.isEmpty()) {
                    return r;
                }
                adjacent = false;
                continue;
            }
            if (!task.isAgentStep(r)) {
                continue;
            }
            if (event.agentName().equals(closer)) {
                if (event.type() == MessageType.TOOL_CALL) {
                    return -1;
                }
                adjacent = false;
                for (String fact : novel) {
                    if (facts(r).contains(fact)) {
                        return -1;
                    }
                }
                if (!novel.isEmpty()) {
                    return -1;
                }
                continue;
            }
            adjacent = false;
            if (!novel.isEmpty() && closer.equals(event.toAgent()) && !Text.criticizes(event.message(), task.triggers(r))) {
                return r; // a result; a correction is handled as one
            }
        }
        return -1;
    }

    private String reporterOf(int step) {
        if (task.isToolResult(step) && task.callerOf(step) >= 0) {
            return "the call of " + task.event(task.callerOf(step)).agentName();
        }
        return task.event(step).agentName();
    }

    private int lastAgentStepBefore(int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (task.isAgentStep(i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * An agent that was asked to check or approve another agent's work and approved it without running
     * anything (no tool call or code of its own between the request and its approval): the failed result
     * passed the gate meant to stop it. Only approvals after the failed result first appeared count.
     */
    private void uncheckedApprovals(Set<Integer> adopted) {
        int firstOrigin = adopted.stream().mapToInt(Integer::intValue).min().orElse(-1);
        int end = task.outcomeStep() >= 0 ? task.outcomeStep() : task.size();
        for (int j = Math.max(0, firstOrigin + 1); j < end; j++) {
            ConversationEvent event = task.event(j);
            if (!task.isAgentStep(j) || event.type() == MessageType.DISAGREEMENT || event.type() == MessageType.CHALLENGE
                    || !(event.type() == MessageType.AGREEMENT || Text.approves(event.message()))) {
                continue;
            }
            String approver = event.agentName();
            for (int k = j - 1; k >= Math.max(0, j - WINDOW); k--) {
                if (!task.isAgentStep(k)) {
                    continue;
                }
                ConversationEvent earlier = task.event(k);
                if (earlier.agentName().equals(approver)) {
                    if (earlier.type() == MessageType.TOOL_CALL || Text.looksLikeCode(earlier.message())) {
                        break;
                    }
                    continue;
                }
                if ((approver.equals(earlier.toAgent()) || Text.mentions(earlier.message(), approver))
                        && Text.requestsCheck(earlier.message())) {
                    decisive[j] = true;
                    add(j, UNCHECKED_APPROVAL, "approved " + earlier.agentName()
                            + "'s result without checking it, when asked to: \"" + Text.excerpt(event.message(), 80)
                            + "\"");
                    return;
                }
            }
        }
    }

    private @Nullable String previousOtherAgent(int j, String speaker) {
        for (int i = j - 1; i >= Math.max(0, j - WINDOW); i--) {
            if (task.isAgentStep(i) && !task.event(i).agentName().equals(speaker) && !task.isCoordination(i)) {
                return task.event(i).agentName();
            }
        }
        return null;
    }

    private @Nullable String addressee(int j) {
        String to = task.event(j).toAgent();
        if (to == null || to.equals(task.event(j).agentName())) {
            return null;
        }
        return task.hasAgent(to) ? to : null;
    }

    private @Nullable String namedAgent(int j) {
        String speaker = task.event(j).agentName();
        for (String agent : task.agents()) {
            if (!agent.equals(speaker) && Text.mentions(task.event(j).message(), agent)) {
                return agent;
            }
        }
        return null;
    }

    /**
     * Credits the step where the facts (figures, names) of the final, failed result first appeared:
     * an agent's message, or the call whose result showed them. A retrieval is only as right as what
     * it was asked for: when the call that returned the facts used a name or figure the task never
     * gave, the step that first stated it (an instruction, a plan, a hand-off) is credited instead.
     * A step that says it builds on someone else's input passes the credit on to that input.
     *
     * @return the steps whose facts the final result adopted
     */
    private Set<Integer> provenance() {
        Set<Integer> adopted = new HashSet<>();
        int end = task.outcomeStep() >= 0 ? task.outcomeStep() : task.size() - 1;
        int lastWithFacts = -1;
        int lastToRequester = -1;
        for (int i = end; i >= 0 && lastToRequester < 0; i--) {
            if (task.isAgentStep(i) && !facts(i).isEmpty()) {
                lastWithFacts = lastWithFacts < 0 ? i : lastWithFacts;
                String to = task.event(i).toAgent();
                if (to != null && ConversationEvent.NON_AGENT_SPEAKERS.contains(to.toLowerCase(java.util.Locale.ROOT))) {
                    lastToRequester = i;
                }
            }
        }
        // What was delivered to the requester is the result; else the last statement of fact.
        finalStep = lastToRequester >= 0 ? lastToRequester : lastWithFacts;
        if (finalStep < 0) {
            return adopted;
        }
        int firstAgent = firstAgentStep();
        for (int i = 0; i < finalStep; i++) {
            if (task.event(i).isFromNonAgent()) {
                given.addAll(facts(i));
            }
        }
        Map<Integer, Integer> origins = new LinkedHashMap<>();
        Set<Integer> fromResult = new HashSet<>();
        Set<Integer> claimed = new HashSet<>();
        int considered = 0;
        for (String fact : facts(finalStep)) {
            if (given.contains(fact)) {
                continue;
            }
            considered++;
            for (int i = Math.max(firstAgent, finalStep - WINDOW); i <= finalStep; i++) {
                if (task.isToolResult(i)) {
                    int caller = task.callerOf(i);
                    if (caller >= 0 && task.isAgentStep(caller) && facts(i).contains(fact)) {
                        origins.merge(caller, 1, Integer::sum);
                        fromResult.add(caller);
                        break;
                    }
                } else if (task.isAgentStep(i) && facts(i).contains(fact)) {
                    origins.merge(i, 1, Integer::sum);
                    claimed.add(i);
                    break;
                }
            }
        }
        if (considered == 0) {
            return adopted;
        }
        for (Map.Entry<Integer, Integer> origin : origins.entrySet()) {
            int step = origin.getKey();
            adopted.add(step);
            double share = (double) origin.getValue() / considered;
            boolean retrieved = fromResult.contains(step) && !claimed.contains(step);
            int source = Text.defers(task.event(step).message()) ? deferredSource(step)
                    : retrieved || !isCall(step) ? inputOrigin(step, given) : -1;
            // A claim nobody backed with a tool's output weighs more than a retrieval that returned it.
            double weight = PROVENANCE * (retrieved ? 0.5 + share : 1 + share);
            if (source >= 0 && source != step) {
                add(source, weight, "the failed result was obtained with what it stated: \""
                        + Text.excerpt(task.event(source).message(), 80) + "\"");
                add(step, PROVENANCE * 0.25, "passed on what the failed result relied on");
            } else if (step == finalStep) {
                add(step, weight, "stated a result nobody had given before it: \""
                        + Text.excerpt(task.event(step).message(), 80) + "\"");
                introducedAtEnd = true;
            } else {
                add(step, weight, "first stated what the failed result relied on: \""
                        + Text.excerpt(task.event(step).message(), 80) + "\"");
            }
        }
        return adopted;
    }

    /**
     * For a step whose facts came from a tool call or code it ran (or that reports a call whose result
     * was not logged): the earliest step that first stated a name or figure the call used and the task
     * never gave; -1 when the call used nothing new from before it.
     */
    private int inputOrigin(int step, Set<String> given) {
        int call = retrievalOf(step);
        if (call < 0) {
            return -1;
        }
        int earliest = -1;
        for (String fact : facts(call)) {
            if (given.contains(fact)) {
                continue;
            }
            for (int k = Math.max(firstAgentStep(), call - WINDOW); k < call; k++) {
                if (task.isAgentStep(k) && facts(k).contains(fact)) {
                    if (earliest < 0 || k < earliest) {
                        earliest = k;
                    }
                    break;
                }
            }
        }
        return earliest;
    }

    private boolean isCall(int step) {
        ConversationEvent event = task.event(step);
        return event.type() == MessageType.TOOL_CALL || Text.looksLikeCode(event.message());
    }

    /** The call behind a step: the step itself if it calls a tool or is code, else its agent's unanswered call. */
    private int retrievalOf(int step) {
        ConversationEvent event = task.event(step);
        if (event.type() == MessageType.TOOL_CALL || Text.looksLikeCode(event.message())) {
            return step;
        }
        String agent = event.agentName();
        for (int k = step - 1; k >= Math.max(0, step - 20); k--) {
            if (task.isToolResult(k) && task.callerOf(k) >= 0
                    && task.event(task.callerOf(k)).agentName().equals(agent)) {
                return -1;
            }
            if (task.isAgentStep(k) && task.event(k).agentName().equals(agent)
                    && task.event(k).type() == MessageType.TOOL_CALL) {
                return k;
            }
        }
        return -1;
    }

    /** The earlier agent step, by another agent, that step {@code i} says it builds on; -1 if none. */
    private int deferredSource(int i) {
        String agent = task.event(i).agentName();
        for (int k = i - 1; k >= Math.max(0, i - WINDOW); k--) {
            if (task.isAgentStep(k) && !task.event(k).agentName().equals(agent) && task.wordCount(k) >= 5) {
                return k;
            }
        }
        return -1;
    }

    private int firstAgentStep() {
        for (int i = 0; i < task.size(); i++) {
            if (task.isAgentStep(i)) {
                return i;
            }
        }
        return task.size();
    }

    private Set<String> facts(int step) {
        Set<String> known = facts[step];
        if (known == null) {
            known = Text.factTokens(task.event(step).message());
            if (!known.isEmpty()) {
                // Speakers' names and "I'm", "I'll" name nobody's facts.
                known.removeIf(token -> agentTokens().contains(token) || token.startsWith("i'"));
            }
            facts[step] = known;
        }
        return known;
    }

    /** The task's agent names in lower case: names of speakers are not facts about the task. */
    private Set<String> agentTokens() {
        Set<String> names = agentTokens;
        if (names == null) {
            names = new HashSet<>();
            for (String agent : task.agents()) {
                names.add(agent.toLowerCase(java.util.Locale.ROOT));
                names.add(agent.toLowerCase(java.util.Locale.ROOT) + "'s");
            }
            agentTokens = names;
        }
        return names;
    }

    private void priors() {
        for (int i = 0; i < task.size(); i++) {
            if (!task.isAgentStep(i)) {
                continue;
            }
            ConversationEvent event = task.event(i);
            if (decisive[i]) {
                continue;
            }
            if (task.declaresOutcome(i) && !(introducedAtEnd && i == finalStep)) {
                score[i] += OUTCOME;
            }
            if (task.isCoordination(i)) {
                score[i] += COORDINATION;
                continue;
            }
            if (Text.terminates(event.message()) && task.wordCount(i) < 4) {
                score[i] += COORDINATION;
                continue;
            }
            if (Text.hedges(event.message(), task.triggers(i))) {
                add(i, HEDGE, "stated an unverified assumption: \"" + Text.excerpt(event.message(), 80) + "\"");
            }
            if (task.wordCount(i) >= 8 || event.type() == MessageType.TOOL_CALL) {
                score[i] += SUBSTANCE;
            }
        }
    }

    private int lastStepOf(String agent, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (task.isAgentStep(i) && task.event(i).agentName().equals(agent)) {
                return i;
            }
        }
        return -1;
    }

    private int lastSubstantiveStepOf(String agent, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (task.isAgentStep(i) && task.event(i).agentName().equals(agent) && !task.isCoordination(i)) {
                return i;
            }
        }
        return lastStepOf(agent, before);
    }

    private void add(int step, double weight, String why) {
        if (step < 0 || step >= score.length || !task.isAgentStep(step)) {
            return;
        }
        score[step] += weight;
        if (weight > reasonWeight[step]) {
            reasonWeight[step] = weight;
            reason[step] = why;
        }
    }
}
