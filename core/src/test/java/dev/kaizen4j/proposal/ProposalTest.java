package dev.kaizen4j.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalTest {

    @Test
    void givenAPromptRefinement_thenItsDiffIsAUnifiedDiffOfTheField() {
        PromptRefinement refinement = new PromptRefinement("team", "writer", PromptField.SYSTEM_PROMPT,
                "Line one.\nLine two.\n", "Line one.\nLine two, improved.\n", "because", List.of());

        assertThat(refinement.diff()).isEqualTo("""
                --- a/agents/writer/system_prompt
                +++ b/agents/writer/system_prompt
                @@ -1,3 +1,3 @@
                 Line one.
                -Line two.
                +Line two, improved.
                 \n""");
    }

    @Test
    void givenNoChange_thenTheDiffIsEmpty() {
        PromptRefinement refinement = new PromptRefinement("team", "writer", PromptField.GOAL, "Same", "Same", "", List.of());

        assertThat(refinement.diff()).isEmpty();
    }

    @Test
    void givenTheSameChangeWithAnotherRationale_thenTheFingerprintIsTheSame() {
        PromptRefinement first = Fixtures.promptRefinement("Use the target keyword.");
        PromptRefinement second = new PromptRefinement(first.team(), first.agent(), first.field(), first.current(),
                first.proposed(), "a rationale with other rates", List.of("check:other"));

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).hasSize(16);
    }

    @Test
    void givenTheSameChangeWithOtherLineEndings_thenTheFingerprintIsTheSame() {
        PromptRefinement unix = Fixtures.promptRefinement("Use the target keyword.");
        PromptRefinement windows = new PromptRefinement(unix.team(), unix.agent(), unix.field(), unix.current(),
                unix.proposed().replace("\n", "\r\n"), unix.rationale(), unix.evidence());

        assertThat(windows.fingerprint()).isEqualTo(unix.fingerprint());
    }

    @Test
    void givenDifferentChanges_thenTheFingerprintsDiffer() {
        assertThat(Fixtures.promptRefinement("Use the target keyword.").fingerprint())
                .isNotEqualTo(Fixtures.promptRefinement("Ask the SEO specialist.").fingerprint());
    }

    @Test
    void givenAProposal_whenWrittenAsJsonAndReadBack_thenItIsEqualWithItsKind() throws JsonProcessingException {
        Proposal code = Fixtures.codeModification();

        String json = Json.mapper().writeValueAsString(code);
        Proposal read = Json.mapper().readValue(json, Proposal.class);

        assertThat(json).contains("\"kind\":\"code_modification\"").contains("\"category\":\"ADJUST_PARAMETERS\"");
        assertThat(read).isEqualTo(code);
    }
}
