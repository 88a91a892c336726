package dev.kaizen4j.verify;

import static dev.kaizen4j.verify.ExperimentTasks.simulate;
import static dev.kaizen4j.verify.ExperimentTasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.experiment.Rollout;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.verify.internal.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FrequentistVerifierTest {

    private static final String KEY = "writer-checklist";
    private static final Rollout ROLLOUT = Rollout.of(KEY);
    private static final FrequentistVerifier VERIFIER = FrequentistVerifier.create();

    @Test
    void givenNoTrueEffect_thenAtMostAlphaOfAThousandSimulatedExperimentsAreEffective() {
        SplittableRandom random = new SplittableRandom(7);

        long effective = IntStream.range(0, 1000)
                .mapToObj(run -> VERIFIER.experiment(KEY, simulate(ROLLOUT, 400, 0.7, 0.7, random).stream()))
                .filter(v -> v.decision() == Decision.EFFECTIVE)
                .count();

        assertThat(effective).isLessThanOrEqualTo(50);
    }

    @Test
    void givenATrueFivePointLiftAndEnoughTasks_thenAtLeastEightyPercentOfSimulatedExperimentsAreEffective() {
        SplittableRandom random = new SplittableRandom(11);
        // 0.85 -> 0.90 needs about 700 tasks per arm for 80% power; 1,800 tasks give about 900 per arm.
        long effective = IntStream.range(0, 200)
                .mapToObj(run -> VERIFIER.experiment(KEY, simulate(ROLLOUT, 1800, 0.85, 0.90, random).stream()))
                .filter(v -> v.decision() == Decision.EFFECTIVE)
                .count();

        assertThat(effective).isGreaterThanOrEqualTo(160);
    }

    @Test
    void givenAKnownDataSet_thenTheVerdictCarriesScipysNumbers() throws Exception {
        // 811/1012 vs 836/988: the first data set of src/test/resources/verify/reference.json.
        JsonNode expected = new ObjectMapper().readTree(getClass().getResourceAsStream("/verify/reference.json"))
                .get("datasets").get(0).get("expected");
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 811, 1012);
        addTasks(tasks, "treatment", 836, 988);

        Verification verification = FrequentistVerifier.builder().coverage(1).build()
                .experiment(KEY, tasks.stream());

        MetricComparison success = verification.primary();
        assertThat(success.name()).isEqualTo("success_rate");
        assertThat(success.control().n()).isEqualTo(1012);
        assertThat(success.treatment().n()).isEqualTo(988);
        assertThat(success.relativeLift()).isCloseTo(expected.get("relative_lift").asDouble(), withinPercentage(1e-7));
        assertThat(success.pValue()).isCloseTo(expected.get("p_value").asDouble(), withinPercentage(1e-7));
        assertThat(success.ciLow()).isCloseTo(expected.get("ci_low").asDouble(), withinPercentage(1e-7));
        assertThat(success.ciHigh()).isCloseTo(expected.get("ci_high").asDouble(), withinPercentage(1e-7));
        assertThat(success.absoluteCiLow()).isCloseTo(expected.get("absolute_ci_low").asDouble(), withinPercentage(1e-7));
        assertThat(verification.srm().pValue()).isCloseTo(0.5915050369949164, withinPercentage(1e-7));
        assertThat(verification.decision()).isEqualTo(Decision.EFFECTIVE);
        assertThat(success.neededPerArm()).isNull();
        // The task ids are not hashed by the rollout, so about half disagree with the hash; all are counted.
        assertThat(verification.tasks().hashMismatches()).isBetween(800L, 1200L);
        assertThat(verification.reasons()).anyMatch(r -> r.contains("logged a variant other than"));
    }

    @Test
    void givenASampleRatioMismatch_thenTheResultIsInvalidWhateverTheMetricsSay() {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 300, 600);
        addTasks(tasks, "treatment", 380, 400);

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        assertThat(verification.decision()).isEqualTo(Decision.INVALID);
        assertThat(verification.srm().pValue()).isLessThan(0.001);
        assertThat(verification.srm().mismatch()).isTrue();
        assertThat(verification.reasons().get(0)).startsWith("sample-ratio mismatch: 600 control vs 400 treatment");
        assertThat(verification.primary().significance()).isEqualTo(MetricComparison.Significance.BETTER);
    }

    @Test
    void givenAConfiguredUnevenSplit_thenTheSrmCheckExpectsIt() {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 490, 700);
        addTasks(tasks, "treatment", 210, 300);

        Verification verification = FrequentistVerifier.builder().treatmentShare(0.3).build()
                .experiment(KEY, tasks.stream());

        assertThat(verification.srm().pValue()).isEqualTo(1.0);
        assertThat(verification.decision()).isEqualTo(Decision.INCONCLUSIVE);
    }

    @Test
    void givenTooFewTasks_thenTheResultIsInconclusiveAndSaysHowManyAreNeeded() {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 28, 40);
        addTasks(tasks, "treatment", 30, 40);

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        MetricComparison success = verification.primary();
        assertThat(verification.decision()).isEqualTo(Decision.INCONCLUSIVE);
        // Observed lift 0.75/0.70 - 1 = 7.1% is above the 5% minimum, so the sample size is for 7.1%.
        assertThat(success.neededPerArm()).isEqualTo(Statistics.neededPerArm(0.7, 0.75 / 0.7 - 1, 0.05, 0.8))
                .isGreaterThan(1000L);
        assertThat(verification.reasons()).anyMatch(r -> r.contains("tasks with an outcome per arm"));
        assertThat(verification.summary()).contains("inconclusive").contains("tasks per arm needed");
    }

    @Test
    void givenATinyObservedLift_thenTheNeededSampleSizeIsForTheMinimumLift() {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 70, 100);
        addTasks(tasks, "treatment", 71, 100);

        Verification verification = FrequentistVerifier.builder().minRelativeLift(0.1).build()
                .experiment(KEY, tasks.stream());

        assertThat(verification.primary().neededPerArm()).isEqualTo(Statistics.neededPerArm(0.7, 0.1, 0.05, 0.8));
    }

    @Test
    void givenASignificantDrop_thenTheChangeIsHarmful() {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 450, 600);
        addTasks(tasks, "treatment", 420, 610);

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        assertThat(verification.decision()).isEqualTo(Decision.HARMFUL);
        assertThat(verification.primary().significance()).isEqualTo(MetricComparison.Significance.WORSE);
        assertThat(verification.reasons()).contains("success_rate is significantly worse");
    }

    @Test
    void givenATreatmentWhereNoTaskSucceeds_thenTheChangeIsHarmful() {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 30, 60);
        addTasks(tasks, "treatment", 0, 60);

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        MetricComparison success = verification.primary();
        assertThat(success.relativeLift()).isEqualTo(-1.0);
        assertThat(success.pValue()).isEqualTo(success.adjustedPValue()).isLessThan(1e-6);
        assertThat(success.ciHigh()).isLessThan(0);
        assertThat(verification.decision()).isEqualTo(Decision.HARMFUL);
    }

    @Test
    void givenABetterSuccessRateButMoreErrors_thenTheGuardrailMakesItHarmful() {
        List<Conversation> tasks = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 600; i++) {
            tasks.add(task(KEY, "C-" + i, "control", i < 420, random.nextInt(2), Map.of()));
            tasks.add(task(KEY, "T-" + i, "treatment", i < 480, 1 + random.nextInt(3), Map.of()));
        }

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        MetricComparison errors = verification.metric("error_rate").orElseThrow();
        assertThat(verification.primary().significance()).isEqualTo(MetricComparison.Significance.BETTER);
        assertThat(errors.significance()).isEqualTo(MetricComparison.Significance.WORSE);
        assertThat(errors.adjustedPValue()).isGreaterThanOrEqualTo(errors.pValue());
        assertThat(verification.decision()).isEqualTo(Decision.HARMFUL);
        assertThat(verification.reasons()).anyMatch(r -> r.startsWith("error_rate is significantly worse"));
    }

    @Test
    void givenTasksWithoutOutcome_thenTheyAreExcludedFromTheSuccessRateAndCounted() {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 50, 100);
        addTasks(tasks, "treatment", 50, 100);
        for (int i = 0; i < 7; i++) {
            tasks.add(task(KEY, "open-" + i, "treatment", null, 0, Map.of()));
        }

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        assertThat(verification.tasks().treatment()).isEqualTo(107);
        assertThat(verification.tasks().treatmentWithoutOutcome()).isEqualTo(7);
        assertThat(verification.primary().treatment().n()).isEqualTo(100);
        assertThat(verification.primary().treatment().mean()).isEqualTo(0.5);
        assertThat(verification.srm().treatment()).isEqualTo(107);
    }

    @Test
    void givenGuardrailMetadata_thenDurationsAndTokensAreCompared() {
        List<Conversation> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(task(KEY, "C-" + i, "control", true, 0, Map.of("duration_seconds", 100 + i, "tokens", 1000 + i)));
            tasks.add(task(KEY, "T-" + i, "treatment", true, 0, Map.of("duration_seconds", 80 + i)));
        }

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        MetricComparison duration = verification.metric("duration_seconds").orElseThrow();
        assertThat(duration.control().mean()).isEqualTo(124.5);
        assertThat(duration.absoluteDifference()).isEqualTo(-20.0);
        assertThat(duration.significance()).isEqualTo(MetricComparison.Significance.BETTER);
        MetricComparison tokens = verification.metric("tokens_per_task").orElseThrow();
        assertThat(tokens.treatment().n()).isZero();
        assertThat(tokens.computable()).isFalse();
        assertThat(tokens.significance()).isEqualTo(MetricComparison.Significance.NOT_COMPUTABLE);
        // Every task succeeded: no variance, so no test on the success rate.
        assertThat(verification.primary().computable()).isFalse();
        assertThat(verification.decision()).isEqualTo(Decision.INCONCLUSIVE);
    }

    @Test
    void givenAnEmptyArm_thenTheResultIsInvalid() {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 50, 100);
        tasks.add(task("another-experiment", "X-1", "treatment", true, 0, Map.of()));
        tasks.add(task(KEY, "odd-1", "variant-b", true, 0, Map.of()));

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        assertThat(verification.decision()).isEqualTo(Decision.INVALID);
        assertThat(verification.tasks().unknownVariant()).isEqualTo(1);
        assertThat(verification.tasks().treatment()).isZero();
        assertThat(verification.reasons().get(0)).startsWith("an arm has no tasks");
    }

    @Test
    void givenNoTaskOfTheExperiment_thenTheResultIsInvalidAndItsJsonHasOnlyFiniteNumbers() {
        Verification verification = VERIFIER.experiment(KEY, Stream.empty());

        assertThat(verification.decision()).isEqualTo(Decision.INVALID);
        assertThat(verification.srm().pValue()).isEqualTo(1.0);
        assertThat(verification.toJson()).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void givenTasksAssignedByTheRollout_thenNoMismatchIsReported() {
        List<Conversation> tasks = simulate(ROLLOUT, 200, 0.5, 0.5, new SplittableRandom(1));

        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        assertThat(verification.tasks().hashMismatches()).isZero();
        assertThat(verification.tasks().control() + verification.tasks().treatment()).isEqualTo(200);
    }

    @Test
    void givenAVerification_thenItsJsonHasTheDocumentedShapeAtFullPrecisionAndReadsBack() throws Exception {
        List<Conversation> tasks = new ArrayList<>();
        addTasks(tasks, "control", 28, 40);
        addTasks(tasks, "treatment", 30, 41);
        Verification verification = VERIFIER.experiment(KEY, tasks.stream());

        JsonNode json = new ObjectMapper().readTree(verification.toJson());

        assertThat(json.get("experiment").asText()).isEqualTo(KEY);
        assertThat(json.get("decision").asText()).isEqualTo("inconclusive");
        assertThat(json.get("srm").get("expected_share").asDouble()).isEqualTo(0.5);
        assertThat(json.get("srm").get("control").asLong()).isEqualTo(40);
        JsonNode success = json.get("metrics").get(0);
        assertThat(success.get("name").asText()).isEqualTo("success_rate");
        assertThat(success.get("primary").asBoolean()).isTrue();
        assertThat(success.get("control").get("n").asLong()).isEqualTo(40);
        assertThat(success.get("treatment").get("mean").asDouble()).isEqualTo(30 / 41.0);
        assertThat(success.get("relative_lift").asDouble()).isEqualTo(verification.primary().relativeLift());
        assertThat(success.get("p_value").asDouble()).isEqualTo(verification.primary().pValue());
        assertThat(success.has("ci_low")).isTrue();
        assertThat(success.has("ci_high")).isTrue();
        assertThat(success.has("adjusted_p_value")).isTrue();
        assertThat(success.has("absolute_difference")).isTrue();
        assertThat(success.get("needed_per_arm").asLong()).isPositive();
        JsonNode tokens = json.get("metrics").get(4);
        assertThat(tokens.get("needed_per_arm").isNull()).isTrue();
        assertThat(tokens.get("relative_lift").isNull()).isTrue();
        assertThat(Verification.fromJson(verification.toJson())).isEqualTo(verification);
    }

    @Test
    void givenBeforeAndAfterTasks_thenTheComparisonIsLabelledWeakerEvidence() {
        List<Conversation> before = new ArrayList<>();
        List<Conversation> after = new ArrayList<>();
        addTasks(before, "control", 450, 1000);
        addTasks(after, "treatment", 520, 1000);

        Verification verification = VERIFIER.beforeAfter(before.stream(), after.stream());

        assertThat(verification.design()).isEqualTo("before_after");
        assertThat(verification.isBeforeAfter()).isTrue();
        assertThat(verification.srm()).isNull();
        assertThat(verification.evidence()).startsWith("weaker evidence");
        assertThat(verification.reasons().get(0)).startsWith("weaker evidence");
        assertThat(verification.summary()).endsWith("(before/after: weaker evidence)");
        assertThat(verification.decision()).isEqualTo(Decision.EFFECTIVE);
    }

    @Test
    void givenBadSettings_thenTheBuilderSaysWhich() {
        assertThatThrownBy(() -> FrequentistVerifier.builder().alpha(0.7)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> FrequentistVerifier.builder().treatmentShare(0)).hasMessageContaining("treatment share");
        assertThatThrownBy(() -> FrequentistVerifier.builder().coverage(2)).hasMessageContaining("coverage");
        assertThatThrownBy(() -> FrequentistVerifier.builder().power(1)).hasMessageContaining("power");
    }

    private static void addTasks(List<Conversation> tasks, String variant, int successes, int total) {
        for (int i = 0; i < total; i++) {
            tasks.add(task(KEY, variant + "-" + i, variant, i < successes, 0, Map.of()));
        }
    }

}
