package dev.kaizen4j.validation;

import dev.kaizen4j.proposal.ModificationCategory;
import java.util.List;
import java.util.Set;

/**
 * The verdict on a proposal.
 *
 * @param violations every reason to reject; empty when accepted
 * @param categories the modification categories the change was classified into (code changes only)
 */
public record ValidationResult(List<Violation> violations, Set<ModificationCategory> categories) {

    public ValidationResult {
        violations = List.copyOf(violations);
        categories = Set.copyOf(categories);
    }

    public static ValidationResult accepted(Set<ModificationCategory> categories) {
        return new ValidationResult(List.of(), categories);
    }

    public static ValidationResult accepted() {
        return new ValidationResult(List.of(), Set.of());
    }

    public static ValidationResult rejected(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one violation");
        }
        return new ValidationResult(violations, Set.of());
    }

    public boolean isAccepted() {
        return violations.isEmpty();
    }
}
