package dev.kaizen4j.verify;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.experiment.Rollout;
import dev.kaizen4j.experiment.Variant;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.verify.MetricComparison.Significance;
import dev.kaizen4j.verify.internal.ArmTally;
import dev.kaizen4j.verify.internal.Statistics;
import dev.kaizen4j.verify.internal.Statistics.Estimates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The verifier with the statistics of GrowthBook's stats engine in frequentist mode.
 *
 * <p>Per arm and metric it computes n, mean and variance; then the relative lift with its delta-method
 * standard error, Welch–Satterthwaite degrees of freedom, a two-sided Student-t p-value and a
 * (1 − α) interval, and the absolute difference with its Welch interval. A sample-ratio-mismatch check
 * comes first (p below 0.001 makes the result invalid); the guardrails' p-values are Holm-adjusted.
 *
 * <p>Metrics, all per task (the unit of randomisation): {@code success_rate} (primary; tasks without
 * an outcome excluded), {@code error_rate} (error events per event), {@code tool_error_rate} (failed
 * tool results per tool result), {@code duration_seconds} (tasks with an outcome) and
 * {@code tokens_per_task} (tasks that logged tokens). Thread-safe; memory does not grow with the log.
 */
public final class FrequentistVerifier implements ImprovementVerifier {

    /** The primary metric: successful tasks / tasks with an outcome. */
    public static final String SUCCESS_RATE = "success_rate";
    /** Guardrail: error events / events, per task. */
    public static final String ERROR_RATE = "error_rate";
    /** Guardrail: failed tool results / tool results, per task. */
    public static final String TOOL_ERROR_RATE = "tool_error_rate";
    /** Guardrail: mean duration of the tasks with an outcome. */
    public static final String DURATION_SECONDS = "duration_seconds";
    /** Guardrail: mean summed {@code metadata.tokens} of the tasks that logged tokens. */
    public static final String TOKENS_PER_TASK = "tokens_per_task";

    static final String RANDOMISED_EVIDENCE = "randomised experiment: tasks assigned by hash, the arms differ only"
            + " by the change";
    static final String BEFORE_AFTER_EVIDENCE = "weaker evidence: a before/after comparison over whole weeks;"
            + " anything else that changed in those weeks counts as the change's effect";

    private final double alpha;
    private final double treatmentShare;
    private final double coverage;
    private final double minRelativeLift;
    private final double power;
    private final double srmThreshold;

    private FrequentistVerifier(Builder builder) {
        this.alpha = builder.alpha;
        this.treatmentShare = builder.treatmentShare;
        this.coverage = builder.coverage;
        this.minRelativeLift = builder.minRelativeLift;
        this.power = builder.power;
        this.srmThreshold = builder.srmThreshold;
    }

    /** A verifier at α = 0.05 for a 50/50 split. */
    public static FrequentistVerifier create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Verification experiment(String experimentKey, Stream<Conversation> tasks) {
        requireNonNull(experimentKey, "experimentKey");
        requireNonNull(tasks, "tasks");
        Rollout rollout = Rollout.builder().experimentKey(experimentKey).treatmentShare(treatmentShare)
                .coverage(coverage).build();
        ArmTally control = new ArmTally();
        ArmTally treatment = new ArmTally();
        Map<String, Boolean> speakers = new HashMap<>();
        long[] mismatches = new long[1];
        long[] unknown = new long[1];
        tasks.forEach(task -> {
            if (!task.metadataString(Rollout.EXPERIMENT_METADATA).filter(experimentKey::equals).isPresent()) {
                return;
            }
            Optional<Variant> logged = task.metadataString(Rollout.VARIANT_METADATA).flatMap(Variant::parse);
            if (logged.isEmpty()) {
                unknown[0]++;
                return;
            }
            if (!rollout.assign(task.taskId()).equals(logged)) {
                mismatches[0]++;
            }
            (logged.get() == Variant.TREATMENT ? treatment : control).add(task, speakers);
        });
        double[] srm = Statistics.sampleRatioMismatch(control.tasks(), treatment.tasks(), treatmentShare);
        SrmCheck check = new SrmCheck(srm[1], srm[0], control.tasks(), treatment.tasks(), treatmentShare, srmThreshold);
        List<String> reasons = new ArrayList<>();
        if (mismatches[0] > 0) {
            reasons.add(mismatches[0] + " task(s) logged a variant other than the one the hash assigns;"
                    + " they are counted in the arm they logged");
        }
        if (unknown[0] > 0) {
            reasons.add(unknown[0] + " task(s) of the experiment logged no known variant and were left out");
        }
        TaskCounts counts = new TaskCounts(control.tasks(), treatment.tasks(), control.withoutOutcome(),
                treatment.withoutOutcome(), mismatches[0], unknown[0]);
        return decide(experimentKey, Verification.RANDOMISED, RANDOMISED_EVIDENCE, control, treatment, check, counts,
                reasons);
    }

