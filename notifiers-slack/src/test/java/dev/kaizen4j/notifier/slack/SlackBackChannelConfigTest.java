package dev.kaizen4j.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.contract.ContractRequests;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.Plugins;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Slack settings: defaults, fallbacks to Slack's usual variables, checks, masking, and the provider. */
class SlackBackChannelConfigTest {

    @Test
    void givenOnlyAToken_thenTheDefaultsApply() {
        SlackBackChannelConfig config = SlackBackChannelConfig.of(KaizenConfig.of(Map.of("slack.token", "xoxb-1")));

        assertThat(config.problems()).isEmpty();
        assertThat(config.channel()).isEqualTo("#team-improvements");
        assertThat(config.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(config.reviewers()).isEmpty();
        assertThat(config.repliesInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void givenSlackBotTokenAndAppTokenVariables_thenTheyStandInForUnsetTokens() {
        SlackBackChannelConfig config = SlackBackChannelConfig.of(KaizenConfig.fromEnvironment(Map.of()),
                Map.of("SLACK_BOT_TOKEN", "xoxb-usual", "SLACK_APP_TOKEN", "xapp-usual", "OTHER", "x"));

        assertThat(config.token()).isEqualTo("xoxb-usual");
        assertThat(config.value(SlackBackChannelConfig.APP_TOKEN)).contains("xapp-usual");
    }

    @Test
    void givenKaizenTokenAndSlackBotToken_thenTheKaizenSettingWins() {
        SlackBackChannelConfig config = SlackBackChannelConfig.of(
                KaizenConfig.fromEnvironment(Map.of("KAIZEN_SLACK_TOKEN", "xoxb-kaizen")),
                Map.of("SLACK_BOT_TOKEN", "xoxb-usual"));

        assertThat(config.token()).isEqualTo("xoxb-kaizen");
    }

    @Test
    void givenBadSettings_thenEveryProblemIsListedAndNoTokenShown() {
        SlackBackChannelConfig config = SlackBackChannelConfig.of(KaizenConfig.of(Map.of(
                "slack.channel", "Team Improvements", "slack.reviewers", "U0ALICE01, alice",
                "slack.api.url", "slack.com", "slack.app.token", "xapp-secret-9")));

        assertThatThrownBy(config::validate).isInstanceOf(KaizenException.class)
                .hasMessageContaining("kaizen.slack.token (KAIZEN_SLACK_TOKEN) is required")
                .hasMessageContaining("kaizen.slack.channel (KAIZEN_SLACK_CHANNEL) must be a channel id")
                .hasMessageContaining("had 'alice'")
                .hasMessageContaining("kaizen.slack.api.url")
                .hasMessageNotContaining("xapp-secret-9");
        assertThat(config.describe()).contains("kaizen.slack.app.token=****").doesNotContain("xapp-secret-9");
    }

    @Test
    void givenReviewers_thenTheyAreReadAsASetOfUserIds() {
        SlackBackChannelConfig config = SlackBackChannelConfig.of(KaizenConfig.of(Map.of(
                "slack.token", "xoxb-1", "slack.reviewers", " U0ALICE01 ,W0BOB0002,")));

        assertThat(config.reviewers()).isEqualTo(Set.of("U0ALICE01", "W0BOB0002"));
    }

    @Test
    void givenTheProviderByName_thenItMakesAWorkingSlackChannel() {
        try (FakeSlack slack = new FakeSlack();
                BackChannel channel = Plugins.backChannel("slack", KaizenConfig.of(TestSupport.settings(slack)))) {
            Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

            assertThat(channel).isInstanceOf(SlackBackChannel.class);
            assertThat(submission.isSubmitted()).as(submission.error()).isTrue();
            assertThat(Plugins.backChannelProvider("slack", Plugins.contextLoader()).configKeys())
                    .isEqualTo(SlackBackChannelConfig.KEYS);
        }
    }
}
