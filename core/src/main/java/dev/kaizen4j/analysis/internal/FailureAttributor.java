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
 * Finds the agent and the step that caused a failed task by scoring every agent step with the
 * signals a failed task leaves in its log, and taking the best (the earliest on a tie).
 *
 * <p>Signals, strongest first: a host check the task failed (at the step the check names); a tool
 * call or a piece of code whose result failed and was not retried successfully (blamed on the
 * caller, at the call); an error the agent reported; a later message that corrects or rejects the
 * agent's work (challenge, disagreement, or words such as "incorrect", "outdated"; the step of the
 * agent's that the correction talks about, by shared words); being where a fact of the final,
 * failed answer first appeared (so an early wrong claim that later steps build on is found); an
 * unverified assumption ("probably", "I assume"). Messages that only route work or declare the
 * outcome are discounted: the manager's final "FAILED" is rarely the cause.
 */
public final class FailureAttributor {

    /** A host check the failed task did not pass. */
    public record CheckFailure(String agent, int step, String description) {}

    /** The result: who, where, how sure and why. */
    public record Blame(String agent, int step, double confidence, String reason) {}

    /** How far back (or ahead) a signal is looked for, so that very long tasks stay linear. */
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
    private static final double HEDGE = 0.7;
    private static final double SUBSTANCE = 0.2;
    private static final double COORDINATION = -1.0;
    private static final double OUTCOME = -1.5;

    private final TaskView task;
    private final double[] score;
    private final double[] reasonWeight;
    private final String[] reason;
    private final boolean[] premature;
    /** Each step's fact tokens, read when first asked for. */
    private final Set<String>[] facts;

