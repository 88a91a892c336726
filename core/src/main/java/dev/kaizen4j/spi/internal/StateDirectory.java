package dev.kaizen4j.spi.internal;

import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.PluginConfig;
import java.nio.file.Path;
import java.util.List;

/** A directory setting of core's file-based plugins, defaulting to a folder of the runner's state directory. */
record StateDirectory(String prefix, KaizenConfig source, ConfigKey directory, String folder) implements PluginConfig {

    /** The runner's state directory key ({@code kaizen.state.dir}); default {@code .kaizen4j}. */
    static final String STATE_DIR = "state.dir";

    static ConfigKey key(String folder) {
        return ConfigKey.optional("directory", ConfigKey.Type.PATH, null,
                "where files are kept; default: " + folder + " in the state directory (kaizen.state.dir, default .kaizen4j)");
    }

    @Override
    public String get(String key) {
        return source.get(key);
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(directory);
    }

    Path path() {
        validate();
        return value(directory).map(Path::of).orElseGet(() -> {
            String state = source.get(STATE_DIR);
            return Path.of(state == null || state.isBlank() ? ".kaizen4j" : state.strip()).resolve(folder);
        });
    }
}
