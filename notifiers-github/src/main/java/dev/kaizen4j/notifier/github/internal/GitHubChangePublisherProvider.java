package dev.kaizen4j.notifier.github.internal;

import dev.kaizen4j.notifier.github.GitHubChangePublisher;
import dev.kaizen4j.notifier.github.GitHubConfig;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.spi.ChangePublisherProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import java.util.List;

/** {@code github}: approved changes as pull requests ({@link GitHubChangePublisher}). */
public final class GitHubChangePublisherProvider implements ChangePublisherProvider {

    @Override
    public String name() {
        return GitHubChangePublisher.NAME;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return GitHubConfig.KEYS;
    }

    @Override
    public ChangePublisher create(KaizenConfig config) {
        GitHubConfig github = GitHubConfig.of(config);
        GitHubChangePublisher.Builder publisher = GitHubChangePublisher.builder().config(github)
                .teamSpecPath(github.string(GitHubConfig.TEAM_SPEC_PATH));
        github.value(GitHubConfig.SOURCE_DIR).ifPresent(publisher::sourceDirectory);
        github.value(GitHubConfig.BASE_BRANCH).ifPresent(publisher::baseBranch);
        return publisher.build();
    }
}
