package dev.kaizen4j.notifier.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.notifier.github.FakeGitHub.Recorded;
import dev.kaizen4j.notifier.github.TestSupport.RecordingSleeper;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionRead;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestMarkdown;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.BackChannelContract;
import dev.kaizen4j.review.contract.ContractRequests;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubBackChannelTest extends BackChannelContract {

    private static final String ISSUES = "/repos/acme/agents/issues";

    @AutoClose
    private FakeGitHub github;
    private RecordingSleeper sleeper;
    private GitHubBackChannel channel;

    @BeforeEach
    void startGitHub() {
        github = new FakeGitHub();
        sleeper = new RecordingSleeper();
        channel = channel(Duration.ofSeconds(60));
    }

    @AfterAll
    static void tokenNeverLogged() throws IOException {
        TestSupport.assertTokenNeverLogged();
    }

    private GitHubBackChannel channel(Duration maxWait) {
        return GitHubBackChannel.builder().settings(github.settings()).maxRateLimitWait(maxWait).sleeper(sleeper)
                .build();
    }

    @Override
    protected BackChannel channel() {
        return channel;
    }

    @Override
    protected void decide(Submission submission, Verdict verdict, String notes) {
        String command = switch (verdict) {
            case APPROVED -> "/approve";
            case REJECTED -> "/reject";
            case NEEDS_WORK -> "/needs-work";
        };
        github.comment(Integer.parseInt(submission.externalId()), "alice", "MEMBER", command + " " + notes);
    }

    @Override
    protected int requestsHeld() {
        return github.issues().size();
    }

    @Override
    protected BackChannel restartedChannel() {
        return channel(Duration.ofSeconds(60));
    }

    @Override
    protected BackChannel channelWithBackendDown() {
        return GitHubBackChannel.builder().repository(FakeGitHub.REPOSITORY).token(FakeGitHub.TOKEN)
                .apiUrl("http://127.0.0.1:" + TestSupport.closedPort()).sleeper(sleeper).build();
    }

    @Override
    protected String sentToBackend() {
        StringBuilder sent = new StringBuilder();
        for (Recorded request : github.requests()) {
            sent.append(request).append('\n').append(request.body()).append('\n');
        }
        return sent.toString();
    }

    @Override
    protected Optional<String> credential() {
        return Optional.of(FakeGitHub.TOKEN);
    }

    @Test
    void givenTwoRepositories_whenComposed_thenTheirChannelsHaveDistinctNames() {
        GitHubBackChannel other = GitHubBackChannel.builder().repository("acme/other").token(FakeGitHub.TOKEN)
                .apiUrl(github.apiUrl()).build();

        BackChannel both = BackChannel.composite(channel, other);

        assertThat(both.name()).isEqualTo("github:acme/agents+github:acme/other");
    }

    // ---- submitting

    @Test
    void givenANewRequest_whenSubmitted_thenOneLabelledIssueCarriesTheRequestAndItsFingerprint() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        Submission submission = channel.submit(request);

        assertThat(submission).isEqualTo(Submission.submitted("github:acme/agents", request.id(), "1",
                "https://github.com/acme/agents/issues/1"));
        assertThat(github.requests()).extracting(Recorded::toString).containsExactly(
                "GET /repos/acme/agents",
                "GET " + ISSUES + " {labels=team-improvement, per_page=100, state=all}",
                "GET /repos/acme/agents/labels {per_page=100}",
                "POST /repos/acme/agents/labels",
                "POST /repos/acme/agents/labels",
                "POST /repos/acme/agents/labels",
                "POST /repos/acme/agents/labels",
                "POST /repos/acme/agents/labels",
                "POST /repos/acme/agents/labels",
                "POST " + ISSUES);
        assertThat(github.labels()).containsOnlyKeys("team-improvement", "automated", "marketing-team", "approved",
                "rejected", "needs-work");
        Recorded create = last("POST", ISSUES);
        assertThat(create.json().path("title").asText())
                .isEqualTo("[Self-Improvement] marketing-team: refine content_creator system_prompt");
        assertThat(create.json().path("labels")).extracting(node -> node.asText())
                .containsExactly("team-improvement", "automated", "marketing-team");
        String body = create.json().path("body").asText();
        assertThat(body).startsWith(RequestMarkdown.render(request))
                .contains("### Rationale", "### Evidence", "### Team metrics", "```diff\n")
                .contains("<!-- kaizen4j:fingerprint=" + request.fingerprint() + " -->")
                .doesNotContain(FakeGitHub.TOKEN);
    }

    @Test
    void givenAnyCall_whenSent_thenItAuthenticatesWithTheTokenAndAsksForTheVersionedApi() {
        channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(github.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo("token " + FakeGitHub.TOKEN);
            assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(request.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        });
    }

    @Test
    void givenLabelsThatExist_whenSubmitted_thenOnlyTheMissingOnesAreCreated() {
        github.addLabel("team-improvement");
        github.addLabel("approved");

        channel.submit(ContractRequests.request("Use the target keyword."));
        channel.submit(ContractRequests.request("Ask the SEO specialist first."));

        assertThat(github.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/labels"))
                .map(r -> r.json().path("name").asText()))
                .containsExactly("automated", "marketing-team", "rejected", "needs-work");
        assertThat(github.requests().stream().filter(r -> r.path().endsWith("/labels") && r.method().equals("GET")))
                .hasSize(1);
    }

    @Test
    void givenAnIssueOpenedInAnEarlierRun_whenAFreshChannelSubmitsTheSameRequest_thenItFindsTheIssueByFingerprint() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        Submission first = channel.submit(request);
        github.close(1, "alice"); // even a closed issue is the same request
        github.clearRequests();

        Submission again = channel(Duration.ofSeconds(60)).submit(request);

        assertThat(again).isEqualTo(first);
        assertThat(github.issues()).hasSize(1);
        assertThat(github.requests()).extracting(Recorded::method).doesNotContain("POST");
    }

    @Test
    void givenAnotherTeamsIssueAndAPullRequestWithTheLabel_whenSubmitted_thenOnlyTheMarkerMatches() {
        channel.submit(ContractRequests.request("Use the target keyword."));

        Submission other = channel.submit(ContractRequests.request("Ask the SEO specialist first."));

        assertThat(other.externalId()).isEqualTo("2");
        assertThat(github.issue(2).body).contains(ContractRequests.request("Ask the SEO specialist first.").fingerprint());
    }

    @Test
    void givenAChangeTooLongForAnIssue_whenSubmitted_thenTheBodyIsTruncatedButKeepsItsMarker() {
        StringBuilder big = new StringBuilder("class Researcher {\n");
        for (int i = 0; i < 4000; i++) {
            big.append("    private static final int SETTING_").append(i).append(" = ").append(i).append(";\n");
        }
        String current = big + "}\n";
        ImprovementRequest request = ContractRequests.request(new CodeModification(ContractRequests.TEAM, "market_researcher",
                "agents/MarketResearcher.java", current, current.replace(" int ", " long "), "why",
                ModificationCategory.ADJUST_PARAMETERS, List.of()));

        Submission submission = channel.submit(request);

        assertThat(submission.isSubmitted()).as(submission.error()).isTrue();
        String body = github.issue(1).body;
        assertThat(body.length()).isLessThanOrEqualTo(65_536);
        assertThat(body).contains("Truncated", "<!-- kaizen4j:fingerprint=" + request.fingerprint() + " -->");
        assertThat(body.lines().filter(line -> line.startsWith("```")).count() % 2).isZero();
    }

    // ---- decisions

    @Test
    void givenOneIssueGitHubCannotServe_whenReadingDecisions_thenItIsUnreadWithWhyAndTheOtherIsDecided() {
        // given
        Submission first = channel.submit(ContractRequests.request("Use the target keyword."));
        Submission second = channel.submit(ContractRequests.request("Cite the source."));
        github.label(2, "approved", "carol");
        github.failNext("GET", ISSUES + "/1$", 500, Map.of(), "{\"message\":\"Server Error\"}");

        // when
        DecisionRead read = channel.readDecisions(List.of(first, second));

        // then
        assertThat(read.decisions()).containsOnlyKeys(second.requestId());
        assertThat(read.unread()).containsOnlyKeys(first.requestId());
        assertThat(read.unread().get(first.requestId())).contains("500", "issue #1", "acme/agents")
                .doesNotContain(FakeGitHub.TOKEN);
    }

    @Test
    void givenAnApprovedLabel_whenAskedForTheDecision_thenItIsApprovedByWhoeverLabelledIt() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        github.comment(1, "carol", "COLLABORATOR", "Ship it, the keyword data is solid.");
        github.label(1, "approved", "carol");

        Optional<ReviewDecision> decision = channel.decisionFor(submission);

        assertThat(decision).get().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.APPROVED);
            assertThat(d.reviewer()).isEqualTo("carol");
            assertThat(d.notes()).isEqualTo("Ship it, the keyword data is solid.");
            assertThat(d.decidedAt()).isEqualTo(Instant.parse("2025-06-16T10:02:00Z"));
        });
        assertThat(github.requests()).extracting(Recorded::toString).endsWith(
                "GET " + ISSUES + "/1", "GET " + ISSUES + "/1/comments {per_page=100}",
                "GET " + ISSUES + "/1/events {per_page=100}");
    }

    @Test
    void givenANeedsWorkLabel_whenAskedForTheDecision_thenItNeedsWork() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        github.label(1, "needs-work", "dave");

        assertThat(channel.decisionFor(submission)).get().extracting(ReviewDecision::verdict, ReviewDecision::reviewer)
                .containsExactly(Verdict.NEEDS_WORK, "dave");
    }

    @Test
    void givenCustomDecisionLabels_whenTheIssueCarriesOne_thenItDecides() {
        GitHubBackChannel custom = GitHubBackChannel.builder().settings(github.settings())
                .decisionLabel(Verdict.REJECTED, "kaizen:no").build();
        Submission submission = custom.submit(ContractRequests.request("Use the target keyword."));
        github.label(1, "rejected", "dave"); // not a decision label any more
        assertThat(custom.decisionFor(submission)).isEmpty();

        github.label(1, "kaizen:no", "dave");

        assertThat(custom.decisionFor(submission)).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void givenASlashCommandFromAnOutsider_whenAskedForTheDecision_thenItIsIgnored() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        github.comment(1, "mallory", "CONTRIBUTOR", "/approve");
        github.comment(1, "eve", "NONE", "/reject no");

        assertThat(channel.decisionFor(submission)).isEmpty();
    }

    @Test
    void givenTheOwnersCommand_whenAskedForTheDecision_thenTheReasonBecomesTheNotes() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        github.comment(1, "olivia", "OWNER", "/reject The keyword list is outdated.\nRefresh it first.");

        assertThat(channel.decisionFor(submission)).get().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(d.reviewer()).isEqualTo("olivia");
            assertThat(d.notes()).isEqualTo("The keyword list is outdated.\nRefresh it first.");
        });
    }

    @Test
    void givenSeveralDecisions_whenAskedForTheDecision_thenTheLatestWins() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        github.label(1, "approved", "carol");
        github.comment(1, "olivia", "OWNER", "/needs-work Name the keyword source");

        assertThat(channel.decisionFor(submission)).get()
                .extracting(ReviewDecision::verdict, ReviewDecision::reviewer, ReviewDecision::notes)
                .containsExactly(Verdict.NEEDS_WORK, "olivia", "Name the keyword source");
    }

    @Test
    void givenAnIssueClosedWithoutApproval_whenAskedForTheDecision_thenItIsRejected() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        github.comment(1, "carol", "MEMBER", "We are dropping this direction.");
        github.close(1, "carol");

        assertThat(channel.decisionFor(submission)).get().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(d.reviewer()).isEqualTo("carol");
            assertThat(d.notes()).isEqualTo("closed without approval: We are dropping this direction.");
        });
    }

    @Test
    void givenAnApprovedIssueThatWasClosed_whenAskedForTheDecision_thenItStaysApproved() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        github.comment(1, "olivia", "OWNER", "/approve");
        github.close(1, "olivia");

        assertThat(channel.decisionFor(submission)).get().extracting(ReviewDecision::verdict)
                .isEqualTo(Verdict.APPROVED);
    }

    @Test
    void givenAStatusChange_whenNotified_thenItIsCommentedAndNeverReadAsNotes() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        channel.statusChanged(submission, RequestStatus.APPROVED, "prompt refinements are auto-approved");
        github.label(1, "approved", "olivia");

        Recorded comment = last("POST", ISSUES + "/1/comments");
        assertThat(comment.json().path("body").asText())
                .contains("**approved**: prompt refinements are auto-approved");
        assertThat(channel.decisionFor(submission)).get().extracting(ReviewDecision::notes).isEqualTo("");
    }

    @Test
    void givenASubmissionOfAnotherChannel_whenAskedForTheDecision_thenNothingIsSent() {
        github.clearRequests();

        assertThat(channel.decisionFor(Submission.submitted("slack", "r-1", "C1/123.4", null))).isEmpty();
        assertThat(channel.decisionFor(Submission.failed("github:acme/agents", "r-1", "down", true))).isEmpty();
        assertThat(github.requests()).isEmpty();
    }

    // ---- limits and failures

    @Test
    void givenThePrimaryRateLimitIsSpent_whenSubmitting_thenItWaitsUntilTheResetAndRetries() {
        // the server's own Date header tells the client what time GitHub thinks it is
        Instant now = Instant.now();
        github.failNext("POST", ISSUES, 403, Map.of("X-RateLimit-Limit", "5000", "X-RateLimit-Remaining", "0",
                        "X-RateLimit-Reset", String.valueOf(now.getEpochSecond() + 30)),
                "{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}");

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).as(submission.error()).isTrue();
        assertThat(sleeper.waits).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(31)));
        assertThat(github.requests().stream().filter(r -> r.toString().equals("POST " + ISSUES))).hasSize(2);
        assertThat(github.issues()).hasSize(1);
    }

    @Test
    void givenASecondaryRateLimit_whenSubmitting_thenItWaitsForRetryAfterAndRetries() {
        github.failNext("POST", ISSUES, 429, Map.of("Retry-After", "7"),
                "{\"message\":\"You have exceeded a secondary rate limit.\"}");

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).isTrue();
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(github.issues()).hasSize(1);
    }

    @Test
    void givenASecondaryRateLimitThatPersists_whenSubmitting_thenItGivesUpAfterThreeAttemptsRetriably() {
        for (int i = 0; i < 3; i++) {
            github.failNext("POST", ISSUES, 429, Map.of("Retry-After", "2"),
                    "{\"message\":\"You have exceeded a secondary rate limit.\"}");
        }

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.retriable()).isTrue();
        assertThat(submission.error()).contains("rate limit", "acme/agents");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(github.issues()).isEmpty();
    }

    @Test
    void givenARateLimitLongerThanTheAllowedWait_whenSubmitting_thenItFailsRetriablyWithoutWaiting() {
        github.failNext("GET", "/repos/acme/agents", 403, Map.of("Retry-After", "3600"),
                "{\"message\":\"You have exceeded a secondary rate limit.\"}");

        Submission submission = channel(Duration.ofSeconds(10)).submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.retriable()).isTrue();
        assertThat(submission.error()).contains("rate limit", "acme/agents", "3600s");
        assertThat(sleeper.waits).isEmpty();
        assertThat(github.issues()).isEmpty();
    }

    @Test
    void givenATokenGitHubRefuses_whenSubmitting_thenItFailsForGoodWithAClearMessage() {
        github.failNext("GET", "/repos/acme/agents", 401, Map.of(),
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}");

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.retriable()).isFalse();
        assertThat(submission.error()).contains("401", "acme/agents", "KAIZEN_GITHUB_TOKEN", "Bad credentials")
                .doesNotContain(FakeGitHub.TOKEN);
    }

    @Test
    void givenARepositoryThatDoesNotExist_whenSubmitting_thenItFailsForGoodNamingTheRepository() {
        github.failNext("GET", "/repos/acme/agents", 404, Map.of(), "{\"message\":\"Not Found\"}");

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.retriable()).isFalse();
        assertThat(submission.error()).contains("404", "acme/agents", "reading the repository");
    }

    @Test
    void givenAnIssueGitHubRejects_whenSubmitting_thenItFailsForGoodWithGitHubsReason() {
        github.failNext("POST", ISSUES, 422, Map.of(), "{\"message\":\"Validation Failed\",\"errors\":"
                + "[{\"resource\":\"Issue\",\"code\":\"custom\",\"field\":\"body\",\"message\":\"body is too long\"}]}");

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.retriable()).isFalse();
        assertThat(submission.error()).contains("422", "creating the issue", "acme/agents", "Validation Failed",
                "body is too long");
    }

    @Test
    void givenAForbiddenTokenWithoutRateLimitHeaders_whenSubmitting_thenItFailsForGood() {
        github.failNext("POST", ISSUES, 403, Map.of(),
                "{\"message\":\"Resource not accessible by personal access token\"}");

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.retriable()).isFalse();
        assertThat(submission.error()).contains("403", "Resource not accessible");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void givenGitHubIsDown_whenSubmitting_thenTheFailureIsRetriable() {
        github.failNext("POST", ISSUES, 502, Map.of(), "{\"message\":\"Server Error\"}");

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.retriable()).isTrue();
        assertThat(submission.error()).contains("502", "acme/agents");

        assertThat(channel.submit(ContractRequests.request("Use the target keyword.")).isSubmitted()).isTrue();
        assertThat(github.issues()).hasSize(1);
    }

    @Test
    void givenNoServerAtTheApiUrl_whenSubmitting_thenTheFailureIsRetriable() {
        String apiUrl = github.apiUrl();
        github.close();
        GitHubBackChannel offline = GitHubBackChannel.builder().repository(FakeGitHub.REPOSITORY)
                .token(FakeGitHub.TOKEN).apiUrl(apiUrl).build();

        Submission submission = offline.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.retriable()).isTrue();
        assertThat(submission.error()).contains("cannot reach GitHub", apiUrl).doesNotContain(FakeGitHub.TOKEN);
        assertThat(offline.decisionFor(Submission.submitted("github:acme/agents", "r", "1", null))).isEmpty();
    }

    @Test
    void givenGitHubFailsWhileReadingTheDecision_whenAsked_thenTheDecisionIsEmptyRatherThanAnException() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        github.failNext("GET", ISSUES + "/1", 500, Map.of(), "{\"message\":\"Server Error\"}");

        assertThat(channel.decisionFor(submission)).isEmpty();
    }

    private Recorded last(String method, String path) {
        List<Recorded> matching = github.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
        assertThat(matching).as("%s %s was sent", method, path).isNotEmpty();
        return matching.get(matching.size() - 1);
    }
}