    private FailureAttributor(TaskView task) {
        this.task = task;
        int n = task.size();
        score = new double[n];
        reasonWeight = new double[n];
        reason = new String[n];
        premature = new boolean[n];
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
        double margin = second == Double.NEGATIVE_INFINITY ? 2 : Math.min(2, score[best] - second);
        double confidence = Math.max(0.15, Math.min(0.95, 0.2 + 0.12 * Math.max(0, score[best]) + 0.1 * margin));
        String why = reason[best] != null ? reason[best]
                : "earliest substantive contribution to a task that failed without a clearer sign";
        return Optional.of(new Blame(task.event(best).agentName(), best, round(confidence), why));
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
            add(call, recovered ? TOOL_FAILURE_RECOVERED : TOOL_FAILURE,
                    what + (recovered ? " (later retried)" : " and was never fixed") + ": " + detail);
        }
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
            } else if (Text.givesUp(event.message())) {
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
            if (task.isToolResult(j) || adopted.contains(j)) {
                continue;
            }
            boolean criticizes = Text.criticizes(event.message());
            boolean verdict = event.declaredOutcome().filter(o -> o.isFailed()).isPresent()
                    || (event.isFromNonAgent() && event.type() != MessageType.TASK_STARTED
                            && (criticizes || j > closing || event.type() == MessageType.FEEDBACK));
            boolean corrects = event.type() == MessageType.CHALLENGE || event.type() == MessageType.DISAGREEMENT
                    || criticizes;
            if (!verdict && !corrects) {
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

    /** An agent closing the task while a question addressed to another agent is unanswered. */
    private void prematureClosing() {
        int closing = closingStep();
        if (closing >= task.size()) {
            return;
        }
        String closer = task.event(closing).agentName();
        for (int j = Math.max(0, closing - WINDOW); j < closing; j++) {
            ConversationEvent event = task.event(j);
            boolean question = event.type() == MessageType.QUESTION || event.message().stripTrailing().endsWith("?");
            String to = event.toAgent();
            if (!question || to == null || to.equals(closer) || to.equals(event.agentName())) {
                continue;
            }
            boolean answered = false;
            for (int k = j + 1; k < closing && !answered; k++) {
                answered = task.isAgentStep(k) && task.event(k).agentName().equals(to);
            }
            if (!answered) {
                premature[closing] = true;
                add(closing, PREMATURE, "closed the task while a question to " + to + " was unanswered: \""
                        + Text.excerpt(event.message(), 80) + "\"");
                return;
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
     * an agent's message, or code whose output showed them. A step that says it builds on someone
     * else's input ("taking that as given", "following the plan") passes the credit on to that input.
     *
     * @return the steps whose facts the final result adopted
     */
    private Set<Integer> provenance() {
        Set<Integer> adopted = new HashSet<>();
        int end = task.outcomeStep() >= 0 ? task.outcomeStep() : task.size() - 1;
        int finalStep = -1;
        for (int i = end; i >= 0 && finalStep < 0; i--) {
            if (task.isAgentStep(i) && !facts(i).isEmpty()) {
                finalStep = i;
            }
        }
        if (finalStep < 0) {
            return adopted;
        }
        Set<String> given = new HashSet<>();
        int firstAgent = firstAgentStep();
        for (int i = 0; i < Math.min(finalStep, firstAgent); i++) {
            given.addAll(facts(i));
        }
        Map<Integer, Integer> origins = new LinkedHashMap<>();
        int considered = 0;
        for (String fact : facts(finalStep)) {
            if (given.contains(fact)) {
                continue;
            }
            considered++;
            for (int i = Math.max(firstAgent, finalStep - WINDOW); i <= finalStep; i++) {
                if (task.isToolResult(i)) {
                    int caller = task.callerOf(i);
                    if (caller >= 0 && task.isAgentStep(caller) && Text.looksLikeCode(task.event(caller).message())
                            && facts(i).contains(fact)) {
                        origins.merge(caller, 1, Integer::sum);
                        break;
                    }
                } else if (task.isAgentStep(i) && facts(i).contains(fact)) {
                    origins.merge(i, 1, Integer::sum);
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
            if (step == finalStep) {
                add(step, PROVENANCE * 0.5 * share, "produced the failed result");
                continue;
            }
            int source = Text.defers(task.event(step).message()) ? deferredSource(step) : borrowedInput(step, given);
            if (source >= 0) {
                add(source, PROVENANCE * (0.5 + share), "the failed result built on its input: \""
                        + Text.excerpt(task.event(source).message(), 80) + "\"");
                add(step, PROVENANCE * 0.25, "passed on what the failed result relied on");
            } else {
                add(step, PROVENANCE * (0.5 + share), "first stated what the failed result relied on: \""
                        + Text.excerpt(task.event(step).message(), 80) + "\"");
            }
        }
        return adopted;
    }

    /**
     * For code that ran successfully: the earlier step of another agent that introduced the names or
     * figures the code worked on (a retrieval is only as right as what it was asked for); -1 if the
     * code used nothing borrowed or failed.
     */
    private int borrowedInput(int step, Set<String> given) {
        if (!Text.looksLikeCode(task.event(step).message()) || !ranCleanly(step)) {
            return -1;
        }
        String agent = task.event(step).agentName();
        int earliest = -1;
        for (String fact : facts(step)) {
            if (given.contains(fact)) {
                continue;
            }
            for (int k = Math.max(firstAgentStep(), step - WINDOW); k < step; k++) {
                if (task.isAgentStep(k) && facts(k).contains(fact)) {
                    if (!task.event(k).agentName().equals(agent) && (earliest < 0 || k < earliest)) {
                        earliest = k;
                    }
                    break;
                }
            }
        }
        return earliest;
    }

    private boolean ranCleanly(int call) {
        for (int k = call + 1; k < Math.min(task.size(), call + 4); k++) {
            if (task.isToolResult(k) && task.callerOf(k) == call) {
                return !task.isToolFailure(k);
            }
        }
        return false;
    }

    /** The earlier agent step, by another agent, that step {@code i} says it builds on; -1 if none. */
    private int deferredSource(int i) {
        String agent = task.event(i).agentName();
        for (int k = i - 1; k >= Math.max(0, i - WINDOW); k--) {
            if (task.isAgentStep(k) && !task.event(k).agentName().equals(agent)
                    && task.wordCount(k) >= 5) {
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
            facts[step] = known;
        }
        return known;
    }

    private void priors() {
        for (int i = 0; i < task.size(); i++) {
            if (!task.isAgentStep(i)) {
                continue;
            }
            ConversationEvent event = task.event(i);
            if (premature[i]) {
                continue;
            }
            if (task.declaresOutcome(i)) {
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
            if (Text.hedges(event.message())) {
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

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
