package dev.kaizen4j.validation;

import dev.kaizen4j.proposal.CodeModification;

/**
 * Decides whether a proposed code change may be shown to a human at all. Proposals come from
 * analysis of logs anyone could have written into, so implementations treat every proposal as
 * hostile and never throw: a proposal they cannot understand is rejected.
 *
 * <p>Thread safety: implementations must be safe for concurrent calls; one validator may serve
 * several cycles. {@link JavaParserSafeCodeValidator} is (its cache of parsed files is synchronized).
 */
@FunctionalInterface
public interface SafeCodeValidator {

    /**
     * Compares {@code proposedSource} with {@code currentSource} and returns every violation.
     *
     * @param currentSource the file as it is, or an empty string for a new file
     * @param proposedSource the file as proposed
     */
    ValidationResult validate(String currentSource, String proposedSource);

    /**
     * Validates a modification, also rejecting it when it does not fit the category it declares. When
     * part of the change fits no category (a {@code category-unclassified} warning), its categories are
     * a guess, so a different declared category is a warning rather than a rejection.
     */
    default ValidationResult validate(CodeModification modification) {
        java.util.Objects.requireNonNull(modification, "modification");
        ValidationResult result = validate(modification.currentCode(), modification.proposedCode());
        if (result.isAccepted() && !result.categories().isEmpty()
                && !result.categories().contains(modification.category())) {
            Violation mismatch = new Violation(RuleIds.CATEGORY_MISMATCH, "the change declares "
                    + modification.category().key() + " but its edits are classified as "
                    + result.categories().stream().map(c -> c.key()).toList(), 0, 0, "");
            if (result.warnings().stream().anyMatch(w -> w.ruleId().equals(RuleIds.CATEGORY_UNCLASSIFIED))) {
                java.util.List<Violation> warnings = new java.util.ArrayList<>(result.warnings());
                warnings.add(mismatch);
                return ValidationResult.of(result.violations(), result.categories(), warnings);
            }
            return ValidationResult.rejected(java.util.List.of(mismatch), result.categories());
        }
        return result;
    }
}
