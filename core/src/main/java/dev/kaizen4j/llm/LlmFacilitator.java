package dev.kaizen4j.llm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kaizen4j.analysis.AgentRanking;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.discussion.Facilitator;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.discussion.PlannedImprovement;
import dev.kaizen4j.llm.internal.DataBlock;
import dev.kaizen4j.llm.internal.EvidenceBudget;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.TeamSpec;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The manager-led discussion on an LLM. The manager (the team spec's {@code manager}, speaking with
 * its own system prompt) opens with the metrics; each agent the analysis ranks for improvement
 * reflects on the evidence about it (its prompts, its attributed failures with the events around
 * the failing step, the findings naming it, a few successes); the manager then settles on a plan of
 * prioritized improvements, each tied to findings and evidence. Every turn is kept in the plan's
 * transcript.
 */
public final class LlmFacilitator implements Facilitator {

    private final LlmAssistant assistant;

    LlmFacilitator(LlmAssistant assistant) {
        this.assistant = assistant;
    }

    @Override
    public ImprovementPlan facilitate(EffectivenessReport report, TeamSpec team, List<String> reviewerFeedback) {
        requireNonNull(report, "report");
        requireNonNull(team, "team");
        requireNonNull(reviewerFeedback, "reviewerFeedback");
        String manager = team.manager() == null ? "manager" : team.manager();
        TeamMetrics metrics = report.metrics();
        List<String> candidates = candidates(report, team);
        List<DiscussionTurn> transcript = new ArrayList<>();
        transcript.add(new DiscussionTurn(manager, String.format(Locale.ROOT,
                "Let's review %d tasks: %d completed, %d failed (success rate %.0f%%). The analysis found %d problems"
                        + " and ranks %s for improvement.",
                metrics.tasksTotal(), metrics.tasksCompleted(), metrics.tasksFailed(), metrics.successRate() * 100,
                report.findings().size(), candidates.isEmpty() ? "nobody" : String.join(", ", candidates))));
        for (String feedback : reviewerFeedback) {
            transcript.add(new DiscussionTurn(manager, "Reviewer feedback on an earlier request: " + feedback));
        }
        if (candidates.isEmpty()) {
            transcript.add(new DiscussionTurn(manager, "Nothing needs changing this time."));
            return new ImprovementPlan(List.of(), report.findings().stream().map(Finding::title).toList(), List.of(),
                    transcript);
        }
        List<DiscussionTurn> reflections = new ArrayList<>();
        for (String agent : candidates) {
            try {
                DiscussionTurn turn = reflect(report, team, manager, agent);
                reflections.add(turn);
                transcript.add(turn);
            } catch (LlmCallFailed failed) {
                assistant.error(failed.getMessage());
            }
        }
        try {
            Synthesis synthesis = synthesize(report, team, manager, candidates, reflections, reviewerFeedback);
            transcript.add(new DiscussionTurn(manager, synthesis.summary() + (synthesis.improvements().isEmpty()
                    ? " Nothing needs changing this time."
                    : " Plan: " + String.join(" | ", synthesis.improvements().stream()
                            .map(improvement -> improvement.priority() + ". " + improvement.agent() + ": "
                                    + improvement.goal())
                            .toList()))));
            return new ImprovementPlan(synthesis.wentWell(), synthesis.struggles(), synthesis.improvements(), transcript);
        } catch (LlmCallFailed failed) {
            assistant.error(failed.getMessage());
            return new ImprovementPlan(List.of(), report.findings().stream().map(Finding::title).toList(), List.of(),
                    transcript);
        }
    }

    private List<String> candidates(EffectivenessReport report, TeamSpec team) {
        return report.ranking().stream()
                .map(AgentRanking::agent)
                .filter(agent -> !ConversationEvent.NON_AGENT_SPEAKERS.contains(agent.toLowerCase(Locale.ROOT)))
                .filter(agent -> team.agents().isEmpty() || team.agent(agent).isPresent())
                .limit(assistant.agentsPerCycle())
                .toList();
    }

