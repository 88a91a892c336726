package dev.kaizen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where settings come from: one function from a dotted key such as {@code github.token} to its value.
 * The same key is the property {@code kaizen.github.token} and the environment variable
 * {@code KAIZEN_GITHUB_TOKEN}, so one plugin reads its settings alike from a properties file, the
 * environment or code ({@code KaizenConfig.of(Map.of("github.token", token))}).
 *
 * <p>Implementations are read-only and safe to share between threads.
 */
@FunctionalInterface
public interface KaizenConfig {

    /** The value of {@code key} (for example {@code github.repository}), or null when it is not set. */
    @Nullable String get(String key);

    /** No settings at all. */
    static KaizenConfig empty() {
        return key -> null;
    }

    /** Settings given in code, keyed as {@link #get} is ({@code github.token}). */
    static KaizenConfig of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }

    /** Settings from properties named {@code kaizen.<key>}. */
    static KaizenConfig fromProperties(Properties properties) {
        requireNonNull(properties, "properties");
        return key -> properties.getProperty(propertyName(key));
    }

    /** Settings from environment variables named {@code KAIZEN_<KEY>} ({@code .} and {@code -} become {@code _}). */
    static KaizenConfig fromEnvironment(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return key -> copy.get(variableName(key));
    }

    /** This configuration, falling back to {@code fallback} for keys it does not set (or sets blank). */
    default KaizenConfig orElse(KaizenConfig fallback) {
        requireNonNull(fallback, "fallback");
        return key -> {
            String value = get(key);
            return value == null || value.isBlank() ? fallback.get(key) : value;
        };
    }

    /** The property name of a key: {@code github.api.url} is {@code kaizen.github.api.url}. */
    static String propertyName(String key) {
        return "kaizen." + key;
    }

    /** The environment variable of a key: {@code github.api.url} is {@code KAIZEN_GITHUB_API_URL}. */
    static String variableName(String key) {
        return "KAIZEN_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
