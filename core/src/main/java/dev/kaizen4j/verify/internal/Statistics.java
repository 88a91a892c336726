package dev.kaizen4j.verify.internal;

import dev.kaizen4j.verify.ArmStatistic;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.jspecify.annotations.Nullable;

/** The tests the verifier runs, with the formulas of GrowthBook's gbstats (frequentist mode). */
public final class Statistics {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Statistics() {}

    /** A proportion: mean p, variance p(1 − p), as gbstats' ProportionStatistic. */
    public static ArmStatistic proportion(Moments moments) {
        double p = moments.mean();
        return new ArmStatistic(moments.n(), p, p * (1 - p));
    }

    /** A sample mean: variance with n − 1, as gbstats' SampleMeanStatistic. */
    public static ArmStatistic sampleMean(Moments moments) {
        return new ArmStatistic(moments.n(), moments.mean(), moments.variance());
    }

    /**
     * A ratio of sums over units (errors / events over tasks): mean Σm / Σd, variance by the delta
     * method with the covariance of m and d, as gbstats' RatioStatistic; n is the number of units.
     */
    public static ArmStatistic ratio(Moments moments) {
        double mm = moments.mean();
        double md = moments.meanY();
        if (md == 0) {
            return new ArmStatistic(moments.n(), 0, 0);
        }
        double variance = moments.variance() / (md * md) - 2 * moments.covariance() * mm / (md * md * md)
                + mm * mm * moments.varianceY() / (md * md * md * md);
        return new ArmStatistic(moments.n(), moments.sum() / moments.sumY(), moments.n() <= 1 ? 0 : variance);
    }

    /**
     * The two-sided Welch test of treatment against control: relative lift with the delta-method
     * variance, absolute difference, Welch–Satterthwaite degrees of freedom, Student-t p-values and
     * (1 − α) intervals. Null when it cannot be computed: fewer than two units in an arm, a control
     * mean of 0, or no variance at all. When the delta-method variance is 0 (a treatment mean of 0 with
     * no variance), the relative figures are those of the absolute difference divided by the control mean.
     */
    public static @Nullable Estimates welch(ArmStatistic control, ArmStatistic treatment, double alpha) {
        long nc = control.n();
        long nt = treatment.n();
        double mc = control.mean();
        double mt = treatment.mean();
        double vc = control.variance();
        double vt = treatment.variance();
        if (nc < 2 || nt < 2 || mc == 0 || vc + vt <= 0) {
            return null;
        }
        double a = vt / nt;
        double b = vc / nc;
        double df = (a + b) * (a + b) / (a * a / (nt - 1) + b * b / (nc - 1));

        double lift = (mt - mc) / mc;
        double liftVariance = vt / (mc * mc * nt) + vc * mt * mt / (mc * mc * mc * mc * nc);
        if (!(a + b > 0) || !Double.isFinite(df) || liftVariance < 0) {
            return null; // a ratio's delta-method variance can round below zero on degenerate data
        }
        TDistribution t = TDistribution.of(df);
        double quantile = t.inverseSurvivalProbability(alpha / 2);
        double difference = mt - mc;
        double differenceSe = Math.sqrt(a + b);
        double differenceP = 2 * t.survivalProbability(Math.abs(difference / differenceSe));
        double liftSe = Math.sqrt(liftVariance);
        double p = 2 * t.survivalProbability(Math.abs(lift / liftSe));
        if (liftVariance == 0) {
            // A treatment mean of 0 with no variance (no task succeeded): the delta method has nothing to
            // say, the difference does; relative figures are the difference's over the control mean.
            liftSe = differenceSe / Math.abs(mc);
            p = differenceP;
        }
        return new Estimates(lift, liftSe, df, Math.min(1, p), lift - quantile * liftSe, lift + quantile * liftSe,
                difference, difference - quantile * differenceSe, difference + quantile * differenceSe,
                Math.min(1, differenceP));
    }

    /**
     * The sample-ratio-mismatch test: Pearson's chi-squared goodness of fit of the two task counts
     * against the configured treatment share, one degree of freedom. Returns {chi², p}; {0, 1} without tasks.
     */
    public static double[] sampleRatioMismatch(long control, long treatment, double treatmentShare) {
        double total = control + treatment;
        if (total == 0) {
            return new double[] {0, 1};
        }
        double expectedControl = total * (1 - treatmentShare);
        double expectedTreatment = total * treatmentShare;
        double chi = (control - expectedControl) * (control - expectedControl) / expectedControl
                + (treatment - expectedTreatment) * (treatment - expectedTreatment) / expectedTreatment;
        return new double[] {chi, ChiSquaredDistribution.of(1).survivalProbability(chi)};
    }

    /** Holm's step-down adjustment of a family of p-values, in their original order. */
    public static double[] holm(double[] pValues) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int index = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
            adjusted[index] = running;
        }
        return adjusted;
    }

    /**
     * Tasks per arm for a two-sided test at level α with the given power to detect a relative lift
     * of a proportion whose control rate is {@code controlRate}: the normal approximation of the
     * delta-method test, with the treatment rate {@code controlRate × (1 + lift)} (or × (1 − lift)
     * when that would reach 1). Empty (-1) when the control rate is 0.
     */
    public static long neededPerArm(double controlRate, double relativeLift, double alpha, double power) {
        if (controlRate <= 0 || relativeLift <= 0) {
            return -1;
        }
        double pc = controlRate;
        double pt = pc * (1 + relativeLift);
        if (pt >= 1) {
            pt = pc * (1 - relativeLift);
        }
        double z = STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2) + STANDARD_NORMAL.inverseCumulativeProbability(power);
        double vc = pc * (1 - pc);
        double vt = pt * (1 - pt);
        double ratio = pt / pc;
        double perUnitVariance = vt / (pc * pc) + vc * ratio * ratio / (pc * pc);
        double effect = (pt - pc) / pc;
        return (long) Math.ceil(z * z * perUnitVariance / (effect * effect));
    }

    /** What {@link #welch} estimates. */
    public record Estimates(double relativeLift, double standardError, double degreesOfFreedom, double pValue,
            double ciLow, double ciHigh, double absoluteDifference, double absoluteCiLow, double absoluteCiHigh,
            double absolutePValue) {}
}
