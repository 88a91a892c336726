package dev.kaizen4j.team;

import java.util.Locale;

/** The prompt texts of an agent that a {@code PromptRefinement} may change. */
public enum PromptField {
    SYSTEM_PROMPT,
    ROLE,
    GOAL,
    BACKSTORY;

    /** The key used in team specs, for example {@code system_prompt}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
