package dev.kaizen4j.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.DecisionRead;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import dev.kaizen4j.review.contract.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Slack back-channel against a loopback stand-in for Slack's Web API. */
class SlackBackChannelTest {

    private final TestSupport support = new TestSupport();
    private FakeSlack slack;
    private Map<String, String> settings;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        settings = TestSupport.settings(slack);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    // ---- the message

    @Test
    void givenARequest_whenSubmitted_thenOneMessageCarriesHeaderRationaleMetricsDiffAndMetadata() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        Submission submission = channel().submit(request);

        assertThat(submission.isSubmitted()).as(submission.error()).isTrue();
        assertThat(submission.channel()).isEqualTo("slack:#team-improvements");
        FakeSlack.Posted message = slack.topLevel().get(0);
        assertThat(submission.externalId()).isEqualTo(FakeSlack.CHANNEL_ID + "/" + message.ts);
        assertThat(message.blocks.get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("header");
        assertThat(message.blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString())
                .startsWith("marketing-team: ").hasSizeLessThanOrEqualTo(150);
        assertThat(message.blockText()).contains("*Rationale*", "*Evidence*", "*Team metrics*", "*Diff*", "```",
                "Use the target keyword.", request.id(), "white_check_mark");
        assertThat(message.text).contains(request.title()).contains(request.id());
        assertThat(message.metadata.get("event_type").getAsString()).isEqualTo("kaizen4j_improvement_request");
        assertThat(message.metadata.getAsJsonObject("event_payload").keySet())
                .containsExactlyInAnyOrder("request_id", "fingerprint");
        assertThat(message.metadata.getAsJsonObject("event_payload").get("fingerprint").getAsString())
                .isEqualTo(request.fingerprint());
        assertThat(slack.thread(message.ts)).singleElement().satisfies(reply ->
                assertThat(reply.text).startsWith("*Discussion*"));
    }

    @Test
    void givenMarkupInTheRequest_whenSubmitted_thenAmpersandAndAngleBracketsAreEscaped() {
        ImprovementRequest request = ContractRequests.request("Write <b>bold</b> & cite <https://evil|x>.");

        channel().submit(request);

        assertThat(slack.topLevel().get(0).blockText())
                .contains("Write &lt;b&gt;bold&lt;/b&gt; &amp; cite &lt;https://evil|x&gt;.")
                .doesNotContain("<b>", "<https://evil");
    }

    @Test
    void givenAHugeDiff_whenSubmitted_thenTheMessageKeepsWithinSlacksLimitsAndTheRestIsInTheThread() {
        String lesson = IntStream.range(0, 900).mapToObj(i -> "Rule " + i + ": check keyword " + i + " & <tag>.")
                .collect(Collectors.joining("\n"));
        ImprovementRequest request = ContractRequests.request(lesson);

        Submission submission = channel().submit(request);

        assertThat(submission.isSubmitted()).as(submission.error()).isTrue();
        FakeSlack.Posted message = slack.topLevel().get(0);
        assertThat(message.blocks.size()).isLessThanOrEqualTo(50);
        assertThat(message.blockText().length()).isLessThanOrEqualTo(12_000);
        assertThat(message.blockText()).contains("did not fit in this message: they are in the thread");
        String everything = message.blockText() + slack.thread(message.ts).stream().map(reply -> reply.text)
                .collect(Collectors.joining("\n"));
        for (int i = 0; i < 900; i++) {
            assertThat(everything).as("rule %d shown", i).contains("Rule " + i + ": check keyword " + i
                    + " &amp; &lt;tag&gt;.");
        }
        assertThat(slack.thread(message.ts)).allSatisfy(reply -> assertThat(reply.text).hasSizeLessThanOrEqualTo(3500));
    }

