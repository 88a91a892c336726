package dev.kaizen4j.validation;

/** What a {@link JavaParserSafeCodeValidator} does with dangerous operations the current code already has. */
public enum DangerPolicy {
    /**
     * A dangerous use that already exists, unchanged, in the same member of the current code is
     * tolerated; every new or changed one is a violation. The default.
     */
    TOLERATE_UNCHANGED,
    /** Every dangerous use in the proposed code is a violation, even one the current code has. */
    REJECT_ALL
}
