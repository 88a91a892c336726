package dev.kaizen4j.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decisions with the message's buttons, through a loopback stand-in for Slack's Socket Mode server that
 * the stand-in Web API's {@code apps.connections.open} hands out.
 */
class SlackSocketModeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration SLACKS_ACK_LIMIT = Duration.ofSeconds(3);

    private final TestSupport support = new TestSupport();
    private final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    private final List<SlackBackChannel> opened = new ArrayList<>();
    private FakeSlack slack;
    private Map<String, String> settings;

    /** A decision as the channel handed it to its listener. */
    record Heard(String channel, String requestId, ReviewDecision decision) {}

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        settings = TestSupport.settings(slack);
        settings.put("slack.app.token", FakeSlack.APP_TOKEN);
    }

    @AfterEach
    void stop() {
        opened.forEach(SlackBackChannel::close);
        slack.close();
    }

    @Test
    void givenAnAppToken_whenSubmitted_thenTheMessageHasTheThreeButtonsAndApprovingAsksForConfirmation() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        channel().submit(request);

        FakeSlack.Posted message = slack.topLevel().get(0);
        assertThat(message.buttons()).containsExactly("kaizen4j.approve", "kaizen4j.reject", "kaizen4j.needs_work");
        JsonObject actions = message.blocks.asList().stream().map(b -> b.getAsJsonObject())
                .filter(b -> b.get("type").getAsString().equals("actions")).findFirst().orElseThrow();
        assertThat(actions.getAsJsonArray("elements").asList()).allSatisfy(button ->
                assertThat(button.getAsJsonObject().get("value").getAsString()).isEqualTo(request.id()));
        JsonObject approve = actions.getAsJsonArray("elements").get(0).getAsJsonObject();
        assertThat(approve.getAsJsonObject("confirm").getAsJsonObject("confirm").get("text").getAsString())
                .isEqualTo("Approve");
        assertThat(actions.getAsJsonArray("elements").get(1).getAsJsonObject().has("confirm")).isFalse();
        assertThat(message.blockText()).contains("presses a button below").contains("*Validation:* passed");
    }

    @Test
    void givenAHugeDiffAndAnAppToken_whenSubmitted_thenTheButtonsStayWithinSlacksBlockLimits() {
        String lesson = IntStream.range(0, 2000).mapToObj(i -> "Rule " + i + ": check keyword " + i)
                .collect(Collectors.joining("\n"));

        Submission submission = channel().submit(ContractRequests.request(lesson));

        assertThat(submission.isSubmitted()).as(submission.error()).isTrue();
        FakeSlack.Posted message = slack.topLevel().get(0);
        assertThat(message.blocks.size()).isLessThanOrEqualTo(50);
        assertThat(message.buttons()).hasSize(3);
        assertThat(message.blockText()).contains("they are in the thread");
    }

    @Test
    void givenNoAppToken_whenListenedTo_thenNoButtonsAndNoConnection() {
        settings.remove("slack.app.token");
        SlackBackChannel channel = channel();

        channel.submit(ContractRequests.request("Use the target keyword."));
        channel.decisionsTo((c, id, decision) -> heard.add(new Heard(c, id, decision)));

        assertThat(channel.deliversDecisions()).isFalse();
        assertThat(slack.topLevel().get(0).buttons()).isEmpty();
        assertThat(slack.calls()).doesNotContain("apps.connections.open");
    }

    @Test
    void givenAReviewersApproveClick_whenDelivered_thenItIsAckedWithinThreeSecondsAndTheDecisionReachesTheListener()
            throws Exception {
        SlackBackChannel channel = listening();
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        channel.submit(request);
        FakeSlack.Posted message = slack.topLevel().get(0);

        String envelope = slack.socketMode().click(TestSupport.ALICE, "kaizen4j.approve", message);

        assertThat(slack.socketMode().awaitAck(envelope, WAIT)).isLessThan(SLACKS_ACK_LIMIT);
        Heard decision = next();
        assertThat(decision.channel()).isEqualTo(channel.name());
        assertThat(decision.requestId()).isEqualTo(request.id());
        assertThat(decision.decision().verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(decision.decision().reviewer()).isEqualTo(TestSupport.ALICE);
        assertThat(message.blockText()).contains("*Approved* by <@" + TestSupport.ALICE + ">");
        assertThat(message.buttons()).as("buttons removed after the decision").isEmpty();
        assertThat(slack.views()).as("approving needs no modal").isEmpty();
    }

    @Test
    void givenARejectClick_whenTheModalIsSubmittedWithNotes_thenTheRejectionCarriesTheNotes() throws Exception {
        SlackBackChannel channel = listening();
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        channel.submit(request);
        FakeSlack.Posted message = slack.topLevel().get(0);

        slack.socketMode().click(TestSupport.ALICE, "kaizen4j.reject", message);
        JsonObject view = awaitView();
        assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).as("the click alone decides nothing").isNull();
        String submission = slack.socketMode().submit(TestSupport.ALICE, view, "The keyword list is stale & <old>.");

        assertThat(slack.socketMode().awaitAck(submission, WAIT)).isLessThan(SLACKS_ACK_LIMIT);
        Heard decision = next();
        assertThat(decision.decision().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(decision.decision().notes()).isEqualTo("The keyword list is stale & <old>.");
        JsonObject metadata = JsonParser.parseString(view.get("private_metadata").getAsString()).getAsJsonObject();
        assertThat(metadata.get("request_id").getAsString()).isEqualTo(request.id());
        assertThat(view.get("callback_id").getAsString()).isEqualTo("kaizen4j.decision");
        assertThat(message.blockText()).contains("*Rejected* by <@" + TestSupport.ALICE
                + ">: The keyword list is stale &amp; &lt;old&gt;.");
    }

    @Test
    void givenANeedsWorkClick_whenTheModalIsSubmitted_thenTheRequestNeedsWorkWithTheNotes() throws Exception {
        SlackBackChannel channel = listening();
        channel.submit(ContractRequests.request("Use the target keyword."));

        slack.socketMode().click(TestSupport.ALICE, "kaizen4j.needs_work", slack.topLevel().get(0));
        slack.socketMode().submit(TestSupport.ALICE, awaitView(), "Cite the task ids.");

        Heard decision = next();
        assertThat(decision.decision().verdict()).isEqualTo(Verdict.NEEDS_WORK);
        assertThat(decision.decision().notes()).isEqualTo("Cite the task ids.");
    }

    @Test
    void givenTheSameClickDeliveredAgain_whenRetried_thenBothAreAckedAndOneDecisionIsMade() throws Exception {
        SlackBackChannel channel = listening();
        channel.submit(ContractRequests.request("Use the target keyword."));
        JsonObject click = slack.socketMode().clickPayload(TestSupport.ALICE, "kaizen4j.approve", slack.topLevel().get(0));

        String first = slack.socketMode().deliver(click, 0);
        String retry = slack.socketMode().deliver(click, 1);

        slack.socketMode().awaitAck(first, WAIT);
        slack.socketMode().awaitAck(retry, WAIT);
        assertThat(next().decision().verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(heard.poll(500, TimeUnit.MILLISECONDS)).as("a second decision").isNull();
        assertThat(slack.ephemerals()).as("a retry is silent").isEmpty();
        assertThat(slack.calls().stream().filter("chat.update"::equals)).hasSize(1);
    }

    @Test
    void givenADisconnectMessage_whenReceived_thenTheClientReconnectsAndALaterClickStillDecides() throws Exception {
        SlackBackChannel channel = listening();
        channel.submit(ContractRequests.request("Use the target keyword."));

        slack.socketMode().disconnect();
        slack.socketMode().awaitConnections(2, WAIT);
        String envelope = slack.socketMode().click(TestSupport.ALICE, "kaizen4j.approve", slack.topLevel().get(0));

        slack.socketMode().awaitAck(envelope, WAIT);
        assertThat(next().decision().verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(slack.calls().stream().filter("apps.connections.open"::equals)).hasSize(2);
    }

    @Test
    void givenANonReviewersClick_whenDelivered_thenNothingIsDecidedTheyAreToldPrivatelyAndTheThreadSaysSo()
            throws Exception {
        SlackBackChannel channel = listening();
        channel.submit(ContractRequests.request("Use the target keyword."));
        FakeSlack.Posted message = slack.topLevel().get(0);

        String envelope = slack.socketMode().click(TestSupport.BOB, "kaizen4j.reject", message);

        slack.socketMode().awaitAck(envelope, WAIT);
        FakeSlack.Ephemeral told = awaitEphemeral(1);
        assertThat(told.user()).isEqualTo(TestSupport.BOB);
        assertThat(told.text()).contains("Only the configured reviewers decide");
        long end = System.nanoTime() + WAIT.toNanos();
        while (slack.thread(message.ts).size() < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(slack.thread(message.ts)).anySatisfy(reply ->
                assertThat(reply.text).contains("Ignored the *Reject* button by <@" + TestSupport.BOB + ">"));
        assertThat(heard).isEmpty();
        assertThat(slack.views()).as("no modal for a non-reviewer").isEmpty();
        assertThat(message.buttons()).hasSize(3);
    }

    @Test
    void givenTheBotsOwnClick_whenDelivered_thenNothingHappens() throws Exception {
        settings.put("slack.reviewers", TestSupport.ALICE + "," + FakeSlack.BOT_USER);
        SlackBackChannel channel = listening();
        channel.submit(ContractRequests.request("Use the target keyword."));

        String envelope = slack.socketMode().click(FakeSlack.BOT_USER, "kaizen4j.approve", slack.topLevel().get(0));

        slack.socketMode().awaitAck(envelope, WAIT);
        assertThat(heard.poll(500, TimeUnit.MILLISECONDS)).isNull();
        assertThat(slack.topLevel().get(0).buttons()).hasSize(3);
    }

    @Test
    void givenADecidedRequest_whenAnotherReviewerClicks_thenTheFirstDecisionStandsAndTheyAreToldItIsDecided()
            throws Exception {
        settings.put("slack.reviewers", TestSupport.ALICE + "," + TestSupport.BOB);
        SlackBackChannel channel = listening();
        channel.submit(ContractRequests.request("Use the target keyword."));
        FakeSlack.Posted message = slack.topLevel().get(0);
        JsonObject staleClick = slack.socketMode().clickPayload(TestSupport.BOB, "kaizen4j.reject", message);
        slack.socketMode().click(TestSupport.ALICE, "kaizen4j.approve", message);
        next();

        slack.socketMode().deliver(staleClick, 0);

        FakeSlack.Ephemeral told = awaitEphemeral(1);
        assertThat(told.user()).isEqualTo(TestSupport.BOB);
        assertThat(told.text()).contains("already decided: approved by <@" + TestSupport.ALICE + ">");
        assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(slack.views()).isEmpty();
    }

    @Test
    void givenARequestDecidedBeforeARestart_whenAStaleMessageIsClicked_thenTheFreshChannelSaysItIsDecided()
            throws Exception {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        SlackBackChannel before = channel();
        Submission submission = before.submit(request);
        FakeSlack.Posted message = slack.topLevel().get(0);
        JsonObject staleClick = slack.socketMode().clickPayload(TestSupport.ALICE, "kaizen4j.needs_work", message);
        slack.react(message.ts, "white_check_mark", TestSupport.ALICE);
        assertThat(before.decisionFor(submission)).isPresent();
        before.close();

        listening();
        slack.socketMode().deliver(staleClick, 0);

        assertThat(awaitEphemeral(1).text()).contains("is already decided");
        assertThat(slack.views()).isEmpty();
        assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void givenAWrongAppToken_whenListening_thenTheChannelStaysUsableAndTheLogNamesTheSettingWithoutTheToken()
            throws Exception {
        settings.put("slack.app.token", "xapp-1-wrong-0000-secret");
        SlackBackChannel channel = channel();
        channel.decisionsTo((c, id, decision) -> heard.add(new Heard(c, id, decision)));

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).isTrue();
        Path log = Path.of(System.getProperty("kaizen4j.test.log"));
        long end = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(log).contains("KAIZEN_SLACK_APP_TOKEN") && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(log)).contains("Socket Mode for #team-improvements not connected")
                .contains("KAIZEN_SLACK_APP_TOKEN").doesNotContain("xapp-1-wrong-0000-secret")
                .doesNotContain(FakeSlack.APP_TOKEN);
    }

    private SlackBackChannel channel() {
        SlackBackChannel channel = support.channel(settings);
        opened.add(channel);
        return channel;
    }

    private SlackBackChannel listening() throws InterruptedException {
        SlackBackChannel channel = channel();
        int before = slack.socketMode().connections();
        channel.decisionsTo((c, id, decision) -> heard.add(new Heard(c, id, decision)));
        assertThat(channel.deliversDecisions()).isTrue();
        slack.socketMode().awaitConnections(before + 1, WAIT);
        return channel;
    }

    private Heard next() throws InterruptedException {
        Heard decision = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(decision).as("a decision within " + WAIT).isNotNull();
        return decision;
    }

    private JsonObject awaitView() throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (slack.views().isEmpty()) {
            assertThat(System.nanoTime()).as("a modal opened").isLessThan(end);
            Thread.sleep(10);
        }
        return slack.views().get(0);
    }

    private FakeSlack.Ephemeral awaitEphemeral(int count) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (slack.ephemerals().size() < count) {
            assertThat(System.nanoTime()).as("an ephemeral reply").isLessThan(end);
            Thread.sleep(10);
        }
        return slack.ephemerals().get(count - 1);
    }
}
