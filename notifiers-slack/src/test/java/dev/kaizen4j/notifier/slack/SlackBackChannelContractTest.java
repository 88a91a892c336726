package dev.kaizen4j.notifier.slack;

import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.BackChannelContract;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The back-channel contract against a loopback stand-in for Slack's Web API. */
class SlackBackChannelContractTest extends BackChannelContract {

    private final TestSupport support = new TestSupport();
    private FakeSlack slack;
    private SlackBackChannel channel;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        channel = support.channel(TestSupport.settings(slack));
    }

    @AfterEach
    void stop() {
        channel.close();
        slack.close();
    }

    @Override
    protected BackChannel channel() {
        return channel;
    }

    @Override
    protected BackChannel restartedChannel() {
        return support.channel(TestSupport.settings(slack));
    }

    @Override
    protected BackChannel channelWithBackendDown() {
        Map<String, String> settings = TestSupport.settings(slack);
        settings.put("slack.api.url", "http://127.0.0.1:1/api/");
        return support.channel(settings);
    }

    @Override
    protected void decide(Submission submission, Verdict verdict, String notes) {
        String command = switch (verdict) {
            case APPROVED -> "approve";
            case REJECTED -> "reject";
            case NEEDS_WORK -> "needs work";
        };
        String ts = submission.externalId().substring(submission.externalId().indexOf('/') + 1);
        slack.reply(ts, TestSupport.ALICE, command + ": " + notes);
    }

    @Override
    protected int requestsHeld() {
        return slack.topLevel().size();
    }

    @Override
    protected String sentToBackend() {
        return slack.received();
    }

    @Override
    protected Optional<String> credential() {
        return Optional.of(FakeSlack.TOKEN);
    }
}
