package dev.kaizen4j.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.TeamMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoProportionVerifierTest {

    @Test
    void givenKnownProportions_thenThePValueMatchesTheTextbookValue() {
        // 45/100 vs 60/100: pooled p = 0.525, z = 2.1243, one-sided p = 0.01682
        assertThat(TwoProportionVerifier.pValue(45, 100, 60, 100)).isCloseTo(0.01682, within(2e-4));
    }

    @Test
    void givenTheStandardNormalCdf_thenItMatchesKnownQuantiles() {
        assertThat(TwoProportionVerifier.standardNormalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(TwoProportionVerifier.standardNormalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(TwoProportionVerifier.standardNormalCdf(-1.644854)).isCloseTo(0.05, within(1e-6));
    }

    @Test
    void givenAClearRise_thenTheChangeIsEffective() {
        VerificationResult result = TwoProportionVerifier.create().verify(report(45, 100), report(60, 100));

        assertThat(result.effective()).isTrue();
        assertThat(result.summary()).contains("45.0%").contains("60.0%").contains("effective");
    }

    @Test
    void givenARiseOnTooFewTasks_thenTheChangeIsNotShownEffective() {
        VerificationResult result = TwoProportionVerifier.create().verify(report(5, 10), report(6, 10));

        assertThat(result.effective()).isFalse();
        assertThat(result.pValue()).isGreaterThan(0.05);
    }

    @Test
    void givenAFall_thenTheChangeIsNotEffective() {
        assertThat(TwoProportionVerifier.create().verify(report(60, 100), report(45, 100)).effective()).isFalse();
    }

    @Test
    void givenNoTasksAfter_thenThePValueIsOne() {
        assertThat(TwoProportionVerifier.create().verify(report(60, 100), report(0, 0)).pValue()).isEqualTo(1.0);
    }

    private static EffectivenessReport report(int completed, int total) {
        TeamMetrics metrics = new TeamMetrics("team", null, null, total, completed, total - completed,
                total == 0 ? 0 : (double) completed / total, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0);
        return new EffectivenessReport("team", metrics, List.of(), List.of(), List.of(), List.of());
    }
}
