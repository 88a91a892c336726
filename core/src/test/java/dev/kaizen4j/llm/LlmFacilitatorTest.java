package dev.kaizen4j.llm;

import static dev.kaizen4j.llm.LlmFixtures.plan;
import static dev.kaizen4j.llm.LlmFixtures.reflection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.testing.ScriptedChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmFacilitatorTest {

    @TempDir
    Path directory;

    @Test
    void givenARankedAgent_whenFacilitated_thenItReflectsAndTheManagerSettlesOnAPlan() {
        ScriptedChatModel model = new ScriptedChatModel(LlmFixtures.validScript());
        LlmAssistant assistant = LlmAssistant.of(model);
        TeamSpec team = LlmFixtures.team(directory);

        ImprovementPlan plan = assistant.facilitator().facilitate(LlmFixtures.report(), team, List.of("Keep it short"));

        assertThat(plan.transcript()).extracting(DiscussionTurn::speaker)
                .containsExactly("manager", "manager", "content_creator", "manager");
        assertThat(plan.transcript().get(2).message()).contains("TASK-2").contains("Root causes:");
        assertThat(plan.transcript().get(3).message()).contains("Plan: 1. content_creator: Use the target keyword");
        assertThat(plan.improvements()).singleElement().satisfies(improvement -> {
            assertThat(improvement.priority()).isEqualTo(1);
            assertThat(improvement.agent()).isEqualTo("content_creator");
            assertThat(improvement.findingIds()).containsExactly("check:seo-keywords");
        });
        assertThat(plan.wentWell()).containsExactly("The manager reviewed every draft");
        assertThat(assistant.errors()).isEmpty();

        ChatRequest reflection = model.requests().get(0);
        assertThat(ScriptedChatModel.schemaName(reflection)).isEqualTo("agent_reflection");
        assertThat(ScriptedChatModel.allText(reflection))
                .contains("You are content_creator (Content Creator)")
                .contains("End every piece with one clear call to action.")
                .contains("TASK-2")
                .contains("missed in 71% of applicable tasks");
        ChatRequest synthesis = model.requests().get(1);
        assertThat(ScriptedChatModel.schemaName(synthesis)).isEqualTo("improvement_plan");
        assertThat(ScriptedChatModel.allText(synthesis))
                .contains("You are manager, the manager of the team")
                .contains(LlmFixtures.MANAGER_PROMPT)
                .contains("My drafts for TASK-2 missed the target keyword")
                .contains("Keep it short");
    }

    @Test
    void givenAPlanNamingAnUnknownFinding_whenFacilitated_thenOneRepairIsAskedForAndUsed() {
        List<String> plans = new java.util.ArrayList<>(List.of(plan("content_creator", "check:made-up"),
                plan("content_creator", "check:seo-keywords")));
        ScriptedChatModel model = new ScriptedChatModel(request -> switch (ScriptedChatModel.schemaName(request)) {
            case "agent_reflection" -> reflection();
            default -> plans.remove(0);
        });
        LlmAssistant assistant = LlmAssistant.of(model);

        ImprovementPlan plan = assistant.facilitator().facilitate(LlmFixtures.report(), LlmFixtures.team(directory),
                List.of());

        assertThat(plan.improvements()).hasSize(1);
        assertThat(assistant.errors()).isEmpty();
        assertThat(assistant.usage().calls()).extracting(LlmCall::purpose)
                .containsExactly("reflection:content_creator", "plan", "plan (repair)");
        assertThat(assistant.usage().calls().get(1).error()).contains("'check:made-up' is not a finding id");
        ChatRequest repair = model.requests().get(2);
        assertThat(repair.messages()).hasSize(4);
        assertThat(ScriptedChatModel.text(repair.messages().get(3)))
                .contains("rejected").contains("check:made-up").contains("Answer again");
    }

    @Test
    void givenAModelAnsweringGarbage_whenFacilitated_thenErrorsAreRecordedAndThePlanIsEmpty() {
        ScriptedChatModel model = ScriptedChatModel.answering("Sure! Here is my plan: fix everything.");
        LlmAssistant assistant = LlmAssistant.of(model);

        ImprovementPlan plan = assistant.facilitator().facilitate(LlmFixtures.report(), LlmFixtures.team(directory),
                List.of());

        assertThat(plan.improvements()).isEmpty();
        assertThat(model.requests()).hasSize(4);
        assertThat(assistant.errors()).hasSize(2).allSatisfy(error -> assertThat(error)
                .contains("did not match the required JSON schema after one repair")
                .contains("not JSON"));
        assertThat(assistant.errors().get(1)).startsWith("plan:");
    }

    @Test
    void givenNoRankedAgent_whenFacilitated_thenNoCallIsMade() {
        ScriptedChatModel model = ScriptedChatModel.answering("{}");
        LlmAssistant assistant = LlmAssistant.of(model);
        var report = LlmFixtures.report();
        var calm = new dev.kaizen4j.analysis.EffectivenessReport(report.team(), report.metrics(), report.agents(),
                List.of(), List.of(), List.of());

        ImprovementPlan plan = assistant.facilitator().facilitate(calm, LlmFixtures.team(directory), List.of());

        assertThat(model.requests()).isEmpty();
        assertThat(plan.improvements()).isEmpty();
        assertThat(plan.transcript()).last().extracting(DiscussionTurn::message)
                .isEqualTo("Nothing needs changing this time.");
    }
}
