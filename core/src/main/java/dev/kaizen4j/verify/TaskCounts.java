package dev.kaizen4j.verify;

/**
 * The tasks a verification counted.
 *
 * @param control tasks in the control arm (before the change, for a before/after comparison)
 * @param treatment tasks in the treatment arm (after the change)
 * @param controlWithoutOutcome control tasks without a logged outcome, excluded from the success rate
 * @param treatmentWithoutOutcome treatment tasks without a logged outcome
 * @param hashMismatches tasks whose logged variant differs from the one the rollout's hash assigns
 *     (they are counted in the arm they logged)
 * @param unknownVariant tasks of the experiment whose variant is neither control nor treatment (left out)
 */
public record TaskCounts(long control, long treatment, long controlWithoutOutcome, long treatmentWithoutOutcome,
        long hashMismatches, long unknownVariant) {}
