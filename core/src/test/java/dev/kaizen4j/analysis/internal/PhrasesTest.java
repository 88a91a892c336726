package dev.kaizen4j.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    private static final List<Phrases> TEXT_PATTERNS = List.of(Text.HEDGE, Text.CRITICISM, Text.GIVE_UP, Text.DEFERS,
            Text.RESET, Text.VERIFY, Text.APPROVAL, Text.REQUIREMENT);

    @Test
    void givenTheTextPatterns_whenCompiled_thenEachIsSearchedByItsLiteralBeginnings() {
        // when / then
        assertThat(TEXT_PATTERNS).allSatisfy(phrases -> assertThat(phrases.beginnings()).isNotEmpty());
        assertThat(Text.APPROVAL.beginnings()).contains("approve", "all ", "looks good");
        assertThat(Text.CRITICISM.beginnings()).contains("can", "off", "hallucinat");
        assertThat(Text.REQUIREMENT.beginnings()).contains("i", "we", "was asked");
    }

    @Test
    void givenManyTexts_whenSearched_thenTheAnswerIsTheSameAsAPlainFind() {
        // given
        Random random = new Random(7);
        List<String> words = new ArrayList<>(List.of("the", "not", "is", "are", "can't", "cant", "x_", "é", "ça",
                "i", "we", "as", "it", "per", "all", "off", "out", "of", "date", "2", "no", "be", "do", "to", "was"));
        for (Phrases phrases : TEXT_PATTERNS) {
            for (String word : phrases.pattern().pattern().split("[^a-z'\\-]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        String[] glue = {" ", " ", " ", "  ", ", ", ". ", "-", "_", "'", "é", "\n", "(", "1", ""};
        int matched = 0;

        // when
        for (int t = 0; t < 20_000; t++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int w = 0; w < length; w++) {
                text.append(glue[random.nextInt(glue.length)]).append(words.get(random.nextInt(words.size())));
            }
            String candidate = text.append(glue[random.nextInt(glue.length)]).toString();
            for (Phrases phrases : TEXT_PATTERNS) {
                Pattern pattern = phrases.pattern();
                boolean expected = pattern.matcher(candidate).find();

                // then
                assertThat(phrases.in(candidate)).as("%s in '%s'", pattern, candidate).isEqualTo(expected);
                matched += expected ? 1 : 0;
            }
        }
        assertThat(matched).isGreaterThan(5_000);
    }

    @Test
    void givenAPatternOfAnotherShape_whenSearched_thenAPlainFindAnswers() {
        // given
        Phrases phrases = Phrases.compile("(?i)^\\s*(error|failed)\\b");

        // when / then
        assertThat(phrases.beginnings()).isEmpty();
        assertThat(phrases.in("  Error: x")).isTrue();
        assertThat(phrases.in("an error")).isFalse();
    }
}
