package dev.kaizen4j.experiment;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Assigns tasks to {@link Variant#CONTROL} or {@link Variant#TREATMENT} by hashing the task id exactly
 * as GrowthBook's SDKs hash (hash version 2, the experiment key as seed, the control's bucket range
 * first), so a runtime in another language that uses a GrowthBook SDK with the same key, weights and
 * coverage assigns every task the same way.
 *
 * <p>The assignment is a pure function of the task id: no state, thread-safe.
 */
public final class Rollout {

    /** The metadata key that names the experiment on logged events. */
    public static final String EXPERIMENT_METADATA = "experiment";
    /** The metadata key that names the variant on logged events. */
    public static final String VARIANT_METADATA = "variant";

    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private final String experimentKey;
    private final double treatmentShare;
    private final double coverage;
    private final List<BucketRange> ranges;

    private Rollout(Builder builder) {
        this.experimentKey = requireNonNull(builder.experimentKey, "experimentKey is required");
        this.treatmentShare = builder.treatmentShare;
        this.coverage = builder.coverage;
        this.ranges = bucketRanges(2, coverage, new double[] {1 - treatmentShare, treatmentShare});
    }

    /** A 50/50 rollout of every task. */
    public static Rollout of(String experimentKey) {
        return builder().experimentKey(experimentKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String experimentKey() {
        return experimentKey;
    }

    public double treatmentShare() {
        return treatmentShare;
    }

    public double coverage() {
        return coverage;
    }

    /** The ranges of the hash space of control and treatment, in that order. */
    public List<BucketRange> bucketRanges() {
        return ranges;
    }

    /**
     * The variant of a task, or empty when the task falls outside the coverage and so is not part of
     * the experiment (it gets the current version).
     */
    public Optional<Variant> assign(String taskId) {
        requireNonNull(taskId, "taskId");
        double bucket = hash(experimentKey, taskId, 2).orElseThrow();
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).contains(bucket)) {
                return Optional.of(Variant.values()[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * GrowthBook's hash of {@code value} with {@code seed}, in [0, 1): version 2 is FNV-1a 32 of
     * seed + value, hashed again as a decimal string, mod 10000 / 10000; version 1 (biased, kept for
     * compatibility) is FNV-1a 32 of value + seed mod 1000 / 1000. Empty for other versions.
     */
    public static OptionalDouble hash(String seed, String value, int version) {
        requireNonNull(seed, "seed");
        requireNonNull(value, "value");
        return switch (version) {
            case 2 -> OptionalDouble.of((fnv1a32(Long.toString(fnv1a32(seed + value))) % 10000) / 10000.0);
            case 1 -> OptionalDouble.of((fnv1a32(value + seed) % 1000) / 1000.0);
            default -> OptionalDouble.empty();
        };
    }

    /** 32-bit FNV-1a over the UTF-16 code units of {@code text}, as JavaScript's {@code charCodeAt} sees them. */
    static long fnv1a32(String text) {
        int hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= FNV_PRIME;
        }
        return Integer.toUnsignedLong(hash);
    }

    /**
     * The bucket ranges GrowthBook builds for {@code variations} variations: consecutive ranges, each
     * {@code coverage × weight} wide, starting where the previous weight ended. Coverage is clamped to
     * [0, 1]; weights that are missing, of the wrong length or not summing to 1 ± 0.01 become equal.
     */
    public static List<BucketRange> bucketRanges(int variations, double coverage, double @Nullable [] weights) {
        double clamped = Math.max(0, Math.min(1, coverage));
        double[] equal = new double[Math.max(variations, 0)];
        Arrays.fill(equal, variations <= 0 ? 0 : 1.0 / variations);
        double[] used = weights == null || weights.length != equal.length ? equal : weights;
        double total = 0;
        for (double weight : used) {
            total += weight;
        }
        if (total < 0.99 || total > 1.01) {
            used = equal;
        }
        List<BucketRange> ranges = new ArrayList<>(used.length);
        double cumulative = 0;
        for (double weight : used) {
            double start = cumulative;
            cumulative += weight;
            ranges.add(new BucketRange(start, start + clamped * weight));
        }
        return List.copyOf(ranges);
    }

    /** Settings of a {@link Rollout}. */
    public static final class Builder {
        private @Nullable String experimentKey;
        private double treatmentShare = 0.5;
        private double coverage = 1.0;

        private Builder() {}

        /** The experiment key, used as the hash seed; required. */
        public Builder experimentKey(String experimentKey) {
            requireNonNull(experimentKey, "experimentKey");
            if (experimentKey.isBlank()) {
                throw new IllegalArgumentException("experiment key must not be blank");
            }
            this.experimentKey = experimentKey;
            return this;
        }

        /** The share of the covered tasks that get the treatment, in (0, 1); default 0.5. */
        public Builder treatmentShare(double share) {
            if (!(share > 0 && share < 1)) {
                throw new IllegalArgumentException("treatment share must be within (0, 1), was " + share);
            }
            this.treatmentShare = share;
            return this;
        }

        /** The share of all tasks that take part in the experiment, in (0, 1]; default 1. */
        public Builder coverage(double coverage) {
            if (!(coverage > 0 && coverage <= 1)) {
                throw new IllegalArgumentException("coverage must be within (0, 1], was " + coverage);
            }
            this.coverage = coverage;
            return this;
        }

        public Rollout build() {
            return new Rollout(this);
        }
    }
}
