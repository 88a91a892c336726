package dev.kaizen4j.source.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.ConversationEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkedEventReaderTest {

    @TempDir
    Path dir;

    private static String event(int i) {
        return "{\"timestamp\":\"2025-06-01T08:00:0" + (i % 10) + "Z\",\"team_name\":\"t\",\"task_id\":\"T-" + i
                + "\",\"agent_name\":\"a\",\"message\":\"m " + i + "\",\"message_type\":\"update\","
                + "\"metadata\":{\"k\":" + i + ",\"k\":null,\"s\":\"x\",\"n\":{\"deep\":[1,2]}}}";
    }

    @Test
    void givenAwkwardLinesAmongValidOnes_whenReadByChunks_thenEachLineIsJudgedAsIfParsedAlone() throws IOException {
        // given
        List<String> lines = List.of(
                event(1),
                "   " + event(2) + " \t",
                "",
                "  \t ",
                "{\"timestamp\":\"2025-06-01T08:00:00Z\",",
                "\"task_id\":\"T-9\",\"agent_name\":\"a\"}",
                event(3) + event(4),
                event(5) + " x",
                "[1,2]",
                "{\"timestamp\":\"2025-06-01T08:00:00Z\",\"task_id\":\"T-9\"}",
                "{\"broken\": ",
                event(6) + "\r",
                "{\"timestamp\":\"soon\",\"task_id\":\"T-9\",\"agent_name\":\"a\"}",
                "42",
                event(7));
        Path file = dir.resolve("log.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        EventLineParser alone = new EventLineParser(Json.plain());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).endsWith("\r") ? lines.get(i).substring(0, lines.get(i).length() - 1)
                    : lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                expected.add(i + " " + alone.parse(line, null));
            } catch (MalformedLineException malformed) {
                expected.add(i + " problem " + malformed.getMessage());
            }
        }

        // when
        List<String> actual = new ArrayList<>();
        try (ChunkedEventReader reader = new ChunkedEventReader(List.of(file), null, event -> true, 1,
                ChunkedEventReader.DEFAULT_CHUNK_BYTES)) {
            for (ChunkedEventReader.Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                List<ConversationEvent> events = chunk.events();
                for (int i = 0; i < events.size(); i++) {
                    actual.add(chunk.eventLines()[i] + " " + events.get(i));
                }
                chunk.problems().forEach(problem -> actual.add(problem.line() + " problem " + problem.message()));
            }
        }

        // then
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual).filteredOn(text -> text.contains("problem")).hasSize(9);
    }

    @Test
    void givenBytesWithNewlinesAnywhere_whenSearched_thenTheFirstNewlineInRangeIsFound() {
        // given
        java.util.Random random = new java.util.Random(3);
        for (int t = 0; t < 2_000; t++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(8) == 0 ? '\n' : random.nextInt(256));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            int expected = from;
            while (expected < to && bytes[expected] != '\n') {
                expected++;
            }

            // when / then
            assertThat(ChunkedEventReader.newline(bytes, from, to)).isEqualTo(expected);
        }
    }

    @Test
    void givenStringsWithEscapesUnicodeAndControlCharacters_whenReadByChunks_thenEveryValueReadsAsParsedAlone()
            throws IOException {
        // given: the same names plain and escaped, text that is not ASCII, an unescaped control character
        List<String> lines = List.of(
                line("writer", "T-1", "plain text"),
                line("wri\\u0074er", "T-\\u0031", "a \\\"quoted\\\" word\\nand a new line"),
                line("writer", "T-1", "caf\u00e9 na\u00efve \u2014 \ud83d\ude80"),
                line("r\u00e9dacteur", "T-\u00e9", "back to plain"),
                line("r\u00e9dacteur", "T-\u00e9", "tab\tinside"),
                line("writer", "T-2", "ends with a backslash \\\\"),
                line("writer", "T-2", ""));
        Path file = dir.resolve("strings.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        EventLineParser alone = new EventLineParser(Json.plain());
        List<String> expected = new ArrayList<>();
        for (String line : lines) {
            try {
                expected.add(alone.parse(line, null).toString());
            } catch (MalformedLineException malformed) {
                expected.add("problem " + malformed.getMessage());
            }
        }

        // when
        List<String> actual = new ArrayList<>();
        try (ChunkedEventReader reader = new ChunkedEventReader(List.of(file), null, event -> true, 1,
                ChunkedEventReader.DEFAULT_CHUNK_BYTES)) {
            for (ChunkedEventReader.Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                chunk.events().forEach(event -> actual.add(event.toString()));
                chunk.problems().forEach(problem -> actual.add("problem " + problem.message()));
            }
        }

        // then
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual).filteredOn(text -> text.startsWith("problem")).hasSize(1);
        assertThat(actual).anyMatch(text -> text.contains("caf\u00e9 na\u00efve \u2014 \ud83d\ude80"));
        assertThat(actual).anyMatch(text -> text.contains("a \"quoted\" word\nand a new line"));
    }

    private static String line(String agent, String task, String message) {
        return "{\"timestamp\":\"2025-06-01T08:00:00Z\",\"team_name\":\"t\",\"task_id\":\"" + task
                + "\",\"agent_name\":\"" + agent + "\",\"message\":\"" + message + "\",\"message_type\":\"update\","
                + "\"metadata\":{\"tool\":\"" + agent + "\"}}";
    }

    @Test
    void givenRandomBytes_whenSearchedForTheEndOfAPlainString_thenTheFirstQuoteBackslashControlOrNonAsciiByteIsFound() {
        // given
        java.util.Random random = new java.util.Random(5);
        byte[] special = {'"', '\\', '\n', 0, 0x1f, (byte) 0x80, (byte) 0xff, (byte) 0xc3};
        for (int t = 0; t < 5_000; t++) {
            byte[] bytes = new byte[random.nextInt(48)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(10) == 0 ? special[random.nextInt(special.length)]
                        : (byte) (0x20 + random.nextInt(0x60));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            int expected = from;
            while (expected < to && bytes[expected] != '"' && bytes[expected] != '\\' && bytes[expected] >= 0x20) {
                expected++;
            }

            // when / then
            assertThat(EventLineParser.specialByte(bytes, from, to)).isEqualTo(expected);
        }
    }
}
