package dev.kaizen4j.verify;

import static java.util.Objects.requireNonNull;

/**
 * The before/after comparison of a team's success rate around a change.
 *
 * @param tasksBefore tasks in the window before the change
 * @param successRateBefore their success rate
 * @param tasksAfter tasks in the window after the change
 * @param successRateAfter their success rate
 * @param pValue the one-sided p-value of "the success rate rose"
 * @param effective whether the rise is significant at the verifier's level
 * @param summary one readable line
 */
public record VerificationResult(
        int tasksBefore,
        double successRateBefore,
        int tasksAfter,
        double successRateAfter,
        double pValue,
        boolean effective,
        String summary) {

    public VerificationResult {
        requireNonNull(summary, "summary");
    }
}
