package dev.kaizen4j.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpecLoader;
import dev.kaizen4j.testing.Fixtures;
import dev.kaizen4j.testing.GitRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of patch, applied by a real {@code git apply} in a real repository. */
class PatchFileChangePublisherTest {

    private static final String SPEC = "teams/marketing-team/team.yaml";
    private static final String TEAM_YAML = """
            # The marketing team. Edited by hand and by Kaizen4j patches.
            name: marketing-team
            manager: manager
            agents:
              - name: manager
                role: Manager   # who signs off
                system_prompt: You coordinate the team.
              - name: content_creator
                role: Content Creator
                system_prompt: |
                  You write engaging marketing content for {{brand}}.
                  End every piece with one call to action.
                goal: >-
                  Publish on time,
                  every time.
                source_file: agents/ContentCreator.java
            """;
    private static final String SOURCE = "package agents;\n\npublic final class ContentCreator {\n"
            + "    private static final int MAX_DRAFT_RETRIES = 0;\n\n"
            + "    public String write(String brief) {\n        return brief;\n    }\n}\n";

    private final ReviewDecision approval = new ReviewDecision(Verdict.APPROVED, "olivia", "Ship it", Fixtures.NOW);

    @TempDir
    Path temp;

    private GitRepository git;
    private Path patches;

    @BeforeEach
    void createRepository() throws IOException {
        git = GitRepository.init(temp.resolve("repo"));
        git.write(SPEC, TEAM_YAML);
        git.write("teams/marketing-team/agents/ContentCreator.java", SOURCE);
        git.commitAll("the team");
        patches = temp.resolve("state/patches");
    }

    @Test
    void givenABlockPromptRefinement_whenPublished_thenGitAppliesItAtTheRootAndOnlyThatFieldChanges() throws IOException {
        String current = "You write engaging marketing content for {{brand}}.\nEnd every piece with one call to action.\n";
        PromptRefinement refinement = prompt("content_creator", PromptField.SYSTEM_PROMPT, current,
                current + "\nLessons from past tasks:\n- Use the target keyword in the first paragraph.\n");

        Path patch = publish(refinement);

        assertThat(patch).content().contains("Request: marketing-team-", "Approved-by: olivia",
                "diff --git a/" + SPEC + " b/" + SPEC, "--- a/" + SPEC, "+++ b/" + SPEC);
        git.apply(patch);
        String applied = git.read(SPEC);
        assertThat(applied).isEqualTo(ProposalFileEditor.apply(refinement, TEAM_YAML, SPEC).text())
                .contains("# The marketing team. Edited by hand", "role: Manager   # who signs off",
                        "goal: >-\n      Publish on time,")
                .contains("""
                            system_prompt: |
                              You write engaging marketing content for {{brand}}.
                              End every piece with one call to action.

                              Lessons from past tasks:
                              - Use the target keyword in the first paragraph.
                            goal: >-
                        """);
        assertThat(TeamSpecLoader.load(git.root().resolve(SPEC)).agent("content_creator").orElseThrow().systemPrompt())
                .isEqualTo(refinement.proposed());
    }

    @Test
    void givenAPlainOneLinePrompt_whenRefinedToSeveralLines_thenGitAppliesALiteralBlock() throws IOException {
        PromptRefinement refinement = prompt("manager", PromptField.SYSTEM_PROMPT, "You coordinate the team.",
                "You coordinate the team.\nClose every task with a clear decision.");

        git.apply(publish(refinement));

        assertThat(git.read(SPEC)).contains("""
                    system_prompt: |-
                      You coordinate the team.
                      Close every task with a clear decision.
                """);
        assertThat(TeamSpecLoader.load(git.root().resolve(SPEC)).agent("manager").orElseThrow().systemPrompt())
                .isEqualTo(refinement.proposed());
    }

    @Test
    void givenAFoldedGoal_whenRefined_thenGitAppliesIt() throws IOException {
        PromptRefinement refinement = prompt("content_creator", PromptField.GOAL, "Publish on time, every time.",
                "Publish on time, every time, with the target keyword.");

        git.apply(publish(refinement));

        assertThat(TeamSpecLoader.load(git.root().resolve(SPEC)).agent("content_creator").orElseThrow().goal())
                .isEqualTo(refinement.proposed());
        assertThat(git.read(SPEC)).contains("# The marketing team.", "system_prompt: |\n");
    }

    @Test
    void givenAJsonTeamSpec_whenAPromptIsRefined_thenGitAppliesAValidJsonString() throws IOException {
        String json = "{\n  \"name\": \"marketing-team\",\n  \"agents\": [\n    {\"name\": \"content_creator\","
                + " \"system_prompt\": \"You write content.\"}\n  ]\n}";  // no final line break
        git.write("teams/json/team.json", json);
        git.commitAll("a JSON team");
        PromptRefinement refinement = prompt("content_creator", PromptField.SYSTEM_PROMPT, "You write content.",
                "You write content.\nCite a source for every figure.");

        Path patch = PatchFileChangePublisher.builder(patches).teamSpec(git.root().resolve("teams/json/team.json"))
                .build().publish(Fixtures.request(refinement), approval).reference().transform(Path::of);

        assertThat(patch).content().contains("\\ No newline at end of file");
        git.apply(patch);
        assertThat(git.read("teams/json/team.json")).endsWith("}")
                .contains("\"system_prompt\": \"You write content.\\nCite a source for every figure.\"");
        assertThat(TeamSpecLoader.load(git.root().resolve("teams/json/team.json")).agents().get(0).systemPrompt())
                .isEqualTo(refinement.proposed());
    }

