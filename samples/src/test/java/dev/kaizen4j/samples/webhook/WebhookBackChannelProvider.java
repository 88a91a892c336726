package dev.kaizen4j.samples.webhook;

import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.spi.BackChannelProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import java.util.List;

/** Makes {@code --back-channel webhook} work; listed in META-INF/services/dev.kaizen4j.spi.BackChannelProvider. */
public final class WebhookBackChannelProvider implements BackChannelProvider {

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(WebhookConfig.URL, WebhookConfig.TOKEN, WebhookConfig.TIMEOUT);
    }

    @Override
    public BackChannel create(KaizenConfig config) {
        WebhookConfig settings = config::get;
        settings.validate();
        return new WebhookBackChannel(settings);
    }
}
