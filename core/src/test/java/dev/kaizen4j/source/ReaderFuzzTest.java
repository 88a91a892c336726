package dev.kaizen4j.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.model.Conversation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random mutations of each format's fixtures: every mutated input gives tasks or problems (or is still
 * valid JSON that simply holds no task), and no reader ever throws.
 */
class ReaderFuzzTest {

    private static final int MUTATIONS = 100;
    private static final byte[] SPECIAL = "{}[]\",:\\\n 0-9aeEtrufnl\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    static Stream<Arguments> readers() {
        Function<Path, ConversationSource> jsonl = path -> JsonlConversationSource.builder(path).parallelism(1).build();
        Function<Path, ConversationSource> otlp = OtlpConversationSource::of;
        Function<Path, ConversationSource> ag2 = Ag2ConversationSource::of;
        return Stream.of(
                Arguments.of("jsonl/product-team.jsonl", ".jsonl", jsonl),
                Arguments.of("otlp/genai-current.jsonl", ".jsonl", otlp),
                Arguments.of("otlp/genai-older.json", ".json", otlp),
                Arguments.of("otlp/openinference.jsonl", ".jsonl", otlp),
                Arguments.of("ag2/library-team.json", ".json", ag2),
                Arguments.of("ag2/math-team.json", ".json", ag2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void mutatedInputNeverThrowsAndYieldsTasksOrProblems(String fixture, String suffix,
            Function<Path, ConversationSource> reader) throws IOException, URISyntaxException {
        byte[] original = Files.readAllBytes(Path.of(getClass().getResource("/formats/" + fixture).toURI()));
        Random random = new Random(fixture.hashCode());
        for (int round = 0; round < MUTATIONS; round++) {
            byte[] mutated = mutate(original, random);
            Path file = directory.resolve("fuzz-" + round + suffix);
            Files.write(file, mutated);
            List<SourceProblem> problems = new ArrayList<>();
            List<Conversation> tasks;
            try (Stream<Conversation> stream = reader.apply(file).conversations(ConversationQuery.all(),
                    SourceProblemListener.collectingInto(problems))) {
                tasks = stream.toList();
            } catch (RuntimeException thrown) {
                throw new AssertionError("round " + round + " of " + fixture + " threw " + thrown
                        + " on input:\n" + new String(mutated, java.nio.charset.StandardCharsets.UTF_8), thrown);
            }
            for (Conversation task : tasks) {
                assertThat(task.events()).allSatisfy(event -> assertThat(event.taskId()).isEqualTo(task.taskId()));
            }
            for (SourceProblem problem : problems) {
                assertThat(problem.location()).isEqualTo(file.toString());
                assertThat(problem.message()).isNotBlank();
            }
            if (tasks.isEmpty() && problems.isEmpty()) {
                assertThat(isJson(mutated)).as("round %d of %s: neither task nor problem from invalid JSON", round,
                        fixture).isTrue();
            }
            Files.delete(file);
        }
    }

    private static boolean isJson(byte[] bytes) {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
            return true;
        } catch (IOException invalid) {
            return false;
        }
    }

    private static byte[] mutate(byte[] input, Random random) {
        byte[] bytes = input;
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(Math.max(1, bytes.length));
            switch (random.nextInt(6)) {
                case 0 -> bytes = splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(40)), new byte[0]);
                case 1 -> bytes = splice(bytes, at, 0, new byte[] {SPECIAL[random.nextInt(SPECIAL.length)]});
                case 2 -> {
                    if (bytes.length > 0) {
                        bytes = bytes.clone();
                        bytes[at] = SPECIAL[random.nextInt(SPECIAL.length)];
                    }
                }
                case 3 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 4 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(200));
                    bytes = splice(bytes, random.nextInt(Math.max(1, bytes.length)), 0,
                            java.util.Arrays.copyOfRange(bytes, at, at + length));
                }
                default -> {
                    byte[] noise = new byte[1 + random.nextInt(8)];
                    random.nextBytes(noise);
                    bytes = splice(bytes, at, 0, noise);
                }
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        int start = Math.min(at, bytes.length);
        int end = Math.min(bytes.length, start + remove);
        byte[] result = new byte[bytes.length - (end - start) + insert.length];
        System.arraycopy(bytes, 0, result, 0, start);
        System.arraycopy(insert, 0, result, start, insert.length);
        System.arraycopy(bytes, end, result, start + insert.length, bytes.length - end);
        return result;
    }
}
