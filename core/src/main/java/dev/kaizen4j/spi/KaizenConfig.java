package dev.kaizen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
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

    /**
     * The environment variables of the process these settings belong to, for plugins that also accept a
     * service's own variable names as fallbacks ({@code SLACK_BOT_TOKEN}, {@code SUPABASE_URL}). The default is
     * this process's environment; a host that runs commands with another environment (the runner in tests)
     * overrides it.
     */
    default Map<String, String> environment() {
        return System.getenv();
    }

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

    /**
     * Settings read from a service's own environment variables, for a plugin that accepts them as fallbacks:
     * each key's first variable in {@code namesByKey} that {@code environment} sets, not blank. Combine it with
     * {@link #orElse}: {@code config.orElse(KaizenConfig.fromVariables(names, config.environment()))}.
     */
    static KaizenConfig fromVariables(Map<String, List<String>> namesByKey, Map<String, String> environment) {
        Map<String, List<String>> names = Map.copyOf(requireNonNull(namesByKey, "namesByKey"));
        requireNonNull(environment, "environment");
        return key -> names.getOrDefault(key, List.of()).stream()
                .map(environment::get)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse(null);
    }

    /** This configuration, falling back to {@code fallback} for keys it does not set (or sets blank); its environment is this one's. */
    default KaizenConfig orElse(KaizenConfig fallback) {
        requireNonNull(fallback, "fallback");
        KaizenConfig first = this;
        return new KaizenConfig() {
            @Override
            public @Nullable String get(String key) {
                String value = first.get(key);
                return value == null || value.isBlank() ? fallback.get(key) : value;
            }

            @Override
            public Map<String, String> environment() {
                return first.environment();
            }
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
