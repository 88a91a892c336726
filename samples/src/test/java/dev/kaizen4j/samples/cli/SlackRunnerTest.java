package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.notifier.slack.FakeSlack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a loopback server answering as Slack's Web API does. */
class SlackRunnerTest {

    private static final String REVIEWER = "U0ALICE01";

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

    private String kaizen(String... args) {
        CommandRun run = CommandRun.of(environment, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }
}
