package dev.kaizen4j.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongSetTest {

    @Test
    void givenValuesWithRepeats_whenAdding_thenOnlyTheFirstOfEachIsNew() {
        // given
        Random random = new Random(3);
        LongSet set = new LongSet(1);
        Set<Long> reference = new HashSet<>();

        for (int i = 0; i < 50_000; i++) {
            long value = switch (random.nextInt(4)) {
                case 0 -> 0L;
                case 1 -> random.nextInt(100) - 50L;
                case 2 -> random.nextLong();
                default -> (long) random.nextInt(1000) << 32;
            };

            // when / then
            assertThat(set.add(value)).as("add %d", value).isEqualTo(reference.add(value));
        }
        assertThat(set.size()).isEqualTo(reference.size());
    }
}
