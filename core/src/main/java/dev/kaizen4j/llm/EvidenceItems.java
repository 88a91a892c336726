package dev.kaizen4j.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaizen4j.analysis.AgentMetrics;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.llm.internal.EvidenceBudget;
import dev.kaizen4j.llm.internal.TaskSample;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.team.AgentSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns the report and the sampled tasks into JSON evidence items, most informative first. */
final class EvidenceItems {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Events shown before an attributed failure step, and after it. */
    static final int BEFORE_STEP = 3;
    static final int AFTER_STEP = 1;
    static final int EXAMPLES_PER_FINDING = 2;
    static final int SUCCESSES = 2;
    /** Attributed failures shown with their events; the others are listed without. */
    static final int EXCERPTS = 8;

    private EvidenceItems() {}

    static ObjectNode teamMetrics(TeamMetrics m) {
        ObjectNode node = NODES.objectNode();
        node.put("tasks", m.tasksTotal());
        node.put("completed", m.tasksCompleted());
        node.put("failed", m.tasksFailed());
        node.put("success_rate", round(m.successRate()));
        node.put("error_rate", round(m.errorRate()));
        node.put("tool_error_rate", round(m.toolErrorRate()));
        node.put("collaboration_score", round(m.collaborationScore()));
        node.put("average_completion_seconds", Math.round(m.averageCompletionSeconds()));
        return node;
    }

    static ObjectNode agentMetrics(AgentMetrics a) {
        ObjectNode node = NODES.objectNode();
        node.put("messages", a.messages());
        node.put("tool_calls", a.toolCalls());
        node.put("tool_errors", a.toolErrors());
        node.put("errors", a.errors());
        node.put("tasks_involved", a.tasksInvolved());
        node.put("task_success_rate", round(a.taskSuccessRate()));
        node.put("failures_attributed", a.failuresAttributed());
        node.put("blame_share", round(a.blameShare()));
        return node;
    }

    static ObjectNode agentPrompts(AgentSpec agent) {
        ObjectNode node = NODES.objectNode();
        node.put("name", agent.name());
        node.put("role", agent.role());
        node.put("goal", agent.goal());
        node.put("backstory", agent.backstory());
        node.put("system_prompt", agent.systemPrompt());
        ArrayNode tools = node.putArray("tools");
        agent.tools().forEach(tools::add);
        return node;
    }

    static ObjectNode finding(Finding finding, boolean withExamples) {
        ObjectNode node = NODES.objectNode();
        node.put("id", finding.id());
        node.put("title", finding.title());
        node.put("severity", finding.severity().name().toLowerCase(Locale.ROOT));
        node.put("rate", round(finding.rate()));
        node.put("count", finding.count());
        node.put("total", finding.total());
        ArrayNode agents = node.putArray("agents");
        finding.agents().forEach(agents::add);
        if (withExamples) {
            ArrayNode examples = node.putArray("examples");
            for (Evidence evidence : finding.evidence().stream().limit(EXAMPLES_PER_FINDING).toList()) {
                examples.addObject().put("task_id", evidence.taskId()).put("step", evidence.step())
                        .put("excerpt", evidence.excerpt());
            }
        }
        return node;
    }

    static ObjectNode attribution(FailureAttribution a) {
        return NODES.objectNode().put("task_id", a.taskId()).put("agent", a.agent()).put("step", a.step())
                .put("confidence", round(a.confidence())).put("reason", a.reason());
    }

    /** The attribution with the events around its step, when the task was sampled. */
    static ObjectNode failureExcerpt(FailureAttribution a, Optional<TaskSample> sample) {
        ObjectNode node = attribution(a);
        sample.ifPresent(task -> {
            ArrayNode events = node.putArray("events");
            task.events().stream()
                    .filter(step -> step.step() >= a.step() - BEFORE_STEP && step.step() <= a.step() + AFTER_STEP)
                    .forEach(step -> events.add(event(step)));
        });
        return node;
    }

    /** The whole kept task, for reviewing who caused its failure. */
    static ObjectNode task(TaskSample task) {
        ObjectNode node = NODES.objectNode().put("task_id", task.taskId())
                .put("outcome", task.outcome().name().toLowerCase(Locale.ROOT))
                .put("events_in_task", task.totalEvents());
        ArrayNode events = node.putArray("events");
        task.events().forEach(step -> events.add(event(step)));
        return node;
    }

    /** What the agent said in a successful task, for contrast. */
    static Optional<ObjectNode> success(TaskSample task, String agent) {
        List<TaskSample.Step> said = task.events().stream().filter(s -> s.event().agentName().equals(agent)).toList();
        if (said.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = NODES.objectNode().put("task_id", task.taskId()).put("outcome", "success");
        ArrayNode events = node.putArray("events");
        said.subList(Math.max(0, said.size() - 2), said.size()).forEach(step -> events.add(event(step)));
        return Optional.of(node);
    }

    static ObjectNode event(TaskSample.Step step) {
        ConversationEvent e = step.event();
        ObjectNode node = NODES.objectNode().put("step", step.step()).put("agent", e.agentName())
                .put("type", e.type().name().toLowerCase(Locale.ROOT));
        if (e.toAgent() != null) {
            node.put("to", e.toAgent());
        }
        node.put("message", e.message());
        for (Map.Entry<String, Object> meta : e.metadata().entrySet()) {
            node.put(meta.getKey(), String.valueOf(meta.getValue()));
        }
        return node;
    }

    /**
     * Offers the evidence about one agent, most informative first: its findings with examples, its
     * attributed failures (those whose events were sampled first, with the events around the failing
     * step, most confident first; then the rest as one-line attributions), then a few successes for
     * contrast. What does not fit the budget is left out.
     */
    static void offerAgentEvidence(EvidenceBudget budget, EffectivenessReport report, String agent, CaseFiles cases) {
        for (Finding finding : report.findingsFor(agent)) {
            if (!budget.offerItem("findings", finding(finding, true))) {
                budget.offerItem("findings", finding(finding, false));
            }
        }
        List<FailureAttribution> failures = report.attributionsTo(agent).stream()
                .sorted(Comparator.comparing((FailureAttribution a) -> cases.task(a.taskId()).isEmpty())
                        .thenComparing(Comparator.comparingDouble(FailureAttribution::confidence).reversed()))
                .toList();
        int excerpts = 0;
        for (FailureAttribution failure : failures) {
            Optional<TaskSample> task = cases.task(failure.taskId());
            if (excerpts < EXCERPTS && task.isPresent()
                    && budget.offerItem("attributed_failures", failureExcerpt(failure, task))) {
                excerpts++;
            } else if (!budget.offerItem("attributed_failures", attribution(failure))) {
                break;
            }
        }
        int successes = 0;
        for (TaskSample task : cases.successes()) {
            if (successes == SUCCESSES) {
                break;
            }
            Optional<ObjectNode> success = success(task, agent);
            if (success.isPresent() && budget.offerItem("successes_for_contrast", success.get())) {
                successes++;
            }
        }
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
