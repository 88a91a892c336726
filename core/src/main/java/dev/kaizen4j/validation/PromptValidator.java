package dev.kaizen4j.validation;

import dev.kaizen4j.proposal.PromptRefinement;

/**
 * Checks prompt refinements: not empty, bounded, placeholders kept, no secrets, no unsafe instructions.
 *
 * <p>Thread safety: implementations must be safe for concurrent calls; one validator may serve
 * several cycles. {@link DefaultPromptValidator} keeps no mutable state.
 */
@FunctionalInterface
public interface PromptValidator {

    /**
     * @param currentPrompt the prompt as it is
     * @param proposedPrompt the prompt as proposed
     */
    ValidationResult validate(String currentPrompt, String proposedPrompt);

    default ValidationResult validate(PromptRefinement refinement) {
        return validate(refinement.current(), refinement.proposed());
    }
}
