package dev.kaizen4j.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Recall and false-positive rate of {@link Redactor#defaults()} on a corpus of generated secrets in
 * their providers' formats and of harmless look-alikes (git output, UUIDs, base64 images, checksums,
 * Java code, prose, URLs, versions). The corpus comes from {@code redaction/generate_corpus.py}.
 */
class RedactionCorpusTest {

    static final double MIN_RECALL = 0.98;
    static final double MAX_FALSE_POSITIVE_RATE = 0.02;

    private final Redactor redactor = Redactor.defaults();

    @Test
    void givenTheCorpus_whenRedacted_thenRecallAndFalsePositiveRateMeetTheirThresholds() throws IOException {
        List<String[]> secrets = lines("secrets.tsv").stream().map(line -> line.split("\t")).toList();
        List<String> lookAlikes = lines("lookalikes.txt");
        Set<String> kinds = new TreeSet<>();
        List<String> missed = new ArrayList<>();
        for (String[] row : secrets) {
            kinds.add(row[0]);
            String text = unescape(row[1]);
            String secret = unescape(row[2]);
            assertThat(text).as("corpus row of %s", row[0]).contains(secret);
            if (redactor.redact(text).contains(secret) || redactor.redact(text).equals(text)) {
                missed.add(row[0]);
            }
        }
        List<String> falsePositives = new ArrayList<>();
        for (String line : lookAlikes) {
            String text = unescape(line);
            String redacted = redactor.redact(text);
            if (!redacted.equals(text)) {
                falsePositives.add(redacted);
            }
        }
        double recall = 1 - (double) missed.size() / secrets.size();
        double falsePositiveRate = (double) falsePositives.size() / lookAlikes.size();
        System.out.printf(Locale.ROOT, "Redaction corpus: %d secrets of %d kinds, recall %.1f%% (%d missed: %s);"
                        + " %d look-alikes, false positives %.1f%% (%d: %s)%n",
                secrets.size(), kinds.size(), recall * 100, missed.size(), missed, lookAlikes.size(),
                falsePositiveRate * 100, falsePositives.size(), falsePositives);

        assertThat(kinds).hasSizeGreaterThanOrEqualTo(40);
        assertThat(lookAlikes).hasSizeGreaterThanOrEqualTo(200);
        assertThat(recall).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(falsePositiveRate).isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
    }

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(RedactionCorpusTest.class.getResourceAsStream("/redaction/" + name),
                name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        }
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n");
    }
}
