package dev.kaizen4j.spi;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One documented setting of a plugin. The README's tables of settings are checked against these.
 *
 * @param name the key below the plugin's prefix, for example {@code token} (so {@code kaizen.github.token})
 * @param type how the value is read and checked; {@link Type#SECRET} values are never shown
 * @param defaultValue the value when it is not set, or null when the setting is required or has no default
 * @param required whether a value must be given
 * @param description one line for the README
 */
public record ConfigKey(String name, Type type, @Nullable String defaultValue, boolean required, String description) {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** How a value is read and checked. */
    public enum Type {
        STRING, SECRET, URL, DURATION, INTEGER, BOOLEAN, PATH;

        /** Why {@code value} is not valid for this type, or null when it is; never quotes a secret. */
        @Nullable String problem(String value) {
            return switch (this) {
                case STRING, SECRET, PATH -> null;
                case URL -> {
                    try {
                        URI uri = URI.create(value.strip());
                        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                        yield (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? null
                                : "must be an http(s) URL with a host";
                    } catch (IllegalArgumentException invalid) {
                        yield "must be an http(s) URL with a host";
                    }
                }
                case DURATION -> parseDuration(value) == null ? "must be a duration such as 30s, 5m or PT1M" : null;
                case INTEGER -> value.strip().matches("-?\\d{1,9}") ? null : "must be a whole number";
                case BOOLEAN -> value.strip().matches("(?i)true|false") ? null : "must be true or false";
            };
        }
    }

    public ConfigKey {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a setting needs a name");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("required setting " + name + " cannot have a default");
        }
    }

    /** A setting that must be given. */
    public static ConfigKey required(String name, Type type, String description) {
        return new ConfigKey(name, type, null, true, description);
    }

    /** A setting that may be left out; {@code defaultValue} null means "none". */
    public static ConfigKey optional(String name, Type type, @Nullable String defaultValue, String description) {
        return new ConfigKey(name, type, defaultValue, false, description);
    }

    /** Whether the value is a credential that is never shown. */
    public boolean secret() {
        return type == Type.SECRET;
    }

    static @Nullable Duration parseDuration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher simple = SHORT_DURATION.matcher(value);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            return parsed.isNegative() ? null : parsed;
        } catch (DateTimeParseException invalid) {
            return null;
        }
    }
}
