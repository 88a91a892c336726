package dev.kaizen4j.experiment;

/**
 * The half-open share {@code [start, end)} of the hash space that goes to one variant.
 *
 * @param start the first hash value included
 * @param end the first hash value excluded
 */
public record BucketRange(double start, double end) {

    /** Whether a hash value falls within the range. */
    public boolean contains(double hash) {
        return hash >= start && hash < end;
    }
}
