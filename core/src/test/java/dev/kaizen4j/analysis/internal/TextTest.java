package dev.kaizen4j.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void givenManyTexts_whenHashingWords_thenTheHashesAreThoseOfTheWordByWordDefinition() {
        // given
        Random random = new Random(11);
        String[] pieces = {"the", "Drafts", "ss", "cats", "CATS", "is", "1.5", "2,000", "a.b", "%", "$9", "é", "Élan",
            "naïve", "-", " ", " ", ". ", ",", "\n", "x", "boss", "Bosses", "and", "thanks", "ünïcödes", "ΣΟΦΙΑ"};
        for (int t = 0; t < 20_000; t++) {
            String candidate = randomText(random, pieces, 30);
            int limit = random.nextInt(60);

            // when / then
            assertThat(Text.wordHashes(candidate, limit)).as(candidate).containsExactly(
                    referenceWordHashes(candidate, limit));
        }
    }

    @Test
    void givenManyTexts_whenScanningForTriggerWordsOnce_thenEveryPhraseTestAgreesWithItsPattern() {
        // given
        Random random = new Random(7);
        String[] pieces = {"let's", "START", "over", "from", "scratch", "Restarting", "the", "task", "forget",
            "everything", "That", "is", "wrong", "Made", "up", "made-up", "numbers", "I", "could", "not", "find",
            "it", "Probably", "assuming", "fine", "%start", "x2", "_reset", "our", "conversation", "back", "to",
            "square", "one", "ünïcödes", "ΣΟΦΙΑ", "\u212Aelvin", "is", "off", "doesn't", "match", "no", "data",
            "was", "found", "i", "recall", "?", ".", ",", "\n"};
        for (int t = 0; t < 20_000; t++) {
            String candidate = randomText(random, pieces, 25);
            int end = random.nextInt(candidate.length() + 1);
            String head = candidate.substring(0, end);

            // when
            int triggers = Text.triggers(candidate, candidate.length());
            int headTriggers = Text.triggers(candidate, end);

            // then
            String lower = candidate.toLowerCase(Locale.ROOT);
            assertThat(Text.resets(candidate, triggers)).as(candidate).isEqualTo(Text.RESET.in(lower));
            assertThat(Text.criticizes(candidate, triggers)).as(candidate).isEqualTo(Text.CRITICISM.in(lower));
            assertThat(Text.givesUp(candidate, triggers)).as(candidate).isEqualTo(Text.GIVE_UP.in(lower));
            assertThat(Text.hedges(candidate, triggers)).as(candidate).isEqualTo(Text.HEDGE.in(lower));
            assertThat(headTriggers).as(head).isEqualTo(Text.triggers(head, head.length()));
        }
    }

    @Test
    void givenTextsOfEachFamily_whenScanningForTriggerWords_thenOnlyTheirFamiliesAreFound() {
        assertThat(Text.triggers("Let's START over.", 100)).isEqualTo(Text.RESET_WORDS);
        assertThat(Text.triggers("That figure is made up", 100)).isEqualTo(Text.CRITICISM_WORDS);
        assertThat(Text.triggers("Probably 42", 100)).isEqualTo(Text.HEDGE_WORDS);
        assertThat(Text.triggers("Nothing turned up", 100)).isEqualTo(Text.GIVE_UP_WORDS);
        assertThat(Text.triggers("Restart: can we?", 100))
                .isEqualTo(Text.RESET_WORDS | Text.CRITICISM_WORDS | Text.GIVE_UP_WORDS);
        assertThat(Text.triggers("xstart", 100)).isZero();
        assertThat(Text.triggers("Here it is. Let's start over", 12)).isZero();
    }

    @Test
    void givenTrailingWhiteSpace_whenAskingForAQuestionMark_thenItIsIgnoredAsStripTrailingDoes() {
        String[] texts = {"", " ", "?", "Is it?", "Is it?  \n\t", "Is it? Yes.", "?\u2003", "why?\u00A0", "a?\u0001",
            "No ?x", "\n?\n"};
        for (String text : texts) {
            assertThat(Text.endsWithQuestionMark(text)).as(text).isEqualTo(text.stripTrailing().endsWith("?"));
        }
    }

    @Test
    void givenManyTexts_whenReadingFactTokens_thenTheyAreThoseOfTheTokenByTokenDefinition() {
        // given
        Random random = new Random(5);
        String[] pieces = {"The", "revenue", "was", "$4.2M", "in", "Q3", "2024", "per", "McKinsey", "(", ")", "\"",
            "İstanbul", "ΣΟΦΙΑ", "Émile", "0", "1", "7", "TERMINATE", "FINAL", "ANSWER", "iPhone", "ok.", "-Berlin-",
            "'quoted'", "50%", "v1.2.3", "snake_Case", "AND", "The", "\n", ". ", "? ", "*Bold*", "x"};
        for (int t = 0; t < 20_000; t++) {
            String candidate = randomText(random, pieces, 20);

            // when / then
            assertThat(Text.factTokens(candidate)).as(candidate).containsExactlyElementsOf(referenceFacts(candidate));
        }
    }

    /** Fact tokens as first defined: each word cut out, trimmed, tested and lower-cased as a string. */
    private static java.util.Set<String> referenceFacts(String text) {
        java.util.Set<String> facts = new java.util.LinkedHashSet<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean word = i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_.%$'".indexOf(text.charAt(i)) >= 0);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                String token = text.substring(start, i);
                int from = 0;
                int to = token.length();
                while (from < to && !Character.isLetterOrDigit(token.charAt(from)) && token.charAt(from) != '$') {
                    from++;
                }
                while (to > from && !Character.isLetterOrDigit(token.charAt(to - 1)) && token.charAt(to - 1) != '%') {
                    to--;
                }
                token = token.substring(from, to);
                if (isReferenceFact(token, start == 0 || referenceSentenceStart(text, start))) {
                    facts.add(token.toLowerCase(Locale.ROOT));
                }
                start = -1;
            }
        }
        return facts;
    }

    private static boolean isReferenceFact(String token, boolean sentenceStart) {
        if (token.isEmpty()) {
            return false;
        }
        boolean digit = token.chars().anyMatch(Character::isDigit);
        boolean innerUpper = token.length() > 1 && token.substring(1).chars().anyMatch(Character::isUpperCase);
        if (digit) {
            return token.length() >= 2 || !token.equals("0") && !token.equals("1");
        }
        if (token.equals("TERMINATE") || token.equals("FINAL") || token.equals("ANSWER")) {
            return false;
        }
        boolean capitalized = Character.isUpperCase(token.charAt(0)) && !sentenceStart;
        return token.length() >= 3 && (innerUpper || capitalized)
                && !java.util.List.of("the", "and").contains(token.toLowerCase(Locale.ROOT));
    }

    private static boolean referenceSentenceStart(String text, int index) {
        for (int i = index - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '*' && c != '-' && c != '(') {
                return c == '.' || c == '!' || c == '?' || c == '\n';
            }
            if (c == '\n') {
                return true;
            }
        }
        return true;
    }

    /** Up to {@code maxPieces - 1} random pieces, each followed by a space or not. */
    private static String randomText(Random random, String[] pieces, int maxPieces) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxPieces);
        for (int w = 0; w < length; w++) {
            text.append(pieces[random.nextInt(pieces.length)]);
            if (random.nextBoolean()) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    private static long[] stopwords() {
        return Text.STOPWORD_HASHES;
    }

    private static long hashOf(String word) {
        long hash = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            hash = (hash ^ (c >= 'A' && c <= 'Z' ? c + 32 : c < 128 ? c : Character.toLowerCase(c))) * 0x100000001B3L;
        }
        return hash;
    }

    private static long wordHash(String text, int from, int to) {
        return hashOf(text.substring(from, to));
    }

    private static boolean isHashedWordChar(String text, int i, int end) {
        char c = text.charAt(i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '%' || c == '$'
                || (c >= 128 && Character.isLetterOrDigit(c))) {
            return true;
        }
        return (c == '.' || c == ',') && i > 0 && i + 1 < end && Character.isDigit(text.charAt(i - 1))
                && Character.isDigit(text.charAt(i + 1));
    }

    /** The word-by-word definition: each word found, then hashed. */
    static long[] referenceWordHashes(String text, int limit) {
        int end = Math.min(limit, text.length());
        long[] hashes = new long[16];
        int size = 0;
        int start = -1;
        for (int i = 0; i <= end; i++) {
            boolean word = i < end && isHashedWordChar(text, i, end);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                int length = i - start;
                if (length >= 3) {
                    int to = i;
                    char last = text.charAt(i - 1);
                    char before = text.charAt(i - 2);
                    if (length > 4 && (last == 's' || last == 'S') && before != 's' && before != 'S') {
                        to--;
                    }
                    long hash = wordHash(text, start, to);
                    if (java.util.Arrays.binarySearch(stopwords(), hash) < 0) {
                        if (size == hashes.length) {
                            hashes = java.util.Arrays.copyOf(hashes, size * 2);
                        }
                        hashes[size++] = hash;
                    }
                }
                start = -1;
            }
        }
        return Text.sortedDistinct(hashes, size);
    }
}