    private DiscussionTurn reflect(EffectivenessReport report, TeamSpec team, String manager, String agent)
            throws LlmCallFailed {
        AgentSpec spec = team.agentOrNamed(agent);
        String system = String.format(Locale.ROOT, """
                You are %s%s, an agent of the team '%s'. The team's manager, %s, leads a retrospective of the team's \
                recent tasks and asks you to reflect honestly on the evidence about your own work: what went wrong, \
                why (root causes in your instructions, tools or code), and which specific change to your prompt or \
                code would prevent it. Cite task ids, steps and rates from the evidence. Keep the reflection under \
                150 words.

                %s""", agent, spec.role().isBlank() ? "" : " (" + spec.role() + ")", team.name(), manager,
                LlmAssistant.DATA_RULES);
        JsonSchema schema = Schema.named("agent_reflection", Schema.object()
                .addProperty("reflection", Schema.string("your reflection, in the first person"))
                .addProperty("root_causes", Schema.strings("root causes, most important first"))
                .addProperty("proposed_changes", Schema.strings("specific changes to your prompt or code"))
                .addProperty("evidence", Schema.strings("task ids, finding ids and rates you rely on"))
                .required("reflection", "root_causes", "proposed_changes", "evidence")
                .build());
        String frame = "The evidence about your work:\n\n\nReflect on it.";
        StructuredChat chat = assistant.chat();
        EvidenceBudget evidence = new EvidenceBudget(chat::estimate, chat.evidenceBudget(system, schema, frame));
        evidence.require("agent", EvidenceItems.agentPrompts(spec));
        report.agent(agent).ifPresent(metrics -> evidence.require("agent_metrics", EvidenceItems.agentMetrics(metrics)));
        evidence.require("team_metrics", EvidenceItems.teamMetrics(report.metrics()));
        EvidenceItems.offerAgentEvidence(evidence, report, agent, assistant.cases());
        String user = "The evidence about your work:\n" + DataBlock.render("evidence", evidence.document())
                + "\nReflect on it.";
        return chat.ask("reflection:" + agent, system, user, schema, answer -> {
            String reflection = answer.get("reflection").asText().strip();
            if (reflection.isEmpty()) {
                throw new InvalidAnswer(List.of("$.reflection: must not be empty"));
            }
            StringBuilder message = new StringBuilder(reflection);
            List<String> causes = texts(answer.get("root_causes"));
            if (!causes.isEmpty()) {
                message.append(" Root causes: ").append(String.join("; ", causes)).append('.');
            }
            List<String> changes = texts(answer.get("proposed_changes"));
            if (!changes.isEmpty()) {
                message.append(" I propose: ").append(String.join("; ", changes)).append('.');
            }
            return new DiscussionTurn(agent, message.toString());
        });
    }

