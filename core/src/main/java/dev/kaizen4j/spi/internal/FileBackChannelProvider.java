package dev.kaizen4j.spi.internal;

import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.spi.BackChannelProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import java.util.List;

/** {@code file}: requests as files in a directory ({@link FileBackChannel}). */
public final class FileBackChannelProvider implements BackChannelProvider {

    private static final ConfigKey DIRECTORY = StateDirectory.key("requests");

    @Override
    public String name() {
        return "file";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(DIRECTORY);
    }

    @Override
    public BackChannel create(KaizenConfig config) {
        return new FileBackChannel(new StateDirectory(name(), config, DIRECTORY, "requests").path());
    }
}
