package dev.kaizen4j.notifier.github.internal;

import dev.kaizen4j.notifier.github.GitHubBackChannel;
import dev.kaizen4j.notifier.github.GitHubConfig;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.spi.BackChannelProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import java.util.List;

/** {@code github}: requests as issues ({@link GitHubBackChannel}), configured by {@link GitHubConfig}. */
public final class GitHubBackChannelProvider implements BackChannelProvider {

    @Override
    public String name() {
        return GitHubBackChannel.NAME;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return GitHubConfig.KEYS;
    }

    @Override
    public BackChannel create(KaizenConfig config) {
        return GitHubBackChannel.builder().config(GitHubConfig.of(config)).build();
    }
}
