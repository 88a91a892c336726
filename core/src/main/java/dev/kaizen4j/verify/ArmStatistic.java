package dev.kaizen4j.verify;

/**
 * One metric in one arm.
 *
 * @param n the units the metric is measured on (tasks)
 * @param mean the mean (a rate for proportions and ratios)
 * @param variance the per-unit variance: p(1 − p) for proportions, the sample variance (n − 1) for
 *     means, the delta-method variance for ratios
 */
public record ArmStatistic(long n, double mean, double variance) {}
