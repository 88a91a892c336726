package dev.kaizen4j.verify.internal;

/**
 * Count, means, variances and covariance of one or two variables, accumulated in one pass with
 * Welford's updates (no loss of precision from subtracting large sums of squares). Not thread-safe.
 */
public final class Moments {

    private long n;
    private double sumX;
    private double sumY;
    private double meanX;
    private double meanY;
    private double m2X;
    private double m2Y;
    private double coMoment;

    /** Adds one value of a single variable. */
    public void add(double x) {
        add(x, 0);
    }

    /** Adds one pair (numerator, denominator) of a ratio metric. */
    public void add(double x, double y) {
        n++;
        sumX += x;
        sumY += y;
        double dx = x - meanX;
        meanX += dx / n;
        double dy = y - meanY;
        meanY += dy / n;
        m2X += dx * (x - meanX);
        m2Y += dy * (y - meanY);
        coMoment += dx * (y - meanY);
    }

    public long n() {
        return n;
    }

    /** The mean, as the sum over the count: exact for counts such as successes. */
    public double mean() {
        return n == 0 ? 0 : sumX / n;
    }

    public double meanY() {
        return n == 0 ? 0 : sumY / n;
    }

    public double sum() {
        return sumX;
    }

    public double sumY() {
        return sumY;
    }

    /** The sample variance (n − 1), 0 below two values. */
    public double variance() {
        return n <= 1 ? 0 : m2X / (n - 1);
    }

    public double varianceY() {
        return n <= 1 ? 0 : m2Y / (n - 1);
    }

    public double covariance() {
        return n <= 1 ? 0 : coMoment / (n - 1);
    }
}
