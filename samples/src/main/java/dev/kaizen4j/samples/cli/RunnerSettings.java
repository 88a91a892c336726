package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.spi.KaizenConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The runner's configuration: a flag wins over the {@code KAIZEN_*} environment variable, which wins
 * over the properties file. A setting named {@code state.dir} is the variable {@code KAIZEN_STATE_DIR}
 * and the property {@code kaizen.state.dir}.
 */
final class RunnerSettings {

    static final String DEFAULT_CONFIG_FILE = "kaizen4j.properties";

    private final Map<String, String> environment;
    private final Properties properties;

    RunnerSettings(Map<String, String> environment, Properties properties) {
        this.environment = Map.copyOf(environment);
        this.properties = properties;
    }

    /**
     * Loads settings from the environment and a properties file: {@code configFile} if given, else
     * {@code KAIZEN_CONFIG}, else {@value #DEFAULT_CONFIG_FILE} in the working directory if present.
     */
    static RunnerSettings load(Map<String, String> environment, @Nullable Path configFile) {
        Path file = configFile;
        if (file == null && environment.get("KAIZEN_CONFIG") != null) {
            file = Path.of(environment.get("KAIZEN_CONFIG"));
        }
        Properties properties = new Properties();
        if (file == null) {
            Path fallback = Path.of(DEFAULT_CONFIG_FILE);
            if (!Files.isRegularFile(fallback)) {
                return new RunnerSettings(environment, properties);
            }
            file = fallback;
        }
        if (!Files.isRegularFile(file)) {
            throw KaizenException.invalidInput("configuration file not found: " + file);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException unreadable) {
            throw KaizenException.invalidInput("cannot read configuration file " + file + ": " + unreadable.getMessage());
        }
        return new RunnerSettings(environment, properties);
    }

    /** The value of {@code name}: the flag if set, else the environment variable, else the property. */
    Optional<String> get(@Nullable String flag, String name) {
        if (flag != null && !flag.isBlank()) {
            return Optional.of(flag);
        }
        String variable = environment.get(variableName(name));
        if (variable != null && !variable.isBlank()) {
            return Optional.of(variable);
        }
        return Optional.ofNullable(properties.getProperty("kaizen." + name)).filter(value -> !value.isBlank());
    }

    /** A raw environment variable, for providers' usual variables used as fallbacks. */
    Optional<String> environment(String variable) {
        return Optional.ofNullable(environment.get(variable)).filter(value -> !value.isBlank());
    }

    Map<String, String> environment() {
        return environment;
    }

    static String variableName(String name) {
        return KaizenConfig.variableName(name);
    }
}
