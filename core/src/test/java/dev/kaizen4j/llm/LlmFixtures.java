package dev.kaizen4j.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaizen4j.analysis.AgentMetrics;
import dev.kaizen4j.analysis.AgentRanking;
import dev.kaizen4j.analysis.EffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.Severity;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.testing.Fixtures;
import dev.kaizen4j.testing.ScriptedChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A small team, its report and a script of valid answers, for the LLM stages' tests. */
final class LlmFixtures {

    static final String TEAM = Fixtures.TEAM;
    static final String CREATOR_PROMPT = "You are the Content Creator for {{brand}}.\n"
            + "Follow the brief from the Marketing Manager.\nEnd every piece with one clear call to action.\n";
    static final String MANAGER_PROMPT = "You are the Marketing Manager for {{brand}}. Approve only work you would publish.";
    static final String SOURCE = """
            package agents;

            public class ContentCreator {
                private static final int MAX_DRAFT_ATTEMPTS = 1;

                public String write(String brief) {
                    return "draft for " + brief;
                }
            }
            """;
    static final String KEYWORD_LINE = "Use the brief's target keyword in the title and the first paragraph.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlmFixtures() {}

    /** The team, with the content creator's source written under {@code directory}. */
    static TeamSpec team(Path directory) {
        try {
            Files.createDirectories(directory.resolve("agents"));
            Files.writeString(directory.resolve("agents/ContentCreator.java"), SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TeamSpec(TEAM, "A content team.", "manager", List.of(
                new AgentSpec("manager", "Marketing Manager", "Ship on-brand content.", "Ran demand generation.",
                        MANAGER_PROMPT, List.of("assign_task"), null, Map.of()),
                new AgentSpec("content_creator", "Content Creator", "Write clear posts.", "A former journalist.",
                        CREATOR_PROMPT, List.of("write_draft"), "agents/ContentCreator.java", Map.of())),
                List.of(), directory);
    }

    static Finding seoFinding() {
        return new Finding("check:seo-keywords", "check",
                "'content tasks mention the target keyword' missed in 71% of applicable tasks (5 of 7)", Severity.HIGH,
                List.of("content_creator"), 5, 7,
                List.of(new Evidence("TASK-2", 1, "Draft ready: five ways to plan a product launch.")));
    }

    static EffectivenessReport report() {
        TeamMetrics metrics = new TeamMetrics(TEAM, null, null, 10, 6, 4, 0.6, 120, 100, 300, 0.7, 0.05, 5, 10, 0.1,
                null, 1, 0);
        return new EffectivenessReport(TEAM, metrics,
                List.of(new AgentMetrics("content_creator", 20, 0, 0, 0, 8, 0.5, 3, 0.75),
                        new AgentMetrics("manager", 15, 0, 0, 0, 10, 0.6, 1, 0.25)),
                List.of(seoFinding()),
                List.of(new FailureAttribution("TASK-2", "content_creator", 1, 0.9, "the draft missed the keyword"),
                        new FailureAttribution("TASK-4", "manager", 0, 0.4, "the last agent to speak")),
                List.of(new AgentRanking("content_creator", 3.7, List.of("check:seo-keywords", "3 failures"))));
    }

    /** Failed task TASK-4: no agent reported an error, so its attribution is a guess. */
    static Conversation ambiguousTask() {
        return Conversation.of(TEAM, "TASK-4", List.of(
                event("TASK-4", "manager", MessageType.TASK_ASSIGNMENT, "Write a post about launch planning."),
                event("TASK-4", "content_creator", MessageType.PROPOSAL, "Draft ready: launch planning in 5 steps."),
                Fixtures.event("TASK-4", "system", MessageType.UPDATE, "Task ended",
                        Map.of("outcome", "failure"))));
    }

    static Conversation successfulTask(String taskId) {
        return Conversation.of(TEAM, taskId, List.of(
                event(taskId, "manager", MessageType.TASK_ASSIGNMENT, "Write a post on pricing pages."),
                event(taskId, "content_creator", MessageType.PROPOSAL, "Draft: pricing pages that convert."),
                Fixtures.event(taskId, "system", MessageType.UPDATE, "Task ended", Map.of("outcome", "success"))));
    }

    static ConversationEvent event(String taskId, String agent, MessageType type, String message) {
        return Fixtures.event(taskId, agent, type, message, Map.of());
    }

    /** An analyzer that reads every conversation and returns {@code report}. */
    static EffectivenessAnalyzer analyzerReturning(EffectivenessReport report) {
        return (conversations, team) -> {
            conversations.forEach(conversation -> { });
            return report;
        };
    }

    static String reflection() {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("reflection", "My drafts for TASK-2 missed the target keyword; the brief had it.");
        answer.putArray("root_causes").add("My prompt never asks for the target keyword");
        answer.putArray("proposed_changes").add("Ask for the target keyword in the title");
        answer.putArray("evidence").add("TASK-2").add("check:seo-keywords");
        return answer.toString();
    }

    static String plan(String agent, String findingId) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("summary", "Content keeps missing the keyword; we fix that first.");
        answer.putArray("went_well").add("The manager reviewed every draft");
        answer.putArray("struggles").add("SEO keywords missing in 71% of content tasks");
        ObjectNode improvement = answer.putArray("improvements").addObject();
        improvement.put("agent", agent);
        improvement.put("goal", "Use the target keyword in every content deliverable");
        improvement.putArray("finding_ids").add(findingId);
        improvement.putArray("evidence").add("TASK-2").add("71% of content tasks");
        return answer.toString();
    }

    static String proposals(String find, String replace, boolean withCode) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode prompt = answer.putArray("prompt_refinements").addObject();
        prompt.put("field", "system_prompt");
        prompt.putArray("edits").addObject().put("find", find).put("replace", replace);
        prompt.put("rationale", "The keyword check failed in 71% of content tasks (TASK-2).");
        prompt.putArray("evidence").add("check:seo-keywords").add("TASK-2");
        ArrayNode code = answer.putArray("code_modifications");
        if (withCode) {
            ObjectNode change = code.addObject();
            change.put("category", "adjust_parameters");
            change.putArray("edits").addObject().put("find", "MAX_DRAFT_ATTEMPTS = 1;")
                    .put("replace", "MAX_DRAFT_ATTEMPTS = 2;");
            change.put("rationale", "A second draft attempt fixes drafts like TASK-2 that missed the keyword.");
            change.putArray("evidence").add("TASK-2");
        }
        return answer.toString();
    }

    static String validProposals() {
        return proposals("End every piece with one clear call to action.",
                "End every piece with one clear call to action.\n" + KEYWORD_LINE, true);
    }

    static String review(String taskId, String agent, int step) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("reviews").addObject().put("task_id", taskId).put("agent", agent).put("step", step)
                .put("confidence", 0.8).put("reason", "step " + step + " delivered a draft without the keyword");
        return answer.toString();
    }

    /** Valid answers for every call, chosen by the declared schema. */
    static Function<ChatRequest, String> validScript() {
        return request -> switch (ScriptedChatModel.schemaName(request)) {
            case "attribution_review" -> review("TASK-4", "content_creator", 1);
            case "agent_reflection" -> reflection();
            case "improvement_plan" -> plan("content_creator", "check:seo-keywords");
            case "agent_proposals" -> validProposals();
            default -> "{}";
        };
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
