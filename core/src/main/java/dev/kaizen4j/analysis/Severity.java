package dev.kaizen4j.analysis;

/** How much a finding matters. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH;

    /** High from half of the cases, medium from a fifth, low below. */
    public static Severity ofRate(double rate) {
        if (rate >= 0.5) {
            return HIGH;
        }
        return rate >= 0.2 ? MEDIUM : LOW;
    }
}