    private Synthesis synthesize(EffectivenessReport report, TeamSpec team, String manager, List<String> candidates,
            List<DiscussionTurn> reflections, List<String> reviewerFeedback) throws LlmCallFailed {
        String managerPrompt = team.agent(manager).map(AgentSpec::systemPrompt).orElse("").strip();
        int max = candidates.size();
        String system = String.format(Locale.ROOT, """
                You are %s, the manager of the team '%s', closing the team's retrospective.%s

                Decide which improvements the team pursues this cycle: at most %d, most important first, each for \
                one agent of the allowed list, with a specific goal, the ids of the findings it answers and the \
                evidence (task ids, rates) it rests on. Prefer the changes with the strongest evidence; leave out \
                what the evidence does not support. Also say what went well and where the team struggled.

                %s""", manager, team.name(),
                managerPrompt.isEmpty() ? "" : "\n\nYour own instructions as the team's manager:\n" + managerPrompt,
                max, LlmAssistant.DATA_RULES);
        JsonSchema schema = Schema.named("improvement_plan", Schema.object()
                .addProperty("summary", Schema.string("your closing words to the team, under 80 words"))
                .addProperty("went_well", Schema.strings("what went well"))
                .addProperty("struggles", Schema.strings("where the team struggled"))
                .addProperty("improvements", Schema.arrayOf(Schema.object()
                        .addProperty("agent", Schema.oneOf(candidates, "the agent to improve"))
                        .addProperty("goal", Schema.string("what should change, specifically"))
                        .addProperty("finding_ids", Schema.strings("ids of the findings it answers"))
                        .addProperty("evidence", Schema.strings("task ids and rates it rests on"))
                        .required("agent", "goal", "finding_ids", "evidence")
                        .build()))
                .required("summary", "went_well", "struggles", "improvements")
                .build());
        String frame = "The retrospective so far:\n\n\nSettle on the plan.";
        StructuredChat chat = assistant.chat();
        EvidenceBudget evidence = new EvidenceBudget(chat::estimate, chat.evidenceBudget(system, schema, frame));
        evidence.require("team_metrics", EvidenceItems.teamMetrics(report.metrics()));
        ArrayNode ranking = EvidenceItems.NODES.arrayNode();
        for (AgentRanking ranked : report.ranking()) {
            if (candidates.contains(ranked.agent())) {
                ArrayNode reasons = ranking.addObject().put("agent", ranked.agent())
                        .put("score", EvidenceItems.round(ranked.score())).putArray("reasons");
                ranked.reasons().forEach(reasons::add);
            }
        }
        evidence.require("ranking", ranking);
        for (DiscussionTurn reflection : reflections) {
            evidence.offerItem("reflections", EvidenceItems.NODES.objectNode().put("agent", reflection.speaker())
                    .put("message", reflection.message()));
        }
        for (String feedback : reviewerFeedback) {
            evidence.offerItem("reviewer_feedback", EvidenceItems.NODES.textNode(feedback));
        }
        for (Finding finding : report.findings()) {
            evidence.offerItem("findings", EvidenceItems.finding(finding, false));
        }
        for (String agent : candidates) {
            report.attributionsTo(agent).stream().limit(5)
                    .forEach(a -> evidence.offerItem("attributed_failures", EvidenceItems.attribution(a)));
        }
        Set<String> findingIds = new LinkedHashSet<>(report.findings().stream().map(Finding::id).toList());
        String user = "The retrospective so far:\n" + DataBlock.render("retrospective", evidence.document())
                + "\nSettle on the plan.";
        return chat.ask("plan", system, user, schema, answer -> {
            List<String> problems = new ArrayList<>();
            List<PlannedImprovement> improvements = new ArrayList<>();
            JsonNode items = answer.get("improvements");
            for (int i = 0; i < items.size() && improvements.size() < max; i++) {
                JsonNode item = items.get(i);
                String goal = item.get("goal").asText().strip();
                List<String> ids = texts(item.get("finding_ids"));
                List<String> support = texts(item.get("evidence"));
                if (goal.isEmpty()) {
                    problems.add("$.improvements[" + i + "].goal: must not be empty");
                }
                for (String id : ids) {
                    if (!findingIds.contains(id)) {
                        problems.add("$.improvements[" + i + "].finding_ids: '" + id + "' is not a finding id of the data");
                    }
                }
                if (support.isEmpty()) {
                    problems.add("$.improvements[" + i + "].evidence: cite at least one task id or rate");
                }
                improvements.add(new PlannedImprovement(improvements.size() + 1, item.get("agent").asText(), goal, ids,
                        support));
            }
            if (!problems.isEmpty()) {
                throw new InvalidAnswer(problems);
            }
            return new Synthesis(answer.get("summary").asText().strip(), texts(answer.get("went_well")),
                    texts(answer.get("struggles")), improvements);
        });
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> {
            String text = node.asText().strip();
            if (!text.isEmpty()) {
                texts.add(text);
            }
        });
        return texts;
    }

    private record Synthesis(String summary, List<String> wentWell, List<String> struggles,
            List<PlannedImprovement> improvements) {}
}
