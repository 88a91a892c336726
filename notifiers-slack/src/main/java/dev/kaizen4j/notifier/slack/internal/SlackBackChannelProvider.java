package dev.kaizen4j.notifier.slack.internal;

import dev.kaizen4j.notifier.slack.SlackBackChannel;
import dev.kaizen4j.notifier.slack.SlackBackChannelConfig;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.spi.BackChannelProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import java.util.List;

/**
 * {@code slack}: requests as channel messages ({@link SlackBackChannel}), configured by
 * {@link SlackBackChannelConfig}, with {@code SLACK_BOT_TOKEN} and {@code SLACK_APP_TOKEN} as fallbacks.
 */
public final class SlackBackChannelProvider implements BackChannelProvider {

    @Override
    public String name() {
        return SlackBackChannel.NAME;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return SlackBackChannelConfig.KEYS;
    }

    @Override
    public BackChannel create(KaizenConfig config) {
        return SlackBackChannel.builder().config(SlackBackChannelConfig.of(config, config.environment())).build();
    }
}
