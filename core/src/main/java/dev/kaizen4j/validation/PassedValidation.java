package dev.kaizen4j.validation;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.Proposal;

/**
 * What the validation every submitted proposal passed checked, in words for reviewers: a request reaches a
 * back-channel only once its validator accepted it, and channels show this beside the change.
 *
 * @param validator {@code safe-code} for code changes, {@code prompt} for prompt refinements
 * @param checks what that validator checks
 */
public record PassedValidation(String validator, String checks) {

    /** The checks {@link JavaParserSafeCodeValidator} makes. */
    public static final PassedValidation SAFE_CODE = new PassedValidation("safe-code",
            "the change parses, keeps the agent's interface and stays within the allowed categories of change");

    /** The checks {@link DefaultPromptValidator} makes. */
    public static final PassedValidation PROMPT = new PassedValidation("prompt",
            "within the length limit, every template placeholder kept, no credential, hidden text or instruction"
                    + " dropping safeguards");

    public PassedValidation {
        requireNonNull(validator, "validator");
        requireNonNull(checks, "checks");
    }

    /** The validation {@code proposal} passed to be submitted. */
    public static PassedValidation of(Proposal proposal) {
        requireNonNull(proposal, "proposal");
        return proposal instanceof CodeModification ? SAFE_CODE : PROMPT;
    }

    /** For example "passed prompt validation: within the length limit, ...". */
    public String sentence() {
        return "passed " + validator + " validation: " + checks;
    }
}
