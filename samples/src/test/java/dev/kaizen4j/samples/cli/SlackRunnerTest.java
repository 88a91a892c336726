package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.kaizen4j.notifier.slack.FakeSlack;
import dev.kaizen4j.notifier.slack.FakeSocketMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a loopback server answering as Slack's Web API does. */
class SlackRunnerTest {

    private static final String REVIEWER = "U0ALICE01";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    @AutoClose
    private FakeSlack slack;
    private Map<String, String> environment;

    @BeforeEach
    void startSlack() {
        slack = new FakeSlack();
        environment = new HashMap<>(Map.of(
                "KAIZEN_SLACK_TOKEN", FakeSlack.TOKEN,
                "KAIZEN_SLACK_API_URL", slack.apiUrl(),
                "KAIZEN_SLACK_REVIEWERS", REVIEWER,
                "KAIZEN_SLACK_REPLIES_INTERVAL", "0s",
                "KAIZEN_STATE_DIR", directory.resolve("state").toString()));
    }

    @Test
    void givenTheExample_whenRunTwiceWithSlack_thenEachRequestIsOneMessage() {
        String first = kaizen("run", "--back-channel", "slack");
        int messages = slack.topLevel().size();
        String second = kaizen("run", "--back-channel", "slack");

        assertThat(messages).isGreaterThanOrEqualTo(3);
        assertThat(slack.topLevel()).hasSize(messages).allSatisfy(message -> {
            assertThat(message.text).startsWith("[Self-Improvement] marketing-team: ");
            assertThat(message.blockText()).contains("```").contains("*Rationale*");
            assertThat(message.metadata.get("event_type").getAsString()).isEqualTo("kaizen4j_improvement_request");
        });
        assertThat(first).contains(messages + " submitted");
        assertThat(second).contains("0 submitted").contains(messages + " duplicates suppressed");
        assertThat(first + second + slack.received()).doesNotContain(FakeSlack.TOKEN);
    }

    @Test
    void givenAReviewersReactionAndAReply_whenSynced_thenBothDecisionsAreRecorded() {
        kaizen("run", "--back-channel", "slack");
        FakeSlack.Posted approved = slack.topLevel().get(0);
        FakeSlack.Posted rejected = slack.topLevel().get(1);
        slack.react(approved.ts, "white_check_mark", REVIEWER);
        slack.reply(rejected.ts, REVIEWER, "reject: the keyword list is stale");
        slack.react(slack.topLevel().get(2).ts, "white_check_mark", "U0BOB0002");

        String sync = kaizen("review", "sync", "--back-channel", "slack");

        assertThat(sync).contains("2 decisions picked up").contains("approved by " + REVIEWER)
                .contains("rejected by " + REVIEWER);
        assertThat(slack.topLevel().get(0).blockText()).contains("*Approved* by <@" + REVIEWER + ">");
        assertThat(slack.thread(slack.topLevel().get(2).ts)).anySatisfy(reply ->
                assertThat(reply.text).contains("Ignored :white_check_mark: by <@U0BOB0002>"));
    }

