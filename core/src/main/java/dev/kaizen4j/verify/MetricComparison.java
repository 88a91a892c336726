package dev.kaizen4j.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One metric compared between the arms. Relative figures are (treatment − control) / control.
 * Fields that cannot be computed (an arm with fewer than two units, a control mean of 0, no variance)
 * are null.
 *
 * @param name {@code success_rate}, {@code error_rate}, {@code tool_error_rate}, {@code duration_seconds}
 *     or {@code tokens_per_task}
 * @param primary whether this is the metric the change is judged on
 * @param higherIsBetter the metric's good direction
 * @param control the control arm
 * @param treatment the treatment arm
 * @param relativeLift the relative lift
 * @param standardError its delta-method standard error
 * @param degreesOfFreedom Welch–Satterthwaite degrees of freedom
 * @param ciLow lower end of the (1 − α) interval of the relative lift
 * @param ciHigh upper end
 * @param pValue two-sided Student-t p-value of the relative lift
 * @param adjustedPValue the p-value after Holm's adjustment across the guardrails (the primary's is its own)
 * @param absoluteDifference treatment mean − control mean
 * @param absoluteCiLow lower end of its Welch (1 − α) interval
 * @param absoluteCiHigh upper end
 * @param neededPerArm for an inconclusive primary metric: tasks per arm (in total) needed to detect the
 *     larger of the observed lift and the minimum relative lift at 80% power (the configured power)
 * @param significance whether the change made the metric significantly better, worse, or neither
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "primary", "higher_is_better", "control", "treatment", "relative_lift", "standard_error",
    "degrees_of_freedom", "ci_low", "ci_high", "p_value", "adjusted_p_value", "absolute_difference",
    "absolute_ci_low", "absolute_ci_high", "needed_per_arm", "significance"})
public record MetricComparison(
        String name,
        boolean primary,
        boolean higherIsBetter,
        ArmStatistic control,
        ArmStatistic treatment,
        @Nullable Double relativeLift,
        @Nullable Double standardError,
        @Nullable Double degreesOfFreedom,
        @Nullable Double ciLow,
        @Nullable Double ciHigh,
        @Nullable Double pValue,
        @JsonProperty("adjusted_p_value") @Nullable Double adjustedPValue,
        @Nullable Double absoluteDifference,
        @Nullable Double absoluteCiLow,
        @Nullable Double absoluteCiHigh,
        @Nullable Long neededPerArm,
        Significance significance) {

    public MetricComparison {
        requireNonNull(name, "name");
        requireNonNull(control, "control");
        requireNonNull(treatment, "treatment");
        requireNonNull(significance, "significance");
    }

    /** Whether the comparison could be computed at all. */
    public boolean computable() {
        return pValue != null;
    }

    /** The direction of a significant change, judged by the metric's good direction. */
    public enum Significance {
        BETTER, WORSE, NOT_SIGNIFICANT, NOT_COMPUTABLE;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Significance parse(String key) {
            return valueOf(key.trim().toUpperCase(Locale.ROOT));
        }
    }
}
