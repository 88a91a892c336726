package dev.kaizen4j.validation;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.proposal.ModificationCategory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The verdict on a proposal: accepted when it has no violation. Violations are sorted by line, then
 * column and rule id, so the same input always gives the same result.
 *
 * @param violations every reason to reject; empty when accepted
 * @param categories the modification categories the change was classified into (code changes only);
 *     kept on rejections too, so a reviewer sees what the change tried to do
 * @param warnings findings that do not reject the change but that the human reviewer should read, for
 *     example an edit that fits no modification category and is reported with the closest one; sorted
 *     like the violations
 */
public record ValidationResult(List<Violation> violations, Set<ModificationCategory> categories,
        List<Violation> warnings) {

    private static final Comparator<Violation> ORDER = Comparator.comparingInt(Violation::line)
            .thenComparingInt(Violation::column)
            .thenComparing(Violation::ruleId)
            .thenComparing(Violation::message)
            .thenComparing(Violation::snippet);

    public ValidationResult {
        requireNonNull(violations, "violations");
        requireNonNull(categories, "categories");
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(ORDER);
        violations = List.copyOf(sorted);
        requireNonNull(warnings, "warnings");
        List<Violation> sortedWarnings = new ArrayList<>(warnings);
        sortedWarnings.sort(ORDER);
        warnings = List.copyOf(sortedWarnings);
        categories = categories.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(categories));
    }

    /** A result without warnings. */
    public ValidationResult(List<Violation> violations, Set<ModificationCategory> categories) {
        this(violations, categories, List.of());
    }

    public static ValidationResult accepted(Set<ModificationCategory> categories) {
        return new ValidationResult(List.of(), categories);
    }

    public static ValidationResult accepted() {
        return new ValidationResult(List.of(), Set.of());
    }

    public static ValidationResult rejected(List<Violation> violations) {
        return rejected(violations, Set.of());
    }

    /** A rejection that still tells which categories the change was classified into. */
    public static ValidationResult rejected(List<Violation> violations, Set<ModificationCategory> categories) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one violation");
        }
        return new ValidationResult(violations, categories);
    }

    /** Accepted when there are no violations, rejected otherwise, with the categories either way. */
    public static ValidationResult of(List<Violation> violations, Set<ModificationCategory> categories) {
        return new ValidationResult(violations, categories);
    }

    /** Accepted when there are no violations, rejected otherwise, with the categories and warnings either way. */
    public static ValidationResult of(List<Violation> violations, Set<ModificationCategory> categories,
            List<Violation> warnings) {
        return new ValidationResult(violations, categories, warnings);
    }

    public boolean isAccepted() {
        return violations.isEmpty();
    }

    public boolean isRejected() {
        return !violations.isEmpty();
    }

    /** The distinct rule ids of the violations, in the order of the violations. */
    public Set<String> ruleIds() {
        Set<String> ids = new LinkedHashSet<>();
        violations.forEach(violation -> ids.add(violation.ruleId()));
        return Collections.unmodifiableSet(ids);
    }

    /** Whether a violation of this rule was found. */
    public boolean hasViolation(String ruleId) {
        return violations.stream().anyMatch(violation -> violation.ruleId().equals(ruleId));
    }

    /** The violations of one rule. */
    public List<Violation> violationsOf(String ruleId) {
        return violations.stream().filter(violation -> violation.ruleId().equals(ruleId)).toList();
    }

    /** This result with the violations and warnings of {@code other} added and the categories of both. */
    public ValidationResult and(ValidationResult other) {
        List<Violation> all = new ArrayList<>(violations);
        all.addAll(other.violations());
        List<Violation> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(other.warnings());
        Set<ModificationCategory> both = EnumSet.noneOf(ModificationCategory.class);
        both.addAll(categories);
        both.addAll(other.categories());
        return new ValidationResult(all, both, allWarnings);
    }

    /** "accepted" or "rejected" with the categories, then one line per violation and per warning. */
    public String describe() {
        StringBuilder text = new StringBuilder(isAccepted() ? "accepted" : "rejected")
                .append(categories.isEmpty() ? "" : " " + keys());
        violations.forEach(violation -> text.append('\n').append(violation));
        warnings.forEach(warning -> text.append("\nwarning: ").append(warning));
        return text.toString();
    }

    private List<String> keys() {
        return categories.stream().map(ModificationCategory::key).toList();
    }
}
