package dev.kaizen4j.publish.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.publish.internal.YamlPromptEditor.Edit;
import dev.kaizen4j.publish.internal.YamlPromptEditor.Outcome;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpecLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class YamlPromptEditorTest {

    private static final String LIST = """
            name: marketing-team
            agents:
              - name: content_creator
                system_prompt: |
                  You write engaging marketing content.

                goal: Publish on time  # keep
              - name: seo
                role: SEO
            """;

    @Test
    void givenALiteralBlockPrompt_whenReplaced_thenOnlyThatBlockChanges() {
        Edit edit = YamlPromptEditor.replace(LIST, "team.yaml", "content_creator", PromptField.SYSTEM_PROMPT,
                "You write engaging marketing content.\n",
                "You write engaging marketing content.\n\nLessons:\n- Use the target keyword.\n");

        assertThat(edit.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(edit.text()).isEqualTo("""
                name: marketing-team
                agents:
                  - name: content_creator
                    system_prompt: |
                      You write engaging marketing content.

                      Lessons:
                      - Use the target keyword.

                    goal: Publish on time  # keep
                  - name: seo
                    role: SEO
                """);
        assertThat(agent(edit.text(), "content_creator").systemPrompt())
                .isEqualTo("You write engaging marketing content.\n\nLessons:\n- Use the target keyword.\n");
    }

    @Test
    void givenAgentsKeyedByNameAndAPlainScalar_whenReplacedWithSeveralLines_thenALiteralBlockIsWritten() {
        String yaml = """
                name: crew
                agents:
                  writer:
                    role: Writer
                    backstory: Ten years in "B2B" copy.
                """;

        Edit edit = YamlPromptEditor.replace(yaml, "agents.yaml", "writer", PromptField.BACKSTORY,
                "Ten years in \"B2B\" copy.", "Ten years in \"B2B\" copy.\n  Checks every claim.");

        assertThat(edit.text()).contains("    backstory: |-\n      Ten years in \"B2B\" copy.\n        Checks every claim.\n");
        assertThat(agent(edit.text(), "writer").backstory()).isEqualTo("Ten years in \"B2B\" copy.\n  Checks every claim.");
    }

    @Test
    void givenASingleLineProposal_whenReplaced_thenItIsDoubleQuotedAndEscaped() {
        Edit edit = YamlPromptEditor.replace(LIST, "team.yaml", "seo", PromptField.ROLE, "SEO",
                "SEO: \"keywords\" \\ ranking");

        assertThat(edit.text()).contains("    role: \"SEO: \\\"keywords\\\" \\\\ ranking\"\n");
        assertThat(agent(edit.text(), "seo").role()).isEqualTo("SEO: \"keywords\" \\ ranking");
    }

    @Test
    void givenAFieldTheAgentDoesNotHaveYet_whenTheProposalStartsFromNothing_thenTheFieldIsAdded() {
        Edit edit = YamlPromptEditor.replace(LIST, "team.yaml", "seo", PromptField.GOAL, "", "Rank first.");

        assertThat(agent(edit.text(), "seo").goal()).isEqualTo("Rank first.");
        assertThat(agent(edit.text(), "seo").role()).isEqualTo("SEO");
        assertThat(edit.text()).contains("  - goal: \"Rank first.\"\n    name: seo\n");
    }

    @Test
    void givenTheProposedTextIsAlreadyThere_whenReplaced_thenNothingChanges() {
        Edit edit = YamlPromptEditor.replace(LIST, "team.yaml", "seo", PromptField.ROLE, "Search", "SEO");

        assertThat(edit.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(edit.text()).isEqualTo(LIST);
    }

    @Test
    void givenTextThatChangedSinceTheProposal_whenReplaced_thenItIsRefused() {
        assertThatThrownBy(() -> YamlPromptEditor.replace(LIST, "team.yaml", "seo", PromptField.ROLE, "Search",
                "Search and ranking"))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("team.yaml: seo.role holds other text than the proposal was made from")
                .hasMessageContaining("not overwritten");
    }

    @Test
    void givenAnUnknownAgent_whenReplaced_thenTheMessageNamesIt() {
        assertThatThrownBy(() -> YamlPromptEditor.replace(LIST, "team.yaml", "ghost", PromptField.ROLE, "", "x"))
                .isInstanceOf(KaizenException.class).hasMessage("team.yaml has no agent 'ghost'");
    }

    @Test
    void givenAFlowStyleAgent_whenReplaced_thenTheValueIsDoubleQuotedInPlace() {
        String yaml = "name: t\nagents:\n  - {name: a, role: R}\n";

        Edit edit = YamlPromptEditor.replace(yaml, "t.yaml", "a", PromptField.ROLE, "R", "Reviewer\nand editor");

        assertThat(edit.text()).isEqualTo("name: t\nagents:\n  - {name: a, role: \"Reviewer\\nand editor\"}\n");
        assertThatThrownBy(() -> YamlPromptEditor.replace(yaml, "t.yaml", "a", PromptField.GOAL, "", "Ship"))
                .isInstanceOf(KaizenException.class).hasMessageContaining("add the field by hand");
    }

    @Test
    void givenAJsonTeamSpec_whenReplaced_thenItStaysValidJson() throws Exception {
        String json = """
                {
                  "name": "crew",
                  "agents": [
                    {"name": "writer", "system_prompt": "Write.\\nBe brief."}
                  ]
                }
                """;
        String proposed = "Write.\nBe brief.\n\tCite \"sources\" \u0001.";

        Edit edit = YamlPromptEditor.replace(json, "team.json", "writer", PromptField.SYSTEM_PROMPT,
                "Write.\nBe brief.", proposed);

        assertThat(new ObjectMapper().readTree(edit.text()).path("agents").path(0).path("system_prompt").asText())
                .isEqualTo(proposed);
        assertThat(TeamSpecLoader.parse(new ByteArrayInputStream(edit.text().getBytes(StandardCharsets.UTF_8)),
                "team.json", true, null).agent("writer").orElseThrow().systemPrompt()).isEqualTo(proposed);
    }

    @Test
    void givenTextWithLeadingSpacesAndSeveralTrailingNewlines_whenRendered_thenItReadsBackTheSame() {
        String proposed = "  indented first line\nsecond\n\n";

        Edit edit = YamlPromptEditor.replace(LIST, "team.yaml", "seo", PromptField.ROLE, "SEO", proposed);

        assertThat(agent(edit.text(), "seo").role()).isEqualTo(proposed);
    }

    private static AgentSpec agent(String yaml, String name) {
        return TeamSpecLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test", false,
                null).agent(name).orElseThrow();
    }
}
