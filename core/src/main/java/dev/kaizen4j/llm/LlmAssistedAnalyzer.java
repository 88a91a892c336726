package dev.kaizen4j.llm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaizen4j.analysis.EffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.llm.internal.DataBlock;
import dev.kaizen4j.llm.internal.EvidenceBudget;
import dev.kaizen4j.llm.internal.TaskSample;
import dev.kaizen4j.llm.internal.TaskSampler;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.team.TeamSpec;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decorates any {@link EffectivenessAnalyzer}: while the conversations stream through the delegate,
 * a bounded sample of failed tasks is kept (those in which no agent reported an error first, since
 * their attribution is a guess); afterwards the model reviews the attributions below the ambiguity
 * threshold whose tasks were sampled, reading their events, and confirms or corrects them. Metrics,
 * findings and the ranking stay exactly as measured; a corrected attribution says so in its reason.
 * The sample is also what the discussion and the proposals quote.
 */
public final class LlmAssistedAnalyzer implements EffectivenessAnalyzer {

    private final LlmAssistant assistant;
    private final EffectivenessAnalyzer delegate;

    LlmAssistedAnalyzer(LlmAssistant assistant, EffectivenessAnalyzer delegate) {
        this.assistant = assistant;
        this.delegate = delegate;
    }

    @Override
    public EffectivenessReport analyze(Stream<Conversation> conversations, TeamSpec team) {
        requireNonNull(conversations, "conversations");
        requireNonNull(team, "team");
        TaskSampler sampler = new TaskSampler(assistant.sampledTasks());
        EffectivenessReport report = delegate.analyze(conversations.peek(sampler::offer), team);
        CaseFiles cases = new CaseFiles(sampler.failures(), sampler.successes());
        assistant.cases(cases);
        List<FailureAttribution> ambiguous = report.attributions().stream()
                .filter(a -> a.confidence() < assistant.ambiguityThreshold())
                .filter(a -> cases.task(a.taskId()).isPresent())
                .sorted(Comparator.comparingDouble(FailureAttribution::confidence))
                .limit(assistant.reviewedTasks())
                .toList();
        if (ambiguous.isEmpty()) {
            return report;
        }
        try {
            Map<String, FailureAttribution> reviewed = review(report, team, ambiguous, cases);
            List<FailureAttribution> attributions = report.attributions().stream()
                    .map(a -> reviewed.getOrDefault(a.taskId(), a))
                    .toList();
            return new EffectivenessReport(report.team(), report.metrics(), report.agents(), report.findings(),
                    attributions, report.ranking());
        } catch (LlmCallFailed failed) {
            assistant.error(failed.getMessage());
            return report;
        }
    }

    private Map<String, FailureAttribution> review(EffectivenessReport report, TeamSpec team,
            List<FailureAttribution> ambiguous, CaseFiles cases) throws LlmCallFailed {
        String system = """
                You review failure attributions of a team of AI agents. For each failed task in the data, decide \
                which agent's event (step) caused the failure. Blame an agent, never system, user, human or a tool \
                result; the agent that called a failing tool may be blamed. Confirm the current attribution when the \
                events support it, otherwise name the agent and step that did cause it. Give a confidence in [0, 1] \
                and a one-line reason that cites the step.

                """ + LlmAssistant.DATA_RULES;
        String frame = "Failed tasks to review:\n\n\nReview each task.";
        StructuredChat chat = assistant.chat();
        // The task-id enum of the schema is fixed before the evidence is chosen, so it lists every
        // candidate; reviews of tasks that did not fit are refused by the reader below.
        JsonSchema schema = schema(ambiguous.stream().map(FailureAttribution::taskId).toList());
        EvidenceBudget evidence = new EvidenceBudget(chat::estimate, chat.evidenceBudget(system, schema, frame));
        ArrayNode agents = evidence.document().arrayNode();
        team.agents().forEach(agent -> agents.add(agent.name()));
        evidence.require("team_agents", agents);
        Map<String, TaskSample> sent = new LinkedHashMap<>();
        Map<String, FailureAttribution> current = new HashMap<>();
        for (FailureAttribution attribution : ambiguous) {
            TaskSample task = cases.task(attribution.taskId()).orElseThrow();
            ObjectNode item = EvidenceItems.task(task);
            item.set("current_attribution", EvidenceItems.attribution(attribution));
            if (evidence.offerItem("tasks", item)) {
                sent.put(task.taskId(), task);
                current.put(task.taskId(), attribution);
            }
        }
        if (sent.isEmpty()) {
            return Map.of();
        }
        String user = "Failed tasks to review:\n" + DataBlock.render("failed_tasks", evidence.document())
                + "\nReview each task.";
        return chat.ask("attribution-review", system, user, schema, answer -> {
            List<String> problems = new ArrayList<>();
            Map<String, FailureAttribution> reviewed = new HashMap<>();
            Set<String> seen = new HashSet<>();
            JsonNode reviews = answer.get("reviews");
            for (int i = 0; i < reviews.size(); i++) {
                JsonNode review = reviews.get(i);
                String path = "$.reviews[" + i + "]";
                String taskId = review.get("task_id").asText();
                String agent = review.get("agent").asText();
                int step = review.get("step").asInt();
                double confidence = review.get("confidence").asDouble();
                TaskSample task = sent.get(taskId);
                if (task == null || !seen.add(taskId)) {
                    problems.add(path + ".task_id: '" + taskId + "' is not a task of the data, or is reviewed twice");
                    continue;
                }
                Optional<TaskSample.Step> event = task.step(step);
                if (event.isEmpty() || !event.get().event().agentName().equals(agent)
                        || !event.get().event().isBlameable()) {
                    problems.add(path + ": step " + step + " of " + taskId + " is not an event written by agent '"
                            + agent + "'");
                    continue;
                }
                if (confidence < 0 || confidence > 1) {
                    problems.add(path + ".confidence: must be within [0, 1]");
                    continue;
                }
                FailureAttribution before = current.get(taskId);
                String reason = review.get("reason").asText().strip();
                String note = before.agent().equals(agent) && before.step() == step
                        ? "confirmed by LLM review: " + reason
                        : "reattributed by LLM review (was " + before.agent() + " at step " + before.step() + "): "
                                + reason;
                reviewed.put(taskId, new FailureAttribution(taskId, agent, step, confidence, note));
            }
            if (!problems.isEmpty()) {
                throw new InvalidAnswer(problems);
            }
            return reviewed;
        });
    }

    private static JsonSchema schema(List<String> taskIds) {
        return Schema.named("attribution_review", Schema.object()
                .addProperty("reviews", Schema.arrayOf(Schema.object()
                        .addProperty("task_id", Schema.oneOf(taskIds, "the reviewed task"))
                        .addProperty("agent", Schema.string("the agent whose event caused the failure"))
                        .addProperty("step", JsonIntegerSchema.builder().description("that event's step").build())
                        .addProperty("confidence", JsonNumberSchema.builder().description("in [0, 1]").build())
                        .addProperty("reason", Schema.string("one line citing the step"))
                        .required("task_id", "agent", "step", "confidence", "reason")
                        .build()))
                .required("reviews")
                .build());
    }
}
