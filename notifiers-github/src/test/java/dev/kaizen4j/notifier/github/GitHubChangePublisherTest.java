package dev.kaizen4j.notifier.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.github.FakeGitHub.Recorded;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.publish.PatchFileChangePublisher;
import dev.kaizen4j.publish.PublicationStatus;
import dev.kaizen4j.publish.PublishedChange;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.team.TeamSpecLoader;
import dev.kaizen4j.testing.GitRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubChangePublisherTest {

    private static final String SPEC = "teams/marketing-team/team.yaml";
    private static final String SOURCE = "src/main/java/agents/MarketResearcher.java";
    private static final String TEAM_YAML = """
            # The marketing team; edited by hand and by Kaizen4j pull requests.
            name: marketing-team
            manager: manager
            agents:
              - name: manager
                role: Manager
                system_prompt: You coordinate the team.
              - name: content_creator
                role: Content Creator
                system_prompt: |
                  You write engaging marketing content for {brand}.

                goal: Publish on time  # keep
              - name: market_researcher
                role: Researcher
            checks:
              - name: seo-keywords
                description: content tasks mention the target keyword
                agent: content_creator
                deliverable_mentions: target_keyword
            """;

    private final ReviewDecision approval = new ReviewDecision(Verdict.APPROVED, "olivia", "Good catch",
            ContractRequests.NOW);
    @AutoClose
    private FakeGitHub github;
    private GitHubChangePublisher publisher;

    @BeforeEach
    void startGitHub() {
        github = new FakeGitHub();
        github.putFile("main", SPEC, TEAM_YAML);
        github.putFile("main", SOURCE, ContractRequests.codeModification().currentCode());
        publisher = GitHubChangePublisher.builder().settings(github.settings()).sourceDirectory("src/main/java/")
                .build();
    }

    @Test
    void givenTheSameApprovedChanges_whenPublishedAsPullRequestAndAsPatch_thenBothYieldTheSameFiles(@TempDir Path temp)
            throws IOException {
        GitRepository git = GitRepository.init(temp.resolve("repo"));
        git.write(SPEC, TEAM_YAML);
        git.write("teams/marketing-team/agents/MarketResearcher.java", ContractRequests.codeModification().currentCode());
        git.commitAll("the team");
        for (ImprovementRequest request : List.of(ContractRequests.request("Use the target keyword."),
                ContractRequests.request(ContractRequests.codeModification()))) {
            publisher.publish(request, approval);
            Path patch = Path.of(PatchFileChangePublisher.builder(temp.resolve("patches"))
                    .teamSpec(git.root().resolve(SPEC)).build().publish(request, approval).reference());
            git.apply(patch);
            String branch = publisher.branchFor(request);
            String repositoryPath = publisher.pathFor(request.proposal());
            String localPath = request.proposal() instanceof PromptRefinement ? SPEC
                    : "teams/marketing-team/" + ((CodeModification) request.proposal()).file();
            assertThat(git.read(localPath)).isEqualTo(github.file(branch, repositoryPath).orElseThrow());
        }
    }

    @Test
    void givenAPullRequest_whenMergedOrClosed_thenItsStatusSaysSo() {
        ImprovementRequest merged = ContractRequests.request("Use the target keyword.");
        ImprovementRequest closed = ContractRequests.request("Cite the keyword source.");

        assertThat(publisher.statusOf(merged)).as("nothing published yet").isEmpty();
        publisher.publish(merged, approval);
        publisher.publish(closed, approval);
        assertThat(publisher.statusOf(merged)).get().extracting(PublicationStatus::state)
                .isEqualTo(PublicationStatus.State.OPEN);

        github.mergePull(1);
        github.closePull(2);

        assertThat(publisher.statusOf(merged)).get().satisfies(status -> {
            assertThat(status.state()).isEqualTo(PublicationStatus.State.MERGED);
            assertThat(status.reference()).isEqualTo("https://github.com/acme/agents/pull/1");
        });
        assertThat(publisher.statusOf(closed)).get().satisfies(status -> {
            assertThat(status.state()).isEqualTo(PublicationStatus.State.CLOSED_UNMERGED);
            assertThat(status.detail()).contains("pull request #2 was closed without merging");
        });
    }

    @AfterAll
    static void tokenNeverLogged() throws IOException {
        TestSupport.assertTokenNeverLogged();
    }

    @Test
    void givenAnApprovedPromptRefinement_whenPublished_thenABranchCommitAndPullRequestCloseItsIssue() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        GitHubBackChannel.builder().settings(github.settings()).build().submit(request);
        github.clearRequests();
        String branch = "kaizen4j/marketing-team/" + request.fingerprint();

        PublishedChange published = publisher.publish(request, approval);

        assertThat(published).isEqualTo(new PublishedChange("github", "https://github.com/acme/agents/pull/2"));
        assertThat(github.requests()).extracting(Recorded::toString).containsExactly(
                "GET /repos/acme/agents",
                "GET /repos/acme/agents/pulls {head=acme:" + branch + ", state=all}",
                "GET /repos/acme/agents/git/refs/heads/" + branch,
                "GET /repos/acme/agents/git/refs/heads/main",
                "POST /repos/acme/agents/git/refs",
                "GET /repos/acme/agents/contents/" + SPEC + " {ref=" + branch + "}",
                "PUT /repos/acme/agents/contents/" + SPEC,
                "GET /repos/acme/agents/issues {labels=team-improvement, per_page=100, state=all}",
                "POST /repos/acme/agents/pulls");
        assertThat(request("POST", "/repos/acme/agents/git/refs").json().path("ref").asText())
                .isEqualTo("refs/heads/" + branch);
        assertThat(request("POST", "/repos/acme/agents/git/refs").json().path("sha").asText())
                .isEqualTo(github.refs().get("main"));

        Recorded put = request("PUT", "/repos/acme/agents/contents/" + SPEC);
        assertThat(put.json().path("branch").asText()).isEqualTo(branch);
        assertThat(put.json().path("sha").asText()).isEqualTo(FakeGitHub.blobSha(TEAM_YAML));
        assertThat(put.json().path("message").asText()).startsWith("kaizen4j: refine content_creator system_prompt")
                .contains("olivia", request.id());
        String committed = new String(Base64.getDecoder().decode(put.json().path("content").asText()),
                StandardCharsets.UTF_8);
        assertThat(committed).isEqualTo(github.file(branch, SPEC).orElseThrow());
        TeamSpec team = TeamSpecLoader.parse(new ByteArrayInputStream(committed.getBytes(StandardCharsets.UTF_8)),
                SPEC, false, null);
        PromptRefinement proposal = (PromptRefinement) request.proposal();
        assertThat(team.agent("content_creator").orElseThrow().systemPrompt()).isEqualTo(proposal.proposed());
        assertThat(team.agent("content_creator").orElseThrow().goal()).isEqualTo("Publish on time");
        assertThat(team.agent("manager").orElseThrow().systemPrompt()).isEqualTo("You coordinate the team.");
        assertThat(committed).startsWith("# The marketing team; edited by hand")
                .contains("goal: Publish on time  # keep");
        assertThat(github.file("main", SPEC)).contains(TEAM_YAML);

        Recorded pull = request("POST", "/repos/acme/agents/pulls");
        assertThat(pull.json().path("title").asText()).isEqualTo(request.title());
        assertThat(pull.json().path("head").asText()).isEqualTo(branch);
        assertThat(pull.json().path("base").asText()).isEqualTo("main");
        assertThat(pull.json().path("body").asText())
                .startsWith("Closes #1\n")
                .contains("`system_prompt` of agent `content_creator` in `" + SPEC + "`", "olivia", "Good catch",
                        proposal.rationale(), "```diff", "How it will be verified", "two-proportion test",
                        "<!-- kaizen4j:fingerprint=" + request.fingerprint() + " -->");
    }

    @Test
    void givenAnApprovedCodeModification_whenPublished_thenTheSourceUnderTheBaseDirectoryChanges() {
        ImprovementRequest request = ContractRequests.request(ContractRequests.codeModification());
        String branch = "kaizen4j/marketing-team/" + request.fingerprint();

        PublishedChange published = publisher.publish(request, approval);

        CodeModification code = (CodeModification) request.proposal();
        assertThat(github.file(branch, SOURCE)).contains(code.proposedCode());
        assertThat(github.file("main", SOURCE)).contains(code.currentCode());
        assertThat(published.reference()).isEqualTo("https://github.com/acme/agents/pull/1");
        Recorded pull = request("POST", "/repos/acme/agents/pulls");
        assertThat(pull.json().path("body").asText())
                .doesNotContain("Closes #") // no issue: the request went through another back-channel
                .contains("Changes the source of agent `market_researcher` in `" + SOURCE + "` (adjust_parameters)",
                        "MAX_SEARCH_RETRIES");
    }

    @Test
    void givenAPublishedRequest_whenPublishedAgain_thenThePullRequestIsReused() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        PublishedChange first = publisher.publish(request, approval);
        github.clearRequests();

        PublishedChange second = publisher.publish(request, approval);

        assertThat(second).isEqualTo(first);
        assertThat(github.pulls()).hasSize(1);
        assertThat(github.requests()).extracting(Recorded::method).containsOnly("GET");
    }

    @Test
    void givenAnEarlierAttemptThatCommittedButFailedToOpenThePullRequest_whenRetried_thenBranchAndCommitAreReused() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        github.failNext("POST", "/repos/acme/agents/pulls", 502, Map.of(), "{\"message\":\"Server Error\"}");
        assertThatThrownBy(() -> publisher.publish(request, approval))
                .isInstanceOfSatisfying(KaizenException.class, failure -> {
                    assertThat(failure.isRetriable()).isTrue();
                    assertThat(failure).hasMessageContaining("502").hasMessageContaining("opening the pull request");
                });
        github.clearRequests();

        PublishedChange published = publisher.publish(request, approval);

        assertThat(published.reference()).endsWith("/pull/1");
        assertThat(github.requests()).extracting(Recorded::toString)
                .noneMatch(r -> r.startsWith("POST /repos/acme/agents/git/refs"))
                .noneMatch(r -> r.startsWith("PUT"));
        assertThat(github.pulls()).hasSize(1);
    }

    @Test
    void givenASpecWhosePromptChangedSinceTheProposal_whenPublished_thenItFailsWithoutOverwriting() {
        github.putFile("main", SPEC, TEAM_YAML.replace("engaging marketing content", "crisp copy"));

        assertThatThrownBy(() -> publisher.publish(ContractRequests.request("Use the target keyword."), approval))
                .isInstanceOfSatisfying(KaizenException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(KaizenException.Kind.INVALID_INPUT);
                    assertThat(failure).hasMessageContaining("acme/agents:" + SPEC)
                            .hasMessageContaining("content_creator.system_prompt")
                            .hasMessageContaining("not overwritten");
                });
        assertThat(github.requests()).extracting(Recorded::method).doesNotContain("PUT");
        assertThat(github.pulls()).isEmpty();
    }

    @Test
    void givenSourceThatChangedSinceTheProposal_whenPublished_thenItFailsWithoutOverwriting() {
        github.putFile("main", SOURCE, "class Researcher {\n    private static final int MAX_SEARCH_RETRIES = 5;\n}\n");

        assertThatThrownBy(() -> publisher.publish(ContractRequests.request(ContractRequests.codeModification()), approval))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining(SOURCE)
                .hasMessageContaining("no longer holds the code the proposal was made from");
        assertThat(github.requests()).extracting(Recorded::method).doesNotContain("PUT");
    }

    @Test
    void givenAMissingSpecFile_whenPublished_thenTheMessageNamesThePathAndTheRepository() {
        GitHubChangePublisher elsewhere = GitHubChangePublisher.builder().settings(github.settings())
                .teamSpecPath("crews/{team}/agents.yaml").build();

        assertThatThrownBy(() -> elsewhere.publish(ContractRequests.request("Use the target keyword."), approval))
                .isInstanceOfSatisfying(KaizenException.class, failure -> {
                    assertThat(failure.isRetriable()).isFalse();
                    assertThat(failure).hasMessageContaining("404")
                            .hasMessageContaining("crews/marketing-team/agents.yaml")
                            .hasMessageContaining("acme/agents");
                });
    }

    @Test
    void givenAFileTooLargeForTheContentsApi_whenPublished_thenItSaysSoInsteadOfRetrying() {
        github.failNext("GET", "/repos/acme/agents/contents/" + SPEC, 200, Map.of(), "{\"type\":\"file\","
                + "\"encoding\":\"none\",\"size\":2000000,\"name\":\"team.yaml\",\"path\":\"" + SPEC + "\","
                + "\"content\":\"\",\"sha\":\"3d21ec53a331a6f037a91c368710b99387d012c1\"}");

        assertThatThrownBy(() -> publisher.publish(ContractRequests.request("Use the target keyword."), approval))
                .isInstanceOfSatisfying(KaizenException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(KaizenException.Kind.INVALID_INPUT);
                    assertThat(failure).hasMessageContaining(SPEC).hasMessageContaining("over 1 MB");
                });
    }

    @Test
    void givenARefusedToken_whenPublished_thenItIsAnAuthenticationFailureWithoutTheToken() {
        github.failNext("GET", "/repos/acme/agents", 401, Map.of(), "{\"message\":\"Bad credentials\"}");

        assertThatThrownBy(() -> publisher.publish(ContractRequests.request("Use the target keyword."), approval))
                .isInstanceOfSatisfying(KaizenException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(KaizenException.Kind.AUTHENTICATION);
                    assertThat(failure.getMessage()).contains("401", "acme/agents").doesNotContain(FakeGitHub.TOKEN);
                });
    }

    @Test
    void givenAConfiguredBaseBranchAndPrefix_whenPublished_thenThePullRequestTargetsIt() {
        GitHubChangePublisher custom = GitHubChangePublisher.builder().settings(github.settings())
                .baseBranch("main").branchPrefix("bots/kaizen").build();
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        custom.publish(request, approval);

        assertThat(github.pulls()).singleElement().satisfies(pull -> {
            assertThat(pull.head).isEqualTo("bots/kaizen/marketing-team/" + request.fingerprint());
            assertThat(pull.base).isEqualTo("main");
        });
    }

    @Test
    void givenAPathThatLeavesTheRepository_whenResolved_thenItIsRefused() {
        CodeModification sneaky = new CodeModification("marketing-team", "market_researcher", "../../etc/passwd",
                "a", "b", "why", ContractRequests.codeModification().category(), null);

        assertThatThrownBy(() -> publisher.pathFor(sneaky)).isInstanceOf(KaizenException.class)
                .hasMessageContaining("not a file path inside the repository");
    }

    private Recorded request(String method, String path) {
        return github.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(method + " " + path + " was not sent"));
    }
}
