package dev.kaizen4j.notifier.slack;

import dev.kaizen4j.spi.KaizenConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Channels on a {@link FakeSlack}, with waits recorded instead of slept. */
final class TestSupport {

    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0002";

    final List<Duration> waits = new CopyOnWriteArrayList<>();

    static Map<String, String> settings(FakeSlack slack) {
        Map<String, String> settings = new HashMap<>();
        settings.put("slack.token", FakeSlack.TOKEN);
        settings.put("slack.api.url", slack.apiUrl());
        settings.put("slack.reviewers", ALICE);
        settings.put("slack.replies.interval", "0s");
        settings.put("slack.max.rate.limit.wait", "10s");
        return settings;
    }

    SlackBackChannel channel(Map<String, String> settings) {
        return SlackBackChannel.builder().config(SlackBackChannelConfig.of(KaizenConfig.of(settings)))
                .sleeper(waits::add).build();
    }
}
