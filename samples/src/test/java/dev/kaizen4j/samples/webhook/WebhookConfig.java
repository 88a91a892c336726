package dev.kaizen4j.samples.webhook;

import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.PluginConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code kaizen.webhook.*} / {@code KAIZEN_WEBHOOK_*}. */
public interface WebhookConfig extends PluginConfig {

    ConfigKey URL = ConfigKey.required("url", ConfigKey.Type.URL, "the service's base URL");
    ConfigKey TOKEN = ConfigKey.optional("token", ConfigKey.Type.SECRET, null, "a bearer token, if the service wants one");
    ConfigKey TIMEOUT = ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "10s", "how long one call may take");

    @Override
    default String prefix() {
        return "webhook";
    }

    @Override
    default List<ConfigKey> keys() {
        return List.of(URL, TOKEN, TIMEOUT);
    }

    default String url() {
        return string(URL).replaceAll("/+$", "");
    }

    default Optional<String> token() {
        return value(TOKEN);
    }

    default Duration timeout() {
        return duration(TIMEOUT);
    }
}
