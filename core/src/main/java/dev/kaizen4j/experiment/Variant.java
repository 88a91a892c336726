package dev.kaizen4j.experiment;

import java.util.Locale;
import java.util.Optional;

/** The arm of a two-arm experiment a task was assigned to. */
public enum Variant {
    /** The current version. */
    CONTROL,
    /** The changed version. */
    TREATMENT;

    /** The value logged as {@code metadata.variant}: {@code control} or {@code treatment}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a logged {@code metadata.variant}; {@code 0} and {@code 1} (GrowthBook's variation ids) are accepted. */
    public static Optional<Variant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "control", "0" -> Optional.of(CONTROL);
            case "treatment", "1" -> Optional.of(TREATMENT);
            default -> Optional.empty();
        };
    }
}
