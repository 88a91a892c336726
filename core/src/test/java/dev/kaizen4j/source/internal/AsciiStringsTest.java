package dev.kaizen4j.source.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsciiStringsTest {

    @Test
    void givenTextsThatShareLengthHeadAndTail_whenLookedUp_thenEachGetsItsOwnStringAndRepeatsGetTheSameInstance() {
        // given: longer than sixteen bytes, differing only in the middle
        byte[] bytes = "{\"a\":\"research_agent_alpha_v1\",\"b\":\"research_agent_omega_v1\"}".getBytes(StandardCharsets.US_ASCII);
        AsciiStrings strings = AsciiStrings.bounded(16);

        // when
        String first = strings.get(bytes, 6, 29);
        String second = strings.get(bytes, 36, 59);
        String firstAgain = strings.get(bytes, 6, 29);

        // then
        assertThat(first).isEqualTo("research_agent_alpha_v1");
        assertThat(second).isEqualTo("research_agent_omega_v1");
        assertThat(firstAgain).isSameAs(first);
    }

    @Test
    void givenRandomTextsAtTheEndOfTheirArrays_whenLookedUp_thenEveryStringEqualsItsBytes() {
        // given: short texts from a small alphabet (many near-collisions), some ending their array
        Random random = new Random(11);
        AsciiStrings bounded = AsciiStrings.bounded(64);
        AsciiStrings latest = AsciiStrings.latest(8);
        Map<String, String> firstSeen = new HashMap<>();
        for (int t = 0; t < 20_000; t++) {
            int length = random.nextInt(24);
            byte[] bytes = new byte[length + random.nextInt(3)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ('a' + random.nextInt(3));
            }
            int from = bytes.length - length;
            String expected = new String(bytes, from, length, StandardCharsets.US_ASCII);

            // when
            String fromBounded = bounded.get(bytes, from, bytes.length);
            String fromLatest = latest.get(bytes, from, bytes.length);

            // then
            assertThat(fromBounded).isEqualTo(expected);
            assertThat(fromLatest).isEqualTo(expected);
            String known = firstSeen.putIfAbsent(expected, fromBounded);
            if (known != null && firstSeen.size() <= 32) {
                assertThat(fromBounded).isSameAs(known);
            }
        }
    }

    @Test
    void givenATextLongerThanTheBound_whenLookedUpTwice_thenItIsMadeAnewAndNotKept() {
        // given
        byte[] bytes = "x".repeat(AsciiStrings.MAX_LENGTH + 1).getBytes(StandardCharsets.US_ASCII);
        AsciiStrings strings = AsciiStrings.bounded(16);

        // when
        String first = strings.get(bytes, 0, bytes.length);
        String second = strings.get(bytes, 0, bytes.length);

        // then
        assertThat(second).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void givenASizeThatIsNotAPowerOfTwo_whenCreated_thenItIsRefused() {
        assertThatThrownBy(() -> AsciiStrings.bounded(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two");
    }
}