    @Override
    public Verification beforeAfter(Stream<Conversation> before, Stream<Conversation> after) {
        requireNonNull(before, "before");
        requireNonNull(after, "after");
        ArmTally control = new ArmTally();
        ArmTally treatment = new ArmTally();
        Map<String, Boolean> speakers = new HashMap<>();
        before.forEach(task -> control.add(task, speakers));
        after.forEach(task -> treatment.add(task, speakers));
        TaskCounts counts = new TaskCounts(control.tasks(), treatment.tasks(), control.withoutOutcome(),
                treatment.withoutOutcome(), 0, 0);
        List<String> reasons = new ArrayList<>();
        reasons.add(BEFORE_AFTER_EVIDENCE);
        return decide(null, Verification.BEFORE_AFTER, BEFORE_AFTER_EVIDENCE, control, treatment, null, counts,
                reasons);
    }

    private Verification decide(@Nullable String key, String design, String evidence, ArmTally control,
            ArmTally treatment, @Nullable SrmCheck srm, TaskCounts counts, List<String> reasons) {
        record Spec(String name, boolean higherIsBetter, Function<ArmTally, ArmStatistic> statistic) {}
        List<Spec> specs = List.of(
                new Spec(SUCCESS_RATE, true, arm -> Statistics.proportion(arm.success())),
                new Spec(ERROR_RATE, false, arm -> Statistics.ratio(arm.errorsPerEvent())),
                new Spec(TOOL_ERROR_RATE, false, arm -> Statistics.ratio(arm.toolErrorsPerResult())),
                new Spec(DURATION_SECONDS, false, arm -> Statistics.sampleMean(arm.duration())),
                new Spec(TOKENS_PER_TASK, false, arm -> Statistics.sampleMean(arm.tokens())));
        List<ArmStatistic[]> arms = new ArrayList<>();
        List<@Nullable Estimates> estimates = new ArrayList<>();
        for (Spec spec : specs) {
            ArmStatistic c = spec.statistic().apply(control);
            ArmStatistic t = spec.statistic().apply(treatment);
            arms.add(new ArmStatistic[] {c, t});
            estimates.add(Statistics.welch(c, t, alpha));
        }
        double[] adjusted = holmAcrossGuardrails(estimates);

        List<MetricComparison> metrics = new ArrayList<>();
        boolean primaryBetter = false;
        boolean anyWorse = false;
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            Estimates e = estimates.get(i);
            Significance significance = Significance.NOT_COMPUTABLE;
            if (e != null) {
                boolean significant = adjusted[i] < alpha;
                boolean up = e.relativeLift() > 0;
                significance = !significant || e.relativeLift() == 0 ? Significance.NOT_SIGNIFICANT
                        : up == spec.higherIsBetter() ? Significance.BETTER : Significance.WORSE;
            }
            if (significance == Significance.WORSE) {
                anyWorse = true;
                reasons.add(spec.name() + " is significantly worse" + (i == 0 ? "" : " (Holm-adjusted p = "
                        + format(adjusted[i]) + ")"));
            }
            if (i == 0 && significance == Significance.BETTER) {
                primaryBetter = true;
            }
            metrics.add(comparison(spec.name(), i == 0, spec.higherIsBetter(), arms.get(i), e,
                    e == null ? null : adjusted[i], significance, null));
        }

