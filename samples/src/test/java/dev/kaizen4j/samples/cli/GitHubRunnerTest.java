package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.notifier.github.FakeGitHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a loopback server answering as GitHub's REST API does. */
class GitHubRunnerTest {

    @TempDir
    Path directory;

    @AutoClose
    private FakeGitHub github;
    private Map<String, String> environment;

    @BeforeEach
    void startGitHub() {
        github = new FakeGitHub();
        environment = Map.of(
                "KAIZEN_GITHUB_TOKEN", FakeGitHub.TOKEN,
                "KAIZEN_GITHUB_REPOSITORY", FakeGitHub.REPOSITORY,
                "KAIZEN_GITHUB_API_URL", github.apiUrl(),
                "KAIZEN_GITHUB_TEAM_SPEC_PATH", "teams/{team}/team.yaml",
                "KAIZEN_GITHUB_SOURCE_DIR", "teams/marketing-team",
                "KAIZEN_STATE_DIR", directory.resolve("state").toString());
    }

    @Test
    void givenTheExample_whenRunTwiceWithGitHub_thenEachRequestIsOneIssue() {
        String first = kaizen("run", "--back-channel", "github");
        int issues = github.issues().size();
        String second = kaizen("run", "--back-channel", "github");

        assertThat(issues).isGreaterThanOrEqualTo(3);
        assertThat(github.issues()).hasSize(issues).allSatisfy(issue -> {
            assertThat(issue.title).startsWith("[Self-Improvement] marketing-team: ");
            assertThat(issue.labels).contains("team-improvement", "automated", "marketing-team");
            assertThat(issue.body).contains("```diff").contains("kaizen4j:fingerprint=");
        });
        assertThat(first).contains(issues + " submitted");
        assertThat(second).contains("0 submitted").contains(issues + " duplicates suppressed");
        assertThat(first + second).doesNotContain(FakeGitHub.TOKEN);
    }

    @Test
    void givenAnApproveComment_whenSynced_thenAPullRequestChangesTheAgentSource() throws IOException {
        kaizen("run", "--back-channel", "github");
        Path example = directory.resolve("state/example/marketing-team");
        github.putFile("main", "teams/marketing-team/team.yaml", Files.readString(example.resolve("team.yaml")));
        github.putFile("main", "teams/marketing-team/agents/MarketResearcher.java",
                Files.readString(example.resolve("agents/MarketResearcher.java")));
        FakeGitHub.Issue codeChange = github.issues().stream()
                .filter(issue -> issue.title.contains("MarketResearcher.java")).findFirst().orElseThrow();
        github.comment(codeChange.number, "alice", "OWNER", "/approve retries are cheap");

        String sync = kaizen("review", "sync", "--back-channel", "github");

        assertThat(sync).contains("1 decisions picked up").contains("approved by alice").contains("published:");
        assertThat(github.pulls()).singleElement().satisfies(pull -> {
            assertThat(pull.body).contains("Closes #" + codeChange.number);
            assertThat(pull.head).startsWith("kaizen4j/marketing-team/");
        });
        String branch = github.pulls().get(0).head;
        assertThat(github.file(branch, "teams/marketing-team/agents/MarketResearcher.java")).get().asString()
                .contains("MAX_SEARCH_RETRIES = 2;");
        assertThat(kaizen("review", "list")).containsPattern("\\s+published\\s+adjust parameters");

        github.mergePull(github.pulls().get(0).number);

        assertThat(kaizen("review", "sync", "--back-channel", "github")).contains("0 decisions picked up")
                .contains(": merged, pull request #" + github.pulls().get(0).number + " merged at");
        assertThat(kaizen("review", "list")).containsPattern("\\s+merged\\s+adjust parameters");
        assertThat(github.issues().stream().filter(issue -> issue.number == codeChange.number).findFirst()
                .orElseThrow().labels).contains("published", "merged");
    }

    @Test
    void givenNoGitHubToken_whenRun_thenTheErrorNamesTheVariable() {
        CommandRun run = CommandRun.of(Map.of("KAIZEN_STATE_DIR", directory.toString(),
                "KAIZEN_GITHUB_REPOSITORY", FakeGitHub.REPOSITORY, "KAIZEN_GITHUB_API_URL", github.apiUrl()),
                "run", "--back-channel", "github");

        assertThat(run.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(run.err()).startsWith("error: ").contains("KAIZEN_GITHUB_TOKEN");
    }

    private String kaizen(String... args) {
        CommandRun run = CommandRun.of(environment, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }
}
