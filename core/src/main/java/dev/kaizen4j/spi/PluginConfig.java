package dev.kaizen4j.spi;

import dev.kaizen4j.KaizenException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The base of every plugin's settings, in the style of Micrometer's registry configs: an interface of
 * defaulted getters over one {@link #get(String)} function and a {@link #prefix()}. A plugin declares
 * {@code interface AcmeConfig extends PluginConfig} with {@code prefix()} returning {@code "acme"}, its
 * {@link #keys()} and one getter per key, and reads it from any {@link KaizenConfig}:
 * {@code AcmeConfig config = source::get;}.
 *
 * <p>{@link #validate()} reports every invalid setting at once; {@link #describe()} and every message
 * mask {@link ConfigKey.Type#SECRET secret} values.
 */
public interface PluginConfig {

    /** The first segment of every key, for example {@code github}. */
    String prefix();

    /** The raw value of a full key such as {@code github.token}, or null. */
    @Nullable String get(String key);

    /** The documented settings, below {@link #prefix()}. */
    List<ConfigKey> keys();

    /** The value of {@code key}, its default when unset, or empty when it has neither. */
    default Optional<String> value(ConfigKey key) {
        String value = get(prefix() + "." + key.name());
        if (value == null || value.isBlank()) {
            return Optional.ofNullable(key.defaultValue());
        }
        return Optional.of(value.strip());
    }

    /**
     * The value of a setting that must be there.
     *
     * @throws KaizenException naming the property and variable when it is missing
     */
    default String string(ConfigKey key) {
        return value(key).orElseThrow(() -> KaizenException.invalidInput(missing(key)));
    }

    /** A duration setting: {@code 30s}, {@code 5m}, {@code 2h}, {@code 500ms} or ISO-8601 ({@code PT1M}). */
    default Duration duration(ConfigKey key) {
        String value = string(key);
        return checked(key, value, ConfigKey.Type.DURATION, ConfigKey.parseDuration(value));
    }

    /** A whole-number setting. */
    default int integer(ConfigKey key) {
        String value = string(key);
        return checked(key, value, ConfigKey.Type.INTEGER,
                ConfigKey.Type.INTEGER.problem(value) == null ? Integer.valueOf(value.strip()) : null);
    }

    /** A true/false setting. */
    default boolean bool(ConfigKey key) {
        String value = string(key);
        return checked(key, value, ConfigKey.Type.BOOLEAN,
                ConfigKey.Type.BOOLEAN.problem(value) == null ? Boolean.valueOf(value.strip()) : null);
    }

    /** Every problem with the settings: required ones missing, values that do not parse. Empty when valid. */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (ConfigKey key : keys()) {
            Optional<String> value = value(key);
            if (value.isEmpty()) {
                if (key.required()) {
                    problems.add(missing(key));
                }
                continue;
            }
            String problem = key.type().problem(value.get());
            if (problem != null) {
                problems.add(label(key) + " " + problem + (key.secret() ? "" : ", was '" + value.get() + "'"));
            }
        }
        return problems;
    }

    /**
     * Checks every setting at once.
     *
     * @return this, for chaining
     * @throws KaizenException listing every problem, one per line, secrets masked
     */
    default PluginConfig validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw KaizenException.invalidInput("invalid " + prefix() + " settings:\n  - " + String.join("\n  - ", problems));
        }
        return this;
    }

    /** The settings as {@code kaizen.x=value} pairs, for logs; secrets show as {@code ****}. */
    default String describe() {
        List<String> parts = new ArrayList<>();
        for (ConfigKey key : keys()) {
            value(key).ifPresent(value -> parts.add(KaizenConfig.propertyName(prefix() + "." + key.name()) + "="
                    + (key.secret() ? "****" : value)));
        }
        return prefix() + parts;
    }

    private String label(ConfigKey key) {
        String full = prefix() + "." + key.name();
        return KaizenConfig.propertyName(full) + " (" + KaizenConfig.variableName(full) + ")";
    }

    private String missing(ConfigKey key) {
        return label(key) + " is required: " + key.description();
    }

    private <T> T checked(ConfigKey key, String value, ConfigKey.Type type, @Nullable T parsed) {
        if (parsed == null) {
            throw KaizenException.invalidInput(label(key) + " " + type.problem(value)
                    + (key.secret() ? "" : ", was '" + value + "'"));
        }
        return parsed;
    }
}
