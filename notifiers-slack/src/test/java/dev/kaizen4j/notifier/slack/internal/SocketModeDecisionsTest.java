package dev.kaizen4j.notifier.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.kaizen4j.notifier.slack.FakeSlack;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SocketModeDecisionsTest {

    @Test
    void givenAnAppTokenSlackRefuses_whenConnecting_thenEachRetryWaitsTwiceAsLongAsTheOneBefore() throws Exception {
        // given
        try (FakeSlack fake = new FakeSlack()) {
            SlackConfig config = new SlackConfig();
            config.setStatsEnabled(false);
            config.setMethodsEndpointUrlPrefix(fake.apiUrl());
            Duration first = Duration.ofMillis(20);

            // when: a constant delay would try about 75 times in 1.5 s; doubling from 20 ms, 7 times
            try (SocketModeDecisions decisions = new SocketModeDecisions(Slack.getInstance(config),
                    "xapp-1-refused-0000-secret", "#team-improvements", first, interaction -> { })) {
                decisions.start();
                Thread.sleep(1_500);
            }

            // then
            long attempts = fake.calls().stream().filter("apps.connections.open"::equals).count();
            assertThat(attempts).isBetween(1L, 9L);
        }
    }
}
