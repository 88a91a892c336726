package dev.kaizen4j.spi.internal;

import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.publish.PatchFileChangePublisher;
import dev.kaizen4j.spi.ChangePublisherProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import java.util.List;

/** {@code patch-file}: approved changes as patch files ({@link PatchFileChangePublisher}). */
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
        return new PatchFileChangePublisher(new StateDirectory(name(), config, DIRECTORY, "patches").path());
    }
}
