package dev.kaizen4j.notifier.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.CycleResult;
import dev.kaizen4j.DecisionUpdate;
import dev.kaizen4j.ImprovementCycle;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.publish.PublicationStatus;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import dev.kaizen4j.team.TeamSpecLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The whole loop against GitHub: an outage, a retry, a reviewer's command, and the pull request. */
class GitHubImprovementCycleTest {

    private static final String SPEC = "teams/marketing-team/team.yaml";
    private static final String TEAM_YAML = """
            name: marketing-team
            agents:
              - name: content_creator
                role: Content Creator
                system_prompt: "You write engaging marketing content for {brand}."
            """;

    @AutoClose
    private final FakeGitHub github = new FakeGitHub();
    private final InMemoryImprovementLedger ledger = new InMemoryImprovementLedger();

    @Test
    void givenAnOutageThenAnApproval_whenTheCycleRuns_thenOneIssueAndOnePullRequestCarryTheChange() {
        github.putFile("main", SPEC, TEAM_YAML);
        ImprovementCycle cycle = ImprovementCycle.builder()
                .team(TeamSpecLoader.parse(new ByteArrayInputStream(TEAM_YAML.getBytes(StandardCharsets.UTF_8)),
                        SPEC, false, null))
                .source((query, problems) -> Stream.empty())
                .proposalGenerator((report, plan, team) -> List.of(ContractRequests.promptRefinement("Use the target keyword.")))
                .backChannel(GitHubBackChannel.builder().settings(github.settings()).build())
                .changePublisher(GitHubChangePublisher.builder().settings(github.settings()).build())
                .ledger(ledger)
                .clock(Clock.fixed(ContractRequests.NOW, ZoneOffset.UTC))
                .build();
        github.failNext("POST", "/repos/acme/agents/issues", 503, Map.of(), "{\"message\":\"Service Unavailable\"}");

        CycleResult outage = cycle.run();

        assertThat(outage.pendingSubmission()).singleElement()
                .satisfies(outcome -> assertThat(outcome.note()).contains("503", "acme/agents"));
        assertThat(github.issues()).isEmpty();

        cycle.run();

        assertThat(github.issues()).hasSize(1);
        assertThat(ledger.records()).singleElement().extracting(r -> r.status()).isEqualTo(RequestStatus.SUBMITTED);

        github.comment(1, "olivia", "OWNER", "/approve Looks right");
        List<DecisionUpdate> updates = cycle.syncDecisions().updates();

        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.decision().verdict()).isEqualTo(Verdict.APPROVED);
            assertThat(update.decision().notes()).isEqualTo("Looks right");
            assertThat(update.published().reference()).isEqualTo("https://github.com/acme/agents/pull/2");
        });
        assertThat(ledger.records()).singleElement().extracting(r -> r.status()).isEqualTo(RequestStatus.PUBLISHED);
        assertThat(github.pulls()).singleElement().satisfies(pull -> assertThat(pull.body).startsWith("Closes #1"));

        cycle.run();

        assertThat(github.issues()).hasSize(1);
        assertThat(github.pulls()).hasSize(1);
        assertThat(github.issues().get(0).labels).contains("published");

        github.mergePull(2);
        List<DecisionUpdate> merged = cycle.syncDecisions().updates();

        assertThat(merged).singleElement().satisfies(update ->
                assertThat(update.publication().state()).isEqualTo(PublicationStatus.State.MERGED));
        assertThat(ledger.records()).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(RequestStatus.MERGED);
            assertThat(record.lastNote()).contains("https://github.com/acme/agents/pull/2", "merged at");
        });
        assertThat(github.issues().get(0).labels).contains("published", "merged");
        assertThat(github.issues().get(0).comments).anySatisfy(comment ->
                assertThat(comment.path("body").asText()).contains("this request is now **merged**"));
        assertThat(github.file("main", SPEC)).get().asString().contains("Use the target keyword.");
        assertThat(cycle.syncDecisions().updates()).isEmpty();
    }

    @Test
    void givenAPullRequestClosedWithoutMerging_whenSynced_thenTheRequestIsClosedUnmergedOnTheLedgerAndTheIssue() {
        github.putFile("main", SPEC, TEAM_YAML);
        ImprovementCycle cycle = ImprovementCycle.builder()
                .team(TeamSpecLoader.parse(new ByteArrayInputStream(TEAM_YAML.getBytes(StandardCharsets.UTF_8)),
                        SPEC, false, null))
                .source((query, problems) -> Stream.empty())
                .proposalGenerator((report, plan, team) -> List.of(ContractRequests.promptRefinement("Use the target keyword.")))
                .backChannel(GitHubBackChannel.builder().settings(github.settings()).build())
                .changePublisher(GitHubChangePublisher.builder().settings(github.settings()).build())
                .ledger(ledger)
                .clock(Clock.fixed(ContractRequests.NOW, ZoneOffset.UTC))
                .build();
        cycle.run();
        github.comment(1, "olivia", "OWNER", "/approve");
        cycle.syncDecisions().updates();

        github.closePull(2);
        cycle.syncDecisions().updates();

        assertThat(ledger.records()).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(RequestStatus.CLOSED_UNMERGED);
            assertThat(record.lastNote()).contains("pull request #2 was closed without merging");
        });
        assertThat(github.issues().get(0).labels).contains("closed-unmerged").doesNotContain("merged");
        assertThat(github.file("main", SPEC)).get().isEqualTo(TEAM_YAML);
    }
}
