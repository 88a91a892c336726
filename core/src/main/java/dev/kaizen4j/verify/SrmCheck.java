package dev.kaizen4j.verify;

/**
 * The sample-ratio-mismatch check: do the arms hold the share of tasks the split promised?
 *
 * @param pValue the p-value of Pearson's chi-squared goodness-of-fit test (one degree of freedom)
 * @param chiSquared the test statistic
 * @param control tasks logged as control (with or without an outcome)
 * @param treatment tasks logged as treatment
 * @param expectedShare the configured treatment share
 * @param threshold below this p-value the experiment is invalid
 */
public record SrmCheck(double pValue, double chiSquared, long control, long treatment, double expectedShare,
        double threshold) {

    /** Whether the split is off by more than chance explains. */
    public boolean mismatch() {
        return pValue < threshold;
    }
}