        Decision decision;
        if (counts.control() == 0 || counts.treatment() == 0) {
            decision = Decision.INVALID;
            reasons.add(0, "an arm has no tasks (control " + counts.control() + ", treatment " + counts.treatment() + ")");
        } else if (srm != null && srm.mismatch()) {
            decision = Decision.INVALID;
            reasons.add(0, String.format(Locale.ROOT, "sample-ratio mismatch: %d control vs %d treatment tasks for an"
                    + " expected treatment share of %s, p = %.3g < %s", srm.control(), srm.treatment(),
                    srm.expectedShare(), srm.pValue(), srm.threshold()));
        } else if (arms.get(0)[0].n() == 0 || arms.get(0)[1].n() == 0) {
            decision = Decision.INVALID;
            reasons.add(0, "an arm has no task with an outcome, so the success rate cannot be compared");
        } else if (anyWorse) {
            decision = Decision.HARMFUL;
        } else if (primaryBetter) {
            decision = Decision.EFFECTIVE;
            reasons.add("success_rate is significantly better and no guardrail is significantly worse");
        } else {
            decision = Decision.INCONCLUSIVE;
            MetricComparison primary = metrics.get(0);
            double observed = primary.relativeLift() == null ? 0 : Math.abs(primary.relativeLift());
            long needed = Statistics.neededPerArm(primary.control().mean(), Math.max(observed, minRelativeLift), alpha,
                    power);
            Long perArm = needed < 0 ? null : needed;
            metrics.set(0, comparison(primary.name(), true, true, arms.get(0), estimates.get(0),
                    primary.adjustedPValue(), primary.significance(), perArm));
            reasons.add(perArm == null ? "no significant change"
                    : String.format(Locale.ROOT, "no significant change; about %d tasks with an outcome per arm would"
                            + " detect a relative lift of %.1f%% with %.0f%% power", perArm,
                            Math.max(observed, minRelativeLift) * 100, power * 100));
        }
        return new Verification(key, design, evidence, decision, alpha, srm, metrics, counts, reasons);
    }

    private static MetricComparison comparison(String name, boolean primary, boolean higherIsBetter, ArmStatistic[] arms,
            @Nullable Estimates e, @Nullable Double adjusted, Significance significance, @Nullable Long neededPerArm) {
        if (e == null) {
            return new MetricComparison(name, primary, higherIsBetter, arms[0], arms[1], null, null, null, null, null,
                    null, null, null, null, null, neededPerArm, significance);
        }
        return new MetricComparison(name, primary, higherIsBetter, arms[0], arms[1], e.relativeLift(),
                e.standardError(), e.degreesOfFreedom(), e.ciLow(), e.ciHigh(), e.pValue(), adjusted,
                e.absoluteDifference(), e.absoluteCiLow(), e.absoluteCiHigh(), neededPerArm, significance);
    }

    /** The primary keeps its own p-value; the computable guardrails are adjusted together. */
    private static double[] holmAcrossGuardrails(List<@Nullable Estimates> estimates) {
        double[] adjusted = new double[estimates.size()];
        Estimates primary = estimates.get(0);
        adjusted[0] = primary == null ? 1 : primary.pValue();
        List<Integer> guardrails = new ArrayList<>();
        for (int i = 1; i < estimates.size(); i++) {
            if (estimates.get(i) != null) {
                guardrails.add(i);
            }
        }
        double[] p = guardrails.stream().mapToDouble(i -> estimates.get(i).pValue()).toArray();
        double[] holm = Statistics.holm(p);
        for (int k = 0; k < guardrails.size(); k++) {
            adjusted[guardrails.get(k)] = holm[k];
        }
        return adjusted;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** Settings of a {@link FrequentistVerifier}. */
    public static final class Builder {
        private double alpha = 0.05;
        private double treatmentShare = 0.5;
        private double coverage = 1.0;
        private double minRelativeLift = 0.05;
        private double power = 0.8;
        private double srmThreshold = 0.001;

        private Builder() {}

        /** The significance level, in (0, 0.5); default 0.05. */
        public Builder alpha(double alpha) {
            this.alpha = within("alpha", alpha, 0, 0.5);
            return this;
        }

        /** The treatment share the rollout was configured with, in (0, 1); default 0.5. */
        public Builder treatmentShare(double share) {
            this.treatmentShare = within("treatment share", share, 0, 1);
            return this;
        }

        /** The rollout's coverage, in (0, 1]; default 1. Used to check logged variants against the hash. */
        public Builder coverage(double coverage) {
            Rollout.builder().coverage(coverage); // the rollout's own check
            this.coverage = coverage;
            return this;
        }

        /** The smallest relative lift worth detecting, for the sample size of an inconclusive result; default 0.05. */
        public Builder minRelativeLift(double lift) {
            this.minRelativeLift = within("minimum relative lift", lift, 0, 1);
            return this;
        }

        /** The power the needed sample size is computed for, in (0, 1); default 0.8. */
        public Builder power(double power) {
            this.power = within("power", power, 0, 1);
            return this;
        }

        /** The p-value below which a sample-ratio mismatch invalidates the result; default 0.001. */
        public Builder srmThreshold(double threshold) {
            this.srmThreshold = within("SRM threshold", threshold, 0, 1);
            return this;
        }

        public FrequentistVerifier build() {
            return new FrequentistVerifier(this);
        }

        private static double within(String what, double value, double low, double high) {
            if (!(value > low && value < high)) {
                throw new IllegalArgumentException(what + " must be within (" + low + ", " + high + "), was " + value);
            }
            return value;
        }
    }
}
