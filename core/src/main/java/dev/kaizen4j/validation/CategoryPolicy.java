package dev.kaizen4j.validation;

/**
 * What a {@link JavaParserSafeCodeValidator} does with an edit that is neither dangerous nor breaks an
 * interface but fits none of the {@link dev.kaizen4j.proposal.ModificationCategory modification categories}.
 */
public enum CategoryPolicy {
    /**
     * The edit is accepted and reported with the closest category and a {@code category-unclassified}
     * warning for the human reviewer. The default: safety comes from the danger scan, the interface
     * check and the human approval every code change needs; the category describes the change.
     */
    WARN,
    /** The edit is rejected with a {@code category-unclassified} violation. */
    STRICT
}
