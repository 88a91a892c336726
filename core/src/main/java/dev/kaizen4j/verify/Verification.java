package dev.kaizen4j.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kaizen4j.internal.Json;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on a change and the numbers behind it.
 *
 * @param experiment the experiment key, or null for a before/after comparison
 * @param design {@code randomised} (arms assigned by a {@code Rollout}) or {@code before_after}
 * @param evidence how strong the design's evidence is, in words; a before/after comparison says it is weaker
 * @param decision effective, harmful, inconclusive or invalid
 * @param alpha the significance level
 * @param srm the sample-ratio-mismatch check, null for a before/after comparison
 * @param metrics the primary metric first, then the guardrails
 * @param tasks the tasks counted, excluded and mismatched
 * @param reasons why the decision is what it is, one line each
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"experiment", "design", "evidence", "decision", "alpha", "srm", "metrics", "tasks", "reasons"})
public record Verification(
        @Nullable String experiment,
        String design,
        String evidence,
        Decision decision,
        double alpha,
        @Nullable SrmCheck srm,
        List<MetricComparison> metrics,
        TaskCounts tasks,
        List<String> reasons) {

    /** The design of a randomised experiment. */
    public static final String RANDOMISED = "randomised";
    /** The design of a before/after comparison. */
    public static final String BEFORE_AFTER = "before_after";

    public Verification {
        requireNonNull(design, "design");
        requireNonNull(evidence, "evidence");
        requireNonNull(decision, "decision");
        metrics = List.copyOf(requireNonNull(metrics, "metrics"));
        requireNonNull(tasks, "tasks");
        reasons = List.copyOf(requireNonNull(reasons, "reasons"));
    }

    /** The primary metric (the success rate). */
    public MetricComparison primary() {
        return metrics.stream().filter(MetricComparison::primary).findFirst().orElseThrow();
    }

    /** A metric by name. */
    public Optional<MetricComparison> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Whether this is a before/after comparison, which is weaker evidence than a randomised experiment. */
    @JsonIgnore
    public boolean isBeforeAfter() {
        return BEFORE_AFTER.equals(design);
    }

    /** One readable line: the decision, the primary metric's lift and interval, and the design. */
    public String summary() {
        MetricComparison primary = primary();
        StringBuilder line = new StringBuilder(decision.key());
        line.append(experiment == null ? "" : " [" + experiment + "]").append(": success rate ")
                .append(percent(primary.control().mean())).append(" (").append(primary.control().n()).append(") -> ")
                .append(percent(primary.treatment().mean())).append(" (").append(primary.treatment().n()).append(")");
        if (primary.relativeLift() != null) {
            line.append(String.format(Locale.ROOT, ", relative lift %+.1f%% (%.0f%% CI %+.1f%% .. %+.1f%%), p = %.4g",
                    primary.relativeLift() * 100, (1 - alpha) * 100, primary.ciLow() * 100, primary.ciHigh() * 100,
                    primary.pValue()));
        }
        if (primary.neededPerArm() != null) {
            line.append(", about ").append(primary.neededPerArm()).append(" tasks per arm needed");
        }
        if (isBeforeAfter()) {
            line.append(" (before/after: weaker evidence)");
        }
        return line.toString();
    }

    /** The verification as JSON: snake_case keys, numbers at full double precision, nulls kept. */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a verification written by {@link #toJson()}. */
    public static Verification fromJson(String json) {
        try {
            return Json.mapper().readValue(json, Verification.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a verification: " + e.getOriginalMessage(), e);
        }
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
