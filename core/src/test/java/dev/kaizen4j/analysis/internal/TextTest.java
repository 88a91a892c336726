package dev.kaizen4j.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            for (int w = 0; w < length; w++) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextBoolean()) {
                    text.append(' ');
                }
            }
            String candidate = text.toString();
            int limit = random.nextInt(60);

            // when / then
            assertThat(Text.wordHashes(candidate, limit)).as(candidate).containsExactly(
                    referenceWordHashes(candidate, limit));
        }
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