    @Test
    void givenARequestTooLargeEvenForTheThread_whenSubmitted_thenItIsRefusedSayingSoAndNothingIsPosted() {
        Submission submission = channel().submit(ContractRequests.oversized(500_000));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.retriable()).isFalse();
        assertThat(submission.error()).contains("too large").contains("#team-improvements");
        assertThat(slack.topLevel()).isEmpty();
    }

    // ---- idempotency

    @Test
    void givenAMessagePostedBeforeACrash_whenAFreshChannelSubmitsAgain_thenItFindsTheMessageByItsMetadata() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        Submission first = channel().submit(request);

        Submission again = channel().submit(request);

        assertThat(again.externalId()).isEqualTo(first.externalId());
        assertThat(slack.topLevel()).hasSize(1);
        assertThat(slack.calls()).filteredOn("conversations.history"::equals).hasSize(2);
        assertThat(slack.received()).contains("include_all_metadata=1");
    }

    // ---- failures

    @ParameterizedTest
    @CsvSource({
            "invalid_auth, true, bot token",
            "not_authed, true, bot token",
            "channel_not_found, true, kaizen.slack.channel",
            "not_in_channel, true, /invite",
            "missing_scope, true, 'needed: chat:write, provided: reactions:read'",
            "msg_too_long, false, refused the message",
            "invalid_blocks, false, failed to match all allowed schemas",
            "ratelimited, true, rate limited"})
    void givenSlackAnswersNotOk_whenSubmitting_thenOneClearFailureNamesChannelOperationAndError(
            String error, boolean retriable, String explanation) throws IOException {
        slack.failNext("chat.postMessage", error);

        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.retriable()).isEqualTo(retriable);
        assertThat(submission.error()).startsWith("Slack chat.postMessage in #team-improvements failed: " + error)
                .contains(explanation).contains(retriable ? "retriable" : "not retriable")
                .doesNotContain(FakeSlack.TOKEN);
        assertThat(slack.topLevel()).isEmpty();
        assertThat(Files.readString(Path.of(System.getProperty("kaizen4j.test.log")))).doesNotContain(FakeSlack.TOKEN);
    }

    @Test
    void givenAWrongToken_whenSubmitting_thenInvalidAuthIsReportedWithoutTheToken() {
        settings.put("slack.token", "xoxb-wrong-token-42");

        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.error()).contains("conversations.list").contains("invalid_auth")
                .doesNotContain("xoxb-wrong-token-42");
    }

    @Test
    void givenAChannelTheAppIsNotIn_whenSubmitting_thenNotInChannelSaysToInviteIt() {
        settings.put("slack.channel", FakeSlack.CHANNEL_ID);
        slack.leaveChannel();

        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.error()).contains("in " + FakeSlack.CHANNEL_ID).contains("not_in_channel")
                .contains("/invite");
    }

    @Test
    void givenAMissingScope_whenSubmitting_thenTheNeededAndProvidedScopesAreNamed() {
        slack.removeScope("channels:history");

        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.error()).contains("conversations.history").contains("missing_scope")
                .contains("needed: channels:history").contains("provided: channels:read,chat:write,reactions:read");
    }

    @Test
    void givenHttp429WithAShortRetryAfter_whenSubmitting_thenItWaitsThatLongAndPostsOnce() {
        slack.rateLimitNext("chat.postMessage", 3);

        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).as(submission.error()).isTrue();
        assertThat(support.waits).contains(Duration.ofSeconds(3));
        assertThat(slack.topLevel()).hasSize(1);
    }

    @Test
    void givenHttp429WithARetryAfterBeyondTheBound_whenSubmitting_thenItIsLeftPendingWithoutWaiting() {
        slack.rateLimitNext("chat.postMessage", 120);

        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.retriable()).isTrue();
        assertThat(submission.error()).contains("chat.postMessage").contains("HTTP 429").contains("120s");
        assertThat(support.waits).noneMatch(wait -> wait.toSeconds() >= 10);
        assertThat(slack.topLevel()).isEmpty();
    }

    // ---- decisions

    @Test
    void givenAReviewersCheckMark_whenDecisionsAreRead_thenItIsApprovedAndTheMessageSaysBy() {
        SlackBackChannel channel = channel();
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        String ts = ts(submission);
        slack.react(ts, "white_check_mark", TestSupport.ALICE);

        Optional<ReviewDecision> decision = channel.decisionFor(submission);

        assertThat(decision).get().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.APPROVED);
            assertThat(d.reviewer()).isEqualTo(TestSupport.ALICE);
        });
        FakeSlack.Posted message = slack.topLevel().get(0);
        assertThat(message.blockText()).contains("*Approved* by <@" + TestSupport.ALICE + ">")
                .contains("*Rationale*").doesNotContain("To decide");
        assertThat(slack.calls()).doesNotContain("conversations.replies");
    }

    @Test
    void givenAnApprovalTheLedgerOverruled_whenTheRecordedRejectionIsShown_thenTheMessageShowsTheRejection() {
        // given: the message already says approved, as read here; another channel's rejection won
        SlackBackChannel channel = channel();
        Submission submission = approvedOnTheMessage(channel);

        // when
        channel.statusChanged(submission, RequestStatus.REJECTED, "decided on file; overruled: approved by "
                + TestSupport.ALICE + " on slack");

        // then
        assertThat(slack.topLevel().get(0).blockText()).contains("*Status:* rejected: decided on file")
                .doesNotContain("*Approved* by");
    }

    @Test
    void givenAnApprovalShownOnTheMessage_whenTheSameVerdictIsRecorded_thenTheMessageIsNotUpdatedAgain() {
        SlackBackChannel channel = channel();
        Submission submission = approvedOnTheMessage(channel);
        long updates = slack.calls().stream().filter("chat.update"::equals).count();

        channel.statusChanged(submission, RequestStatus.APPROVED, "");

        assertThat(slack.calls().stream().filter("chat.update"::equals).count()).isEqualTo(updates);
        assertThat(slack.topLevel().get(0).blockText()).contains("*Approved* by <@" + TestSupport.ALICE + ">");
    }

    /** A request whose message a reviewer approved with a check mark, read by {@code channel}. */
    private Submission approvedOnTheMessage(SlackBackChannel channel) {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        slack.react(ts(submission), "white_check_mark", TestSupport.ALICE);
        assertThat(channel.decisionFor(submission)).isPresent();
        return submission;
    }

    @Test
    void givenReactionsOfEachKind_whenRead_thenEachMapsToItsVerdict() {
        SlackBackChannel channel = channel();
        Submission rejected = channel.submit(ContractRequests.request("Use the target keyword."));
        Submission needsWork = channel.submit(ContractRequests.request("Ask the SEO specialist first."));
        slack.react(ts(rejected), "x", TestSupport.ALICE);
        slack.react(ts(needsWork), "arrows_counterclockwise::skin-tone-3", TestSupport.ALICE);

        Map<String, ReviewDecision> decisions = channel.decisionsFor(List.of(rejected, needsWork));

        assertThat(decisions.get(rejected.requestId()).verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(decisions.get(needsWork.requestId()).verdict()).isEqualTo(Verdict.NEEDS_WORK);
    }

    @Test
    void givenAMessageWhoseReactionsSlackRefuses_whenReadingDecisions_thenItIsUnreadWithTheErrorAndTheOtherIsDecided() {
        // given
        SlackBackChannel channel = channel();
        Submission refused = channel.submit(ContractRequests.request("Use the target keyword."));
        Submission decided = channel.submit(ContractRequests.request("Ask the SEO specialist first."));
        slack.react(ts(decided), "white_check_mark", TestSupport.ALICE);
        slack.failNext("reactions.get", "missing_scope");

        // when
        DecisionRead read = channel.readDecisions(List.of(refused, decided));

        // then
        assertThat(read.decisions()).containsOnlyKeys(decided.requestId());
        assertThat(read.unread()).containsOnlyKeys(refused.requestId());
        assertThat(read.unread().get(refused.requestId())).contains("missing_scope").contains("reactions.get")
                .doesNotContain(FakeSlack.TOKEN);
    }

    @Test
    void givenANonReviewersReactionAndReply_whenRead_thenNothingIsDecidedAndTheThreadSaysSoOnce() {
        SlackBackChannel channel = channel();
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        String ts = ts(submission);
        slack.react(ts, "x", TestSupport.BOB);
        slack.reply(ts, TestSupport.BOB, "approve: fine by me");

        assertThat(channel.decisionFor(submission)).isEmpty();
        assertThat(channel.decisionFor(submission)).isEmpty();

        List<String> notes = slack.thread(ts).stream().map(reply -> reply.text).filter(t -> t.startsWith("_Ignored"))
                .toList();
        assertThat(notes).containsExactlyInAnyOrder(
                "_Ignored :x: by <@" + TestSupport.BOB + ">: only configured reviewers decide._",
                "_Ignored `approved` by <@" + TestSupport.BOB + ">: only configured reviewers decide._");
    }

    @Test
    void givenReviewerReplies_whenRead_thenTheFirstValidOneWinsWithItsNotesAndLaterOnesAreNoted() {
        settings.put("slack.reviewers", TestSupport.ALICE + ", " + TestSupport.BOB);
        SlackBackChannel channel = channel();
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        String ts = ts(submission);
        slack.reply(ts, TestSupport.ALICE, "looks interesting, reading");
        slack.reply(ts, TestSupport.ALICE, "Reject: too vague &amp; unsourced");
        slack.reply(ts, TestSupport.BOB, "approve");

        Optional<ReviewDecision> decision = channel.decisionFor(submission);

        assertThat(decision).get().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(d.reviewer()).isEqualTo(TestSupport.ALICE);
            assertThat(d.notes()).isEqualTo("too vague & unsourced");
        });
        assertThat(slack.thread(ts)).anySatisfy(reply -> assertThat(reply.text)
                .isEqualTo("_Ignored <@" + TestSupport.BOB + ">'s later `approved`: the first decision, by <@"
                        + TestSupport.ALICE + ">, stands._"));
        assertThat(slack.topLevel().get(0).blockText()).contains("*Rejected* by <@" + TestSupport.ALICE
                + ">: too vague &amp; unsourced");
    }

    @Test
    void givenTheBotListedAsReviewer_whenItReactsItself_thenNothingIsDecided() {
        settings.put("slack.reviewers", FakeSlack.BOT_USER);
        SlackBackChannel channel = channel();
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        slack.react(ts(submission), "white_check_mark", FakeSlack.BOT_USER);

        assertThat(channel.decisionFor(submission)).isEmpty();
    }

    @Test
    void givenNoReviewers_whenDecisionsAreRead_thenNothingDecidesAndSlackIsNotAsked() throws IOException {
        settings.remove("slack.reviewers");
        SlackBackChannel channel = channel();
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        slack.react(ts(submission), "white_check_mark", TestSupport.ALICE);

        assertThat(channel.decisionFor(submission)).isEmpty();
        assertThat(slack.calls()).doesNotContain("reactions.get", "conversations.replies");
        assertThat(Files.readString(Path.of(System.getProperty("kaizen4j.test.log"))))
                .contains("no Slack reviewers configured");
    }

    @Test
    void givenTheDefaultInterval_whenDecisionsAreReadTwiceWithinAMinute_thenRepliesAreReadOnce() {
        settings.remove("slack.replies.interval");
        MutableClock clock = new MutableClock(Instant.parse("2025-06-16T10:00:00Z"));
        SlackBackChannel channel = SlackBackChannel.builder().config(SlackBackChannelConfig.of(settings::get))
                .clock(clock).sleeper(support.waits::add).build();
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(channel.decisionFor(submission)).isEmpty();
        slack.reply(ts(submission), TestSupport.ALICE, "approve");
        clock.advance(Duration.ofSeconds(30));
        assertThat(channel.decisionFor(submission)).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(channel.decisionFor(submission)).get().extracting(ReviewDecision::verdict)
                .isEqualTo(Verdict.APPROVED);

        assertThat(slack.calls()).filteredOn("conversations.replies"::equals).hasSize(2);
        assertThat(slack.calls()).filteredOn("reactions.get"::equals).hasSize(3);
    }

    @Test
    void givenAStatusChange_whenShown_thenTheThreadSaysItAndADecidedStatusUpdatesTheMessage() {
        SlackBackChannel channel = channel();
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        String ts = ts(submission);

        channel.statusChanged(submission, RequestStatus.APPROVED, "approved by policy");
        channel.statusChanged(submission, RequestStatus.PUBLISHED, "pull request https://example.test/pull/7");

        assertThat(slack.thread(ts)).extracting(reply -> reply.text).contains("*Status:* approved: approved by policy",
                "*Status:* published: pull request https://example.test/pull/7");
        assertThat(slack.topLevel().get(0).blockText()).contains("*Status:* approved: approved by policy")
                .doesNotContain("To decide");
        assertThat(slack.calls()).filteredOn("chat.update"::equals).hasSize(1);
    }

    @Test
    void givenALaterStatusInAFreshProcess_whenShown_thenOnlyTheThreadSaysItAndTheDecisionStaysOnTheMessage() {
        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));
        slack.react(ts(submission), "white_check_mark", TestSupport.ALICE);
        channel().decisionFor(submission);

        channel().statusChanged(submission, RequestStatus.MERGED, "pull request #7 merged");

        assertThat(slack.topLevel().get(0).blockText()).contains("*Approved* by <@" + TestSupport.ALICE + ">")
                .doesNotContain("merged");
        assertThat(slack.thread(ts(submission))).extracting(reply -> reply.text)
                .contains("*Status:* merged: pull request #7 merged");
    }

    private SlackBackChannel channel() {
        return support.channel(settings);
    }

    private static String ts(Submission submission) {
        return submission.externalId().substring(submission.externalId().indexOf('/') + 1);
    }
}
