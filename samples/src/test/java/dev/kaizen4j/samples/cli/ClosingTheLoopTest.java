package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.runtime.TeamPrompts;
import dev.kaizen4j.testing.GitRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop with the bundled example in its own Git repository: a cycle proposes, a reviewer
 * approves, the patch is applied with {@code git apply}, and the example agents' prompts, read through
 * {@link TeamPrompts}, are the new ones with a new version.
 */
class ClosingTheLoopTest {

    private static final String SPEC = "teams/marketing-team/team.yaml";
    private static final Pattern AGENT_CONSTANT = Pattern.compile("public static final String AGENT = \"([a-z_]+)\";");

    @TempDir
    Path directory;

    private GitRepository git;
    private Path example;

    @BeforeEach
    void exampleInItsOwnRepository() throws IOException {
        git = GitRepository.init(directory.resolve("agents-repo"));
        example = BundledExample.extractTo(git.root().resolve("teams/marketing-team"));
        git.commitAll("the marketing team");
    }

    @Test
    void givenAnApprovedPromptRefinement_whenItsPatchIsApplied_thenTheAgentsServeTheNewPromptWithANewVersion()
            throws IOException {
        TeamPrompts prompts = TeamPrompts.builder().file(example.resolve("team.yaml")).checkInterval(Duration.ZERO)
                .build();
        assertThat(agentNamesInSources()).as("every example agent reads its prompt by its team.yaml name")
                .containsExactlyInAnyOrderElementsOf(prompts.team().agents().stream().map(a -> a.name()).toList());
        CommandRun run = kaizen("run", "--team-spec", example.resolve("team.yaml").toString(),
                "--logs", example.resolve("logs").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        RequestRecord request = ledger().records().stream()
                .filter(r -> r.request().proposal() instanceof PromptRefinement p && p.agent().equals("content_creator"))
                .findFirst().orElseThrow();
        PromptRefinement refinement = (PromptRefinement) request.request().proposal();
        String before = prompts.version("content_creator");
        assertThat(prompts.systemPrompt("content_creator")).isEqualTo(refinement.current());

        CommandRun approve = kaizen("review", "approve", request.requestId(), "--reviewer", "olivia");

        assertThat(approve.exitCode()).as(approve.err()).isZero();
        Path patch = directory.resolve("state/patches/" + request.requestId() + ".patch");
        assertThat(approve.out()).contains("Change published: " + patch, "git apply", "is now published");
        assertThat(patch).content().contains("+++ b/" + SPEC);
        git.apply(patch);
        git.commitAll("Merge the approved prompt refinement");

        assertThat(prompts.systemPrompt("content_creator")).isEqualTo(refinement.proposed());
        assertThat(prompts.version("content_creator")).isNotEqualTo(before);
        assertThat(git.read(SPEC)).startsWith("name: marketing-team\ndescription: >-\n")
                .contains("    system_prompt: |\n      You are the Content Creator for {{brand}}.");

        CommandRun applied = kaizen("review", "mark-applied", request.requestId(), "--notes", "merged in main");

        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("is now merged");
        assertThat(ledger().find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.MERGED);
        assertThat(kaizen("review", "mark-applied", "marketing-team-00000000").exitCode()).isNotZero();
    }

    @Test
    void givenAnApprovedCodeChange_whenReviewedWithoutTheTeamSpecFlag_thenThePatchAppliesToTheAgentSource() {
        kaizen("run", "--team-spec", example.resolve("team.yaml").toString(), "--logs", example.resolve("logs").toString());
        RequestRecord code = ledger().records().stream()
                .filter(r -> r.request().proposal() instanceof CodeModification).findFirst().orElseThrow();

        CommandRun approve = kaizen("review", "approve", code.requestId());

        assertThat(approve.exitCode()).as(approve.err()).isZero();
        git.apply(directory.resolve("state/patches/" + code.requestId() + ".patch"));
        assertThat(git.ok("diff", "--stat")).contains("teams/marketing-team/agents/MarketResearcher.java");
        assertThat(example.resolve("agents/MarketResearcher.java")).content()
                .contains("MAX_SEARCH_RETRIES = 2;");
    }

    @Test
    void givenARepositoryRootFromTheEnvironment_whenApproved_thenPatchPathsAreRelativeToIt() {
        Map<String, String> environment = Map.of("KAIZEN_STATE_DIR", directory.resolve("state").toString(),
                "KAIZEN_REPO_ROOT", git.root().resolve("teams").toString());
        CommandRun.of(environment, "run", "--team-spec", example.resolve("team.yaml").toString(),
                "--logs", example.resolve("logs").toString());
        String id = ledger().records().get(0).requestId();

        CommandRun approve = CommandRun.of(environment, "review", "approve", id);

        assertThat(approve.exitCode()).as(approve.err()).isZero();
        assertThat(directory.resolve("state/patches/" + id + ".patch")).content()
                .contains("+++ b/marketing-team/").doesNotContain("+++ b/teams/");
    }

    @Test
    void givenTheSpecChangedAfterTheProposal_whenApproved_thenPublishingIsRefusedAndTheRequestStaysApproved()
            throws IOException {
        kaizen("run", "--team-spec", example.resolve("team.yaml").toString(), "--logs", example.resolve("logs").toString());
        RequestRecord request = ledger().records().stream()
                .filter(r -> r.request().proposal() instanceof PromptRefinement p && p.agent().equals("content_creator"))
                .findFirst().orElseThrow();
        String spec = Files.readString(example.resolve("team.yaml"));
        Files.writeString(example.resolve("team.yaml"), spec.replace("End every piece with one clear call to action.",
                "End every piece with a call to action."));

        CommandRun approve = kaizen("review", "approve", request.requestId());

        assertThat(approve.exitCode()).as(approve.err()).isZero();
        assertThat(approve.out()).contains("Publishing failed; the request stays approved",
                "content_creator.system_prompt holds other text than the proposal was made from");
        assertThat(directory.resolve("state/patches/" + request.requestId() + ".patch")).doesNotExist();
        assertThat(ledger().find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.APPROVED);
    }

    private List<String> agentNamesInSources() throws IOException {
        try (Stream<Path> sources = Files.list(example.resolve("agents"))) {
            return sources.map(source -> {
                try {
                    Matcher agent = AGENT_CONSTANT.matcher(Files.readString(source));
                    assertThat(agent.find()).as(source + " names its agent").isTrue();
                    return agent.group(1);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
    }

    private FileImprovementLedger ledger() {
        return new FileImprovementLedger(directory.resolve("state/ledger.jsonl"));
    }

    private CommandRun kaizen(String... args) {
        String[] withState = Stream.concat(Stream.of(args), Stream.of("--state-dir", directory.resolve("state").toString()))
                .toArray(String[]::new);
        return CommandRun.of(Map.of(), withState);
    }
}
