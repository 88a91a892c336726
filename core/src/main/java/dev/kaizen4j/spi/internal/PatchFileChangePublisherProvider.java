package dev.kaizen4j.spi.internal;

import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.publish.PatchFileChangePublisher;
import dev.kaizen4j.spi.ChangePublisherProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code patch-file}: approved changes as patch files ({@link PatchFileChangePublisher}), relative to the
 * repository of the team spec named by the runner's {@code team.spec} setting ({@code KAIZEN_TEAM_SPEC}),
 * or to {@code repo.root} ({@code KAIZEN_REPO_ROOT}) when set.
 */
public final class PatchFileChangePublisherProvider implements ChangePublisherProvider {

    private static final ConfigKey DIRECTORY = StateDirectory.key("patches");

    @Override
    public String name() {
        return "patch-file";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(DIRECTORY);
    }

    @Override
    public ChangePublisher create(KaizenConfig config) {
        PatchFileChangePublisher.Builder publisher =
                PatchFileChangePublisher.builder(new StateDirectory(name(), config, DIRECTORY, "patches").path());
        setting(config, "team.spec").ifPresent(spec -> publisher.teamSpec(Path.of(spec)));
        setting(config, "repo.root").ifPresent(root -> publisher.repositoryRoot(Path.of(root)));
        return publisher.build();
    }

    private static Optional<String> setting(KaizenConfig config, String key) {
        return Optional.ofNullable(config.get(key)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