    @Test
    void givenNoSlackToken_whenRun_thenTheErrorNamesTheVariable() {
        environment.remove("KAIZEN_SLACK_TOKEN");

        CommandRun run = CommandRun.of(environment, "run", "--back-channel", "slack");

        assertThat(run.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(run.err()).startsWith("error: ").contains("KAIZEN_SLACK_TOKEN");
    }

    @Test
    void givenAnAppToken_whenRun_thenNoSocketIsOpenedAndAReactionMadeMeanwhileIsReadByTheNextRun() {
        environment.put("KAIZEN_SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
        kaizen("run", "--back-channel", "slack");
        FakeSlack.Posted approved = slack.topLevel().get(0);
        slack.react(approved.ts, "white_check_mark", REVIEWER);

        String next = kaizen("run", "--back-channel", "slack");

        assertThat(next).contains("decision on " + requestId(approved) + ": approved by " + REVIEWER);
        assertThat(slack.calls()).doesNotContain("apps.connections.open");
        assertThat(slack.socketMode().connections()).isZero();
    }

    @Test
    void givenAnAppToken_whenListening_thenClicksAreRecordedInTheLedgerAndTheApprovalIsPublishedUntilStopped()
            throws Exception {
        environment.put("KAIZEN_SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
        kaizen("run", "--back-channel", "slack");
        FakeSlack.Posted approved = slack.topLevel().get(0);
        FakeSlack.Posted rejected = slack.topLevel().get(1);
        String approvedId = requestId(approved);
        String rejectedId = requestId(rejected);
        FakeSocketMode socket = slack.socketMode();
        int before = socket.connections();
        AtomicReference<CommandRun> listen = new AtomicReference<>();
        Thread listener = new Thread(() -> listen.set(CommandRun.of(environment, "review", "listen",
                "--back-channel", "slack")));
        listener.start();
        socket.awaitConnections(before + 1, WAIT);

        socket.awaitAck(socket.click(REVIEWER, "kaizen4j.approve", approved), WAIT);
        awaitStatus(approvedId, "published");
        socket.click(REVIEWER, "kaizen4j.reject", rejected);
        socket.submit(REVIEWER, awaitView(), "The keyword list is stale.");
        awaitStatus(rejectedId, "rejected");
        listener.interrupt();
        listener.join(WAIT.toMillis());

        assertThat(listener.isAlive()).as("stopped").isFalse();
        assertThat(listen.get().exitCode()).as(listen.get().err()).isZero();
        assertThat(listen.get().out()).contains("Listening for decisions on slack:#team-improvements")
                .contains(approvedId + ": approved by " + REVIEWER + " on slack:#team-improvements; the ledger says"
                        + " published")
                .contains(rejectedId + ": rejected by " + REVIEWER).contains("Stopped listening.");
        assertThat(kaizen("review", "show", rejectedId)).contains("The keyword list is stale.");
        assertThat(approved.blockText()).contains("*Approved* by <@" + REVIEWER + ">");
        assertThat(slack.thread(approved.ts)).anySatisfy(reply -> assertThat(reply.text).contains("*Status:* published"));
        assertThat(listen.get().out() + listen.get().err()).doesNotContain(FakeSlack.APP_TOKEN)
                .doesNotContain(FakeSlack.TOKEN);
    }

    @Test
    void givenAListeningProcess_whenTerminatedAsByCtrlC_thenItClosesTheSocketNormallyAndSaysSo() throws Exception {
        environment.put("KAIZEN_SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
        kaizen("run", "--back-channel", "slack");
        FakeSocketMode socket = slack.socketMode();
        int before = socket.connections();
        // the run's own connection may still be closing: count its close before the listener's
        long closing = System.nanoTime() + WAIT.toNanos();
        while (socket.closes().size() < before && System.nanoTime() < closing) {
            Thread.sleep(20);
        }
        int closedBefore = socket.closes().size();
        assertThat(closedBefore).as("the run's connections closed").isEqualTo(before);
        Path output = directory.resolve("listen.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KaizenCommand.class.getName(),
                "review", "listen", "--back-channel", "slack")
                .redirectOutput(output.toFile()).redirectError(directory.resolve("listen.err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KAIZEN") || name.startsWith("SLACK"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            socket.awaitConnections(before + 1, Duration.ofSeconds(60));
            FakeSlack.Posted message = slack.topLevel().get(0);
            socket.awaitAck(socket.click(REVIEWER, "kaizen4j.approve", message), WAIT);
            awaitStatus(requestId(message), "published");

            process.destroy(); // SIGTERM, which runs the shutdown hooks as Ctrl-C does

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(output)).contains("Listening for decisions").contains("Stopped listening.");
        long end = System.nanoTime() + WAIT.toNanos();
        while (socket.closes().size() == closedBefore && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(socket.closes().subList(closedBefore, socket.closes().size()))
                .as("a normal close by the client").containsExactly("1000 by the client");
    }

    @Test
    void givenNoAppToken_whenListening_thenItSaysTheChannelDeliversNoDecisionsAndExitsWithTwo() {
        kaizen("run", "--back-channel", "slack");

        CommandRun run = CommandRun.of(environment, "review", "listen", "--back-channel", "slack");

        assertThat(run.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("back-channel slack does not deliver decisions as they are made")
                .contains("kaizen4j review sync --back-channel slack");
        assertThat(slack.calls()).doesNotContain("apps.connections.open");
    }

    @Test
    void givenTheFileChannel_whenListening_thenItSaysItDeliversNoDecisionsAndExitsWithTwo() {
        CommandRun run = CommandRun.of(environment, "review", "listen");

        assertThat(run.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("back-channel file does not deliver decisions as they are made");
    }

    private static String requestId(FakeSlack.Posted message) {
        return message.metadata.getAsJsonObject("event_payload").get("request_id").getAsString();
    }

    private void awaitStatus(String id, String status) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        String list = "";
        while (System.nanoTime() < end) {
            list = kaizen("review", "list");
            if (list.lines().anyMatch(line -> line.startsWith(id) && line.contains(" " + status + " "))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " not " + status + " within " + WAIT + ":\n" + list);
    }

    private JsonObject awaitView() throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (slack.views().isEmpty()) {
            assertThat(System.nanoTime()).as("a modal opened").isLessThan(end);
            Thread.sleep(10);
        }
        return slack.views().get(slack.views().size() - 1);
    }

    private String kaizen(String... args) {
        CommandRun run = CommandRun.of(environment, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }
}