    @Test
    void givenACodeModification_whenPublished_thenGitAppliesItToTheSourceBesideTheSpec() throws IOException {
        CodeModification change = new CodeModification(Fixtures.TEAM, "content_creator", "agents/ContentCreator.java",
                SOURCE, SOURCE.replace("= 0;", "= 2;"), "drafts fail on the first CMS timeout",
                ModificationCategory.ADJUST_PARAMETERS, List.of("tool-errors:write_draft"));

        Path patch = publish(change);

        assertThat(patch).content().contains("+++ b/teams/marketing-team/agents/ContentCreator.java");
        git.apply(patch);
        assertThat(git.read("teams/marketing-team/agents/ContentCreator.java")).isEqualTo(change.proposedCode());
    }

    @Test
    void givenACrlfSource_whenModified_thenGitAppliesItKeepingTheLineEndings() throws IOException {
        String crlf = SOURCE.replace("\n", "\r\n");
        git.write("teams/marketing-team/agents/ContentCreator.java", crlf);
        git.commitAll("CRLF source");
        CodeModification change = new CodeModification(Fixtures.TEAM, "content_creator", "agents/ContentCreator.java",
                SOURCE, SOURCE.replace("= 0;", "= 2;"), "drafts fail on the first CMS timeout",
                ModificationCategory.ADJUST_PARAMETERS, List.of("tool-errors:write_draft"));

        git.apply(publish(change));

        assertThat(git.read("teams/marketing-team/agents/ContentCreator.java"))
                .isEqualTo(SOURCE.replace("= 0;", "= 2;").replace("\n", "\r\n"));
    }

    @Test
    void givenASpecThatChangedSinceTheProposal_whenPublished_thenRefusedWithTheReasonAndNoPatchWritten()
            throws IOException {
        git.write(SPEC, TEAM_YAML.replace("You coordinate the team.", "You lead the team."));
        PromptRefinement refinement = prompt("manager", PromptField.SYSTEM_PROMPT, "You coordinate the team.",
                "You coordinate the team. Decide clearly.");

        assertThatThrownBy(() -> publish(refinement))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("manager.system_prompt holds other text than the proposal was made from");
        assertThat(patches).doesNotExist();
    }

    @Test
    void givenAPatchWrittenBeforeTheFileMovedOn_whenApplied_thenGitRefusesItAndChangesNothing() throws IOException {
        PromptRefinement refinement = prompt("manager", PromptField.SYSTEM_PROMPT, "You coordinate the team.",
                "You coordinate the team. Decide clearly.");
        Path patch = publish(refinement);
        String movedOn = TEAM_YAML.replace("You coordinate the team.", "You lead the team.");
        git.write(SPEC, movedOn);

        GitRepository.Result check = git.run("apply", "--check", patch.toString());

        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("patch does not apply");
        assertThat(git.read(SPEC)).isEqualTo(movedOn);
    }

    @Test
    void givenARequestPublishedBefore_whenPublishedAgain_thenTheSamePatchIsReturned() throws IOException {
        PromptRefinement refinement = prompt("manager", PromptField.SYSTEM_PROMPT, "You coordinate the team.",
                "You coordinate the team. Decide clearly.");
        Path first = publish(refinement);
        String content = Files.readString(first);

        assertThat(publish(refinement)).isEqualTo(first).content().isEqualTo(content);
    }

    @Test
    void givenARepositoryRootOverride_whenPublished_thenPathsAreRelativeToIt() {
        PromptRefinement refinement = prompt("manager", PromptField.SYSTEM_PROMPT, "You coordinate the team.",
                "You coordinate the team. Decide clearly.");

        PublishedChange published = PatchFileChangePublisher.builder(patches).teamSpec(git.root().resolve(SPEC))
                .repositoryRoot(git.root().resolve("teams")).build().publish(Fixtures.request(refinement), approval);

        assertThat(Path.of(published.reference())).content().contains("+++ b/marketing-team/team.yaml");
        assertThat(PatchFileChangePublisher.repositoryRootOf(git.root().resolve(SPEC))).isEqualTo(git.root());
    }

    @Test
    void givenNoTeamSpecForTheTeam_whenPublished_thenRefusedNamingTheTeam() {
        PatchFileChangePublisher publisher = PatchFileChangePublisher.builder(patches).build();

        assertThatThrownBy(() -> publisher.publish(Fixtures.request("Use the keyword."), approval))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("no team spec known for team 'marketing-team'");
    }

    private Path publish(Proposal proposal) {
        return Path.of(PatchFileChangePublisher.builder(patches).teamSpec(git.root().resolve(SPEC)).build()
                .publish(Fixtures.request(proposal), approval).reference());
    }

    private static PromptRefinement prompt(String agent, PromptField field, String current, String proposed) {
        return new PromptRefinement(Fixtures.TEAM, agent, field, current, proposed, "evidence", List.of("check:x"));
    }
}
