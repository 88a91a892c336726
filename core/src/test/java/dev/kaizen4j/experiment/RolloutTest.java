package dev.kaizen4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutTest {

    private static final JsonNode CASES = cases();

    static Stream<Arguments> hashCases() {
        return stream(CASES.get("hash")).map(c -> Arguments.of(c.get(0).asText(), c.get(1).asText(), c.get(2).asInt(),
                c.get(3).isNull() ? null : c.get(3).asDouble()));
    }

    static Stream<Arguments> bucketRangeCases() {
        return stream(CASES.get("getBucketRange")).map(c -> {
            JsonNode args = c.get(1);
            double[] weights = args.get(2).isNull() ? null
                    : stream(args.get(2)).mapToDouble(JsonNode::asDouble).toArray();
            List<double[]> expected = stream(c.get(2)).map(r -> new double[] {r.get(0).asDouble(), r.get(1).asDouble()})
                    .toList();
            return Arguments.of(c.get(0).asText(), args.get(0).asInt(), args.get(1).asDouble(), weights, expected);
        });
    }

    @ParameterizedTest(name = "hash({0}, {1}, v{2}) = {3}")
    @MethodSource("hashCases")
    void givenGrowthBooksHashVectors_thenTheHashMatches(String seed, String value, int version, Double expected) {
        OptionalDouble hash = Rollout.hash(seed, value, version);

        if (expected == null) {
            assertThat(hash).isEmpty();
        } else {
            assertThat(hash.getAsDouble()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bucketRangeCases")
    void givenGrowthBooksBucketRangeVectors_thenTheRangesMatch(String name, int variations, double coverage,
            double[] weights, List<double[]> expected) {
        List<BucketRange> ranges = Rollout.bucketRanges(variations, coverage, weights);

        assertThat(ranges).hasSameSizeAs(expected);
        for (int i = 0; i < ranges.size(); i++) {
            assertThat(ranges.get(i).start()).as("%s start %d", name, i).isCloseTo(expected.get(i)[0], within(1e-9));
            assertThat(ranges.get(i).end()).as("%s end %d", name, i).isCloseTo(expected.get(i)[1], within(1e-9));
        }
    }

    @Test
    void givenTheExperimentKeyAsSeed_thenTheVariantFollowsTheVersionTwoHash() {
        // hash("seed", "a", 2) = 0.0505 and hash("seed", "b", 2) = 0.2696 (GrowthBook vectors above).
        Rollout even = Rollout.of("seed");
        Rollout mostlyTreatment = Rollout.builder().experimentKey("seed").treatmentShare(0.8).build();

        assertThat(even.assign("a")).contains(Variant.CONTROL);
        assertThat(even.assign("b")).contains(Variant.CONTROL);
        assertThat(mostlyTreatment.bucketRanges()).containsExactly(new BucketRange(0, 0.19999999999999996),
                new BucketRange(0.19999999999999996, 1.0));
        assertThat(mostlyTreatment.assign("a")).contains(Variant.CONTROL);
        assertThat(mostlyTreatment.assign("b")).contains(Variant.TREATMENT);
    }

    @Test
    void givenReducedCoverage_thenTasksOutsideTheRangesAreNotInTheExperiment() {
        // Ranges [0, 0.05) and [0.5, 0.55): hash 0.0505 ("a") and 0.2696 ("b") are outside both.
        Rollout rollout = Rollout.builder().experimentKey("seed").coverage(0.1).build();

        assertThat(rollout.assign("a")).isEmpty();
        assertThat(rollout.assign("b")).isEmpty();
    }

    @Test
    void givenManyTasks_thenTheSplitFollowsTheTreatmentShare() {
        Rollout rollout = Rollout.builder().experimentKey("checkout-copy").treatmentShare(0.3).build();
        Map<Variant, Integer> counts = new EnumMap<>(Variant.class);

        IntStream.range(0, 20_000).forEach(i -> rollout.assign("TASK-" + i)
                .ifPresent(v -> counts.merge(v, 1, Integer::sum)));

        assertThat(counts.get(Variant.CONTROL) + counts.get(Variant.TREATMENT)).isEqualTo(20_000);
        assertThat(counts.get(Variant.TREATMENT) / 20_000.0).isCloseTo(0.3, within(0.015));
    }

    @Test
    void givenTheSameTaskTwice_thenTheAssignmentIsStable() {
        Rollout rollout = Rollout.of("stable");

        assertThat(IntStream.range(0, 50).mapToObj(i -> rollout.assign("TASK-42")).distinct()).hasSize(1);
    }

    @Test
    void givenBadSettings_thenTheBuilderSaysWhatIsWrong() {
        assertThatThrownBy(() -> Rollout.builder().experimentKey(" ")).hasMessageContaining("experiment key");
        assertThatThrownBy(() -> Rollout.builder().treatmentShare(1.0)).hasMessageContaining("treatment share");
        assertThatThrownBy(() -> Rollout.builder().coverage(0)).hasMessageContaining("coverage");
        assertThatThrownBy(() -> Rollout.builder().build()).hasMessageContaining("experimentKey");
    }

    @Test
    void givenAPromptExperiment_thenEachTaskGetsItsVariantsTextAndTheMetadataToLog() {
        PromptExperiment experiment = new PromptExperiment(Rollout.builder().experimentKey("seed").treatmentShare(0.8)
                .build(), "You write posts.", "You write posts. Cite the brief's keyword.");

        ServedPrompt control = experiment.serve("a");
        ServedPrompt treatment = experiment.serve("b");

        assertThat(control.variant()).isEqualTo(Variant.CONTROL);
        assertThat(control.text()).isEqualTo("You write posts.");
        assertThat(control.metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("experiment", "seed", "variant", "control"));
        assertThat(treatment.variant()).isEqualTo(Variant.TREATMENT);
        assertThat(treatment.text()).isEqualTo("You write posts. Cite the brief's keyword.");
        assertThat(treatment.metadata()).containsEntry("variant", "treatment");
    }

    @Test
    void givenATaskOutsideTheCoverage_thenItGetsTheControlTextAndNoExperimentMetadata() {
        PromptExperiment experiment = new PromptExperiment(
                Rollout.builder().experimentKey("seed").coverage(0.1).build(), "old", "new");

        ServedPrompt served = experiment.serve("a");

        assertThat(served.assignedVariant()).isEmpty();
        assertThat(served.text()).isEqualTo("old");
        assertThat(served.metadata()).isEmpty();
    }

    @Test
    void givenLoggedVariantNames_thenTheyParse() {
        assertThat(Variant.parse(" Treatment ")).contains(Variant.TREATMENT);
        assertThat(Variant.parse("0")).contains(Variant.CONTROL);
        assertThat(Variant.parse("B")).isEmpty();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(array::get);
    }

    private static JsonNode cases() {
        try (InputStream in = RolloutTest.class.getResourceAsStream("/experiment/growthbook-cases.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
