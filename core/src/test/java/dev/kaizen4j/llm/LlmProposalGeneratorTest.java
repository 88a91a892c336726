package dev.kaizen4j.llm;

import static dev.kaizen4j.llm.LlmFixtures.proposals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.discussion.PlannedImprovement;
import dev.kaizen4j.discussion.Revision;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmProposalGeneratorTest {

    @TempDir
    Path directory;

    private static ImprovementPlan plan() {
        return new ImprovementPlan(List.of(), List.of(), List.of(new PlannedImprovement(1, "content_creator",
                "Use the target keyword in every content deliverable", List.of("check:seo-keywords"),
                List.of("TASK-2", "71% of content tasks"))), List.of());
    }

    @Test
    void givenAPlan_whenGenerated_thenMinimalPromptAndCodeEditsBecomeProposalsWithEvidence() {
        ScriptedChatModel model = ScriptedChatModel.answering(LlmFixtures.validProposals());
        LlmAssistant assistant = LlmAssistant.of(model);

        List<Proposal> proposals = assistant.proposalGenerator().generate(LlmFixtures.report(), plan(),
                LlmFixtures.team(directory));

        assertThat(proposals).hasSize(2);
        PromptRefinement prompt = (PromptRefinement) proposals.get(0);
        assertThat(prompt.field()).isEqualTo(PromptField.SYSTEM_PROMPT);
        assertThat(prompt.current()).isEqualTo(LlmFixtures.CREATOR_PROMPT);
        assertThat(prompt.proposed()).startsWith("You are the Content Creator for {{brand}}.\n")
                .contains(LlmFixtures.KEYWORD_LINE);
        assertThat(prompt.diff()).contains("+" + LlmFixtures.KEYWORD_LINE);
        assertThat(prompt.rationale()).contains("71%").contains("TASK-2");
        assertThat(prompt.evidence()).startsWith("check:seo-keywords").contains("TASK-2");
        CodeModification code = (CodeModification) proposals.get(1);
        assertThat(code.file()).isEqualTo("agents/ContentCreator.java");
        assertThat(code.category()).isEqualTo(ModificationCategory.ADJUST_PARAMETERS);
        assertThat(code.proposedCode()).isEqualTo(LlmFixtures.SOURCE.replace("= 1;", "= 2;"));
        assertThat(assistant.errors()).isEmpty();

        String prompts = ScriptedChatModel.allText(model.requests().get(0));
        assertThat(prompts).contains("MAX_DRAFT_ATTEMPTS").contains("Use the target keyword in every content")
                .contains("keep every placeholder");
    }

    @Test
    void givenARevisionRequested_whenGenerated_thenTheModelSeesTheEarlierChangeAndTheNotesEvenForAnUnplannedAgent() {
        ScriptedChatModel model = ScriptedChatModel.answering(LlmFixtures.validProposals());
        LlmAssistant assistant = LlmAssistant.of(model);
        PromptRefinement earlier = new PromptRefinement("marketing-team", "content_creator", PromptField.SYSTEM_PROMPT,
                LlmFixtures.CREATOR_PROMPT, LlmFixtures.CREATOR_PROMPT + "Always add ten hashtags.\n", "r",
                List.of("check:seo-keywords"));
        ImprovementPlan noImprovements = ImprovementPlan.empty().withRevisions(List.of(
                new Revision("marketing-team-0badc0de", earlier, "bob", "Drop the hashtags; use the target keyword")));

        List<Proposal> proposals = assistant.proposalGenerator().generate(LlmFixtures.report(), noImprovements,
                LlmFixtures.team(directory));

        assertThat(proposals).isNotEmpty();
        String prompts = ScriptedChatModel.allText(model.requests().get(0));
        assertThat(prompts).contains("revisions_requested", "marketing-team-0badc0de",
                "Drop the hashtags; use the target keyword", "+Always add ten hashtags.",
                "propose its revision");
    }

    @Test
    void givenAnEditThatDropsAPlaceholder_whenGenerated_thenRepairedOnceThenAnErrorAndNoProposal() {
        String dropsBrand = proposals("You are the Content Creator for {{brand}}.", "You are the Content Creator.",
                false);
        ScriptedChatModel model = ScriptedChatModel.answering(dropsBrand, dropsBrand);
        LlmAssistant assistant = LlmAssistant.of(model);

        List<Proposal> proposals = assistant.proposalGenerator().generate(LlmFixtures.report(), plan(),
                LlmFixtures.team(directory));

        assertThat(proposals).isEmpty();
        assertThat(model.requests()).hasSize(2);
        assertThat(ScriptedChatModel.allText(model.requests().get(1))).contains("placeholders [{{brand}}] must be kept");
        assertThat(assistant.errors()).singleElement().asString()
                .startsWith("proposals:content_creator:")
                .contains("after one repair")
                .contains("{{brand}}");
    }

    @Test
    void givenAnEditThatDoesNotApply_whenRepaired_thenTheRepairedAnswerIsUsed() {
        ScriptedChatModel model = ScriptedChatModel.answering(
                proposals("End each piece with a call to action.", "x", false), LlmFixtures.validProposals());
        LlmAssistant assistant = LlmAssistant.of(model);

        List<Proposal> proposals = assistant.proposalGenerator().generate(LlmFixtures.report(), plan(),
                LlmFixtures.team(directory));

        assertThat(proposals).hasSize(2);
        assertThat(ScriptedChatModel.allText(model.requests().get(1))).contains("not found in the current text");
        assertThat(assistant.usage().calls()).extracting(LlmCall::succeeded).containsExactly(false, true);
    }

    @Test
    void givenARationaleWithoutEvidence_whenGenerated_thenItIsRefused() {
        String ungrounded = proposals("End every piece with one clear call to action.", "Be great.", false)
                .replace("The keyword check failed in 71% of content tasks (TASK-2).", "It will be better.")
                .replace("\"check:seo-keywords\",\"TASK-2\"", "\"trust me\"");
        ScriptedChatModel model = ScriptedChatModel.answering(ungrounded);
        LlmAssistant assistant = LlmAssistant.of(model);

        List<Proposal> proposals = assistant.proposalGenerator().generate(LlmFixtures.report(), plan(),
                LlmFixtures.team(directory));

        assertThat(proposals).isEmpty();
        assertThat(assistant.errors()).singleElement().asString().contains("must cite a task id, finding id or rate");
    }
}
