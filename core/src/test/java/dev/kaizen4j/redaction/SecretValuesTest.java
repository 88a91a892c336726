package dev.kaizen4j.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValuesTest {

    @Test
    void givenStrings_whenMeasured_thenShannonEntropyIsInBitsPerCharacter() {
        assertThat(SecretValues.shannon("aaaa")).isZero();
        assertThat(SecretValues.shannon("abcd")).isCloseTo(2.0, within(1e-9));
        assertThat(SecretValues.shannon("0123456789abcdef")).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void givenDetectSecretsOwnExamples_whenTested_thenTheVerdictsAreTheirs() {
        assertThat(SecretValues.highEntropy("2b00042f7481c7b056c4b410d28f33cf")).isTrue();
        assertThat(SecretValues.highEntropy("aaaaaaaaaaaaaaaaaaaa")).isFalse();
        assertThat(SecretValues.highEntropy("c3VwZXIgc2VjcmV0IHZhbHVl")).isFalse();
        assertThat(SecretValues.highEntropy("c3VwZXIgbG9uZyBzdHJpbmcgc2hvdWxkIGNhdXNlIGVub3VnaCBlbnRyb3B5")).isTrue();
    }

    @Test
    void givenAllDigitStrings_whenTestedAsHex_thenTheirEntropyIsLowered() {
        assertThat(SecretValues.hexEntropy("1234567890123456"))
                .isCloseTo(SecretValues.shannon("1234567890123456") - 1.2 / 4, within(1e-9));
        assertThat(SecretValues.highEntropy("1718028202123456")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789abcdefABCDEF01", "${DB_PASSWORD}"})
    void givenSequencesAndPlaceholders_whenTested_thenTheyAreNoSecrets(String value) {
        assertThat(SecretValues.highEntropy(value) && !SecretValues.placeholder(value)).isFalse();
    }

    @Test
    void givenAnAwsSecretAccessKey_whenTested_thenItIsAboveTheBase64Limit() {
        assertThat(SecretValues.shannon("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .isGreaterThan(SecretValues.BASE64_LIMIT);
    }
}
