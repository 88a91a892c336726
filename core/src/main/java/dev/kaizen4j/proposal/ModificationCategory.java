package dev.kaizen4j.proposal;

import java.util.Locale;
import java.util.Optional;

/** The kinds of code change an agent's source may receive. Anything else is rejected. */
public enum ModificationCategory {
    UPDATE_PROMPT,
    ADD_TOOL,
    MODIFY_BACKSTORY,
    ADJUST_PARAMETERS,
    ADD_VALIDATION,
    IMPROVE_ERROR_HANDLING;

    /** The name used in files and messages, for example {@code improve_error_handling}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a category name such as {@code add_tool}; empty for names that are not categories. */
    public static Optional<ModificationCategory> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ModificationCategory category : values()) {
            if (category.name().equals(normalized)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
