package dev.kaizen4j.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.verify.ArmStatistic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Matches the statistics to values scipy computed (src/test/resources/verify/reference.py) to 1e-9 relative. */
class StatisticsReferenceTest {

    /** 1e-9 relative, as a percentage. */
    private static final double TOLERANCE_PERCENT = 1e-7;

    private static final JsonNode REFERENCE = load();

    static Stream<JsonNode> datasets() {
        return elements(REFERENCE.get("datasets"));
    }

    static Stream<JsonNode> srmCases() {
        return elements(REFERENCE.get("srm"));
    }

    static Stream<JsonNode> holmCases() {
        return elements(REFERENCE.get("holm"));
    }

    static Stream<JsonNode> powerCases() {
        return elements(REFERENCE.get("power"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void givenADataSet_thenArmsLiftIntervalsAndPValuesMatchScipy(JsonNode dataset) {
        String kind = dataset.get("kind").asText();
        ArmStatistic control = statistic(kind, dataset.get("control"));
        ArmStatistic treatment = statistic(kind, dataset.get("treatment"));
        JsonNode expected = dataset.get("expected");

        Statistics.Estimates estimates = Statistics.welch(control, treatment, dataset.get("alpha").asDouble());

        assertThat(control.n()).isEqualTo(expected.get("control_n").asLong());
        assertThat(treatment.n()).isEqualTo(expected.get("treatment_n").asLong());
        close(control.mean(), expected, "control_mean");
        close(control.variance(), expected, "control_variance");
        close(treatment.mean(), expected, "treatment_mean");
        close(treatment.variance(), expected, "treatment_variance");
        assertThat(estimates).isNotNull();
        close(estimates.relativeLift(), expected, "relative_lift");
        close(estimates.standardError(), expected, "standard_error");
        close(estimates.degreesOfFreedom(), expected, "degrees_of_freedom");
        close(estimates.pValue(), expected, "p_value");
        close(estimates.ciLow(), expected, "ci_low");
        close(estimates.ciHigh(), expected, "ci_high");
        close(estimates.absoluteDifference(), expected, "absolute_difference");
        close(estimates.absoluteCiLow(), expected, "absolute_ci_low");
        close(estimates.absoluteCiHigh(), expected, "absolute_ci_high");
        close(estimates.absolutePValue(), expected, "absolute_p_value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("srmCases")
    void givenTaskCounts_thenTheSampleRatioMismatchTestMatchesScipysChiSquare(JsonNode srm) {
        double[] result = Statistics.sampleRatioMismatch(srm.get("control").asLong(), srm.get("treatment").asLong(),
                srm.get("expected_share").asDouble());

        close(result[0], srm, "chi_squared");
        close(result[1], srm, "p_value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("holmCases")
    void givenPValues_thenHolmsAdjustmentMatches(JsonNode holm) {
        double[] p = elements(holm.get("p_values")).mapToDouble(JsonNode::asDouble).toArray();
        double[] expected = elements(holm.get("adjusted")).mapToDouble(JsonNode::asDouble).toArray();

        double[] adjusted = Statistics.holm(p);

        for (int i = 0; i < p.length; i++) {
            assertThat(adjusted[i]).isCloseTo(expected[i], withinPercentage(TOLERANCE_PERCENT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("powerCases")
    void givenARateAndALift_thenTheNeededSampleSizeMatches(JsonNode power) {
        assertThat(Statistics.neededPerArm(power.get("control_rate").asDouble(), power.get("relative_lift").asDouble(),
                power.get("alpha").asDouble(), power.get("power").asDouble()))
                .isEqualTo(power.get("needed_per_arm").asLong());
    }

    @Test
    void givenTooLittleData_thenTheTestIsNotComputable() {
        assertThat(Statistics.welch(new ArmStatistic(1, 0.5, 0.25), new ArmStatistic(10, 0.5, 0.25), 0.05)).isNull();
        assertThat(Statistics.welch(new ArmStatistic(10, 0, 0), new ArmStatistic(10, 0.5, 0.25), 0.05)).isNull();
        assertThat(Statistics.welch(new ArmStatistic(10, 1, 0), new ArmStatistic(10, 1, 0), 0.05)).isNull();
        assertThat(Statistics.neededPerArm(0, 0.05, 0.05, 0.8)).isEqualTo(-1);
        assertThat(Statistics.sampleRatioMismatch(0, 0, 0.5)).containsExactly(0, 1);
    }

    @Test
    void givenValuesFarFromZero_thenTheVarianceKeepsItsPrecision() {
        Moments moments = new Moments();
        IntStream.range(0, 1000).forEach(i -> moments.add(1e9 + (i % 2)));

        assertThat(moments.variance()).isCloseTo(0.25025025025025026, withinPercentage(TOLERANCE_PERCENT));
    }

    private static ArmStatistic statistic(String kind, JsonNode data) {
        Moments moments = new Moments();
        switch (kind) {
            case "proportion" -> {
                elements(data).forEach(v -> moments.add(v.asDouble()));
                return Statistics.proportion(moments);
            }
            case "mean" -> {
                elements(data).forEach(v -> moments.add(v.asDouble()));
                return Statistics.sampleMean(moments);
            }
            case "ratio" -> {
                JsonNode m = data.get("numerator");
                JsonNode d = data.get("denominator");
                IntStream.range(0, m.size()).forEach(i -> moments.add(m.get(i).asDouble(), d.get(i).asDouble()));
                return Statistics.ratio(moments);
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    private static void close(double actual, JsonNode expected, String field) {
        assertThat(actual).as(field).isCloseTo(expected.get(field).asDouble(), withinPercentage(TOLERANCE_PERCENT));
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(array::get);
    }

    private static JsonNode load() {
        try (InputStream in = StatisticsReferenceTest.class.getResourceAsStream("/verify/reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
