package dev.kaizen4j.verify;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.TeamMetrics;
import java.util.Locale;

/**
 * Compares success rates before and after a change with a one-sided two-proportion z-test (pooled
 * variance). The change is effective when the rate rose and the p-value is below the level.
 */
public final class TwoProportionVerifier implements ImprovementVerifier {

    private final double significanceLevel;

    /** @param significanceLevel the level, for example 0.05 */
    public TwoProportionVerifier(double significanceLevel) {
        if (!(significanceLevel > 0 && significanceLevel < 1)) {
            throw new IllegalArgumentException("significance level must be within (0, 1): " + significanceLevel);
        }
        this.significanceLevel = significanceLevel;
    }

    /** A verifier at the 5% level. */
    public static TwoProportionVerifier create() {
        return new TwoProportionVerifier(0.05);
    }

    @Override
    public VerificationResult verify(EffectivenessReport before, EffectivenessReport after) {
        TeamMetrics b = before.metrics();
        TeamMetrics a = after.metrics();
        double p = pValue(b.tasksCompleted(), b.tasksTotal(), a.tasksCompleted(), a.tasksTotal());
        boolean effective = a.successRate() > b.successRate() && p < significanceLevel;
        String summary = String.format(Locale.ROOT,
                "success rate %.1f%% (%d tasks) -> %.1f%% (%d tasks), one-sided p = %.4f: %s",
                b.successRate() * 100, b.tasksTotal(), a.successRate() * 100, a.tasksTotal(), p,
                effective ? "effective" : "not shown effective");
        return new VerificationResult(b.tasksTotal(), b.successRate(), a.tasksTotal(), a.successRate(), p,
                effective, summary);
    }

    /** One-sided p-value of H1: the second proportion is larger; 1 when a sample is empty. */
    static double pValue(int successesBefore, int totalBefore, int successesAfter, int totalAfter) {
        if (totalBefore == 0 || totalAfter == 0) {
            return 1.0;
        }
        double p1 = (double) successesBefore / totalBefore;
        double p2 = (double) successesAfter / totalAfter;
        double pooled = (double) (successesBefore + successesAfter) / (totalBefore + totalAfter);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / totalBefore + 1.0 / totalAfter));
        if (standardError == 0) {
            return p2 > p1 ? 0.0 : 1.0;
        }
        double z = (p2 - p1) / standardError;
        return 1 - standardNormalCdf(z);
    }

    /** The standard normal CDF, via the complementary error function (Numerical Recipes erfc, |error| < 1.2e-7). */
    static double standardNormalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
        double y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : 2 - y;
    }
}
