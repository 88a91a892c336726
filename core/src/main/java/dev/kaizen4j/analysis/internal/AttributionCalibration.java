package dev.kaizen4j.analysis.internal;

/**
 * Turns the attributor's raw evidence (the winning step's score and its lead over the best step of any
 * other agent) into a probability that the named agent is the right one: a logistic (Platt) curve fitted on
 * the development half of the generated evaluation logs, so that there the confidence matches the share of
 * right attributions. The two features are correlated, so the signs of the coefficients carry no meaning of
 * their own. {@code AttributionEvaluationTest} refits it and fails when these constants drift from the fit.
 */
public final class AttributionCalibration {

    /** Scores and margins above these add nothing: the curve is fitted on clipped values. */
    public static final double MAX_SCORE = 6;
    public static final double MAX_MARGIN = 4;

    static final double INTERCEPT = 0.62;
    static final double PER_SCORE = 1.62;
    static final double PER_MARGIN = -0.49;

    private AttributionCalibration() {}

    /** The calibrated confidence for a winning score and margin, rounded to two decimals, within [0.05, 0.98]. */
    public static double confidence(double score, double margin) {
        return confidence(score, margin, INTERCEPT, PER_SCORE, PER_MARGIN);
    }

    /** The logistic curve with the given coefficients; exposed so that a test can refit and compare them. */
    public static double confidence(double score, double margin, double intercept, double perScore, double perMargin) {
        double z = intercept + perScore * clip(score, MAX_SCORE) + perMargin * clip(margin, MAX_MARGIN);
        double p = 1 / (1 + Math.exp(-z));
        return Math.round(Math.max(0.05, Math.min(0.98, p)) * 100) / 100.0;
    }

    static double clip(double value, double max) {
        return Math.max(-max, Math.min(max, value));
    }

    /** The clipped features the curve reads, for fitting. */
    public static double[] features(double score, double margin) {
        return new double[] {clip(score, MAX_SCORE), clip(margin, MAX_MARGIN)};
    }
}
