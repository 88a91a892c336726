package dev.kaizen4j.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import dev.kaizen4j.model.TimeWindow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonlConversationSourceTest {

    @TempDir
    Path dir;

    private static String line(String time, String team, String task, String agent, String type, String message,
            String metadata) {
        return "{\"timestamp\":\"" + time + "\",\"team_name\":\"" + team + "\",\"task_id\":\"" + task
                + "\",\"agent_name\":\"" + agent + "\",\"message\":\"" + message + "\",\"message_type\":\"" + type
                + "\",\"metadata\":{" + metadata + "}}";
    }

    private static String line(String time, String task, String agent, String type, String message) {
        return line(time, "team-a", task, agent, type, message, "");
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static List<Conversation> read(ConversationSource source, ConversationQuery query,
            List<SourceProblem> problems) {
        try (Stream<Conversation> tasks = source.conversations(query, SourceProblemListener.collectingInto(problems))) {
            return tasks.toList();
        }
    }

    private static List<Conversation> read(ConversationSource source) {
        return read(source, ConversationQuery.all(), new ArrayList<>());
    }

    @Test
    void givenInterleavedTasks_whenRead_thenEachTaskHoldsItsOwnEventsInLogOrder() throws IOException {
        Path file = write("log.jsonl",
                line("2025-06-10T09:00:00", "T1", "system", "task_started", "start one"),
                line("2025-06-10T09:00:01", "T2", "system", "task_started", "start two"),
                line("2025-06-10T09:00:02", "T1", "writer", "update", "draft one"),
                line("2025-06-10T09:00:03", "T2", "writer", "update", "draft two"),
                line("2025-06-10T09:00:04", "T2", "manager", "task_completion", "done two"),
                line("2025-06-10T09:00:05", "T1", "system", "task_failed", "failed one"));

        List<Conversation> tasks = read(JsonlConversationSource.builder(file).lingerLines(0).build());

        assertThat(tasks).extracting(Conversation::taskId).containsExactly("T2", "T1");
        Conversation one = tasks.get(1);
        assertThat(one.events()).extracting(ConversationEvent::message)
                .containsExactly("start one", "draft one", "failed one");
        assertThat(one.outcome()).isEqualTo(TaskOutcome.FAILURE);
        assertThat(tasks.get(0).outcome()).isEqualTo(TaskOutcome.SUCCESS);
    }

    @Test
    void givenFeedbackAfterTheOutcome_whenReadWithLinger_thenItStaysWithItsTask() throws IOException {
        Path file = write("log.jsonl",
                line("2025-06-10T09:00:00", "T1", "writer", "update", "draft"),
                line("2025-06-10T09:00:01", "T1", "manager", "task_completion", "approved"),
                line("2025-06-10T09:00:02", "T2", "writer", "update", "other"),
                line("2025-06-10T09:00:03", "T1", "user", "feedback", "late feedback"));

        List<Conversation> tasks = read(JsonlConversationSource.of(file));

        assertThat(tasks).filteredOn(task -> task.taskId().equals("T1")).singleElement()
                .satisfies(task -> assertThat(task.events()).hasSize(3));
    }

    @Test
    void givenAMalformedLine_whenRead_thenItIsSkippedAndReportedWithFileAndLine() throws IOException {
        Path file = write("log.jsonl",
                line("2025-06-10T09:00:00", "T1", "writer", "update", "fine"),
                "{not json",
                "",
                "{\"timestamp\":\"2025-06-10T09:00:01\",\"task_id\":\"T1\",\"message\":\"no agent\"}",
                line("yesterday", "T1", "writer", "update", "bad time"),
                line("2025-06-10T09:00:02", "T1", "manager", "task_completion", "done"));
        List<SourceProblem> problems = new ArrayList<>();

        List<Conversation> tasks = read(JsonlConversationSource.of(file), ConversationQuery.all(), problems);

        assertThat(tasks).singleElement().satisfies(task -> assertThat(task.events()).hasSize(2));
        assertThat(problems).extracting(SourceProblem::line).containsExactly(2L, 4L, 5L);
        assertThat(problems).allSatisfy(problem -> assertThat(problem.location()).isEqualTo(file.toString()));
        assertThat(problems.get(1).message()).contains("agent_name");
        assertThat(problems.get(2).message()).contains("timestamp");
        assertThat(problems.get(0).toString()).startsWith(file + ":2: ");
    }

    @Test
    void givenADirectoryWithRotatedAndGzippedLogs_whenRead_thenAllLogFilesAreReadInPathOrder() throws IOException {
        write("2025-06-10.jsonl",
                line("2025-06-10T09:00:00", "T1", "writer", "update", "first file"),
                line("2025-06-10T09:00:01", "T1", "manager", "task_completion", "done"));
        Path gz = dir.resolve("2025-06-11.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((line("2025-06-11T09:00:00", "T2", "writer", "update", "gzipped") + "\n"
                    + "{broken\n").getBytes(StandardCharsets.UTF_8));
        }
        write("nested/2025-06-12.ndjson", line("2025-06-12T09:00:00", "T3", "writer", "update", "nested"));
        write("notes.txt", "not a log");
        List<SourceProblem> problems = new ArrayList<>();

        JsonlConversationSource source = JsonlConversationSource.of(dir);
        List<Conversation> tasks = read(source, ConversationQuery.all(), problems);

        assertThat(source.files()).extracting(path -> path.getFileName().toString())
                .containsExactly("2025-06-10.jsonl", "2025-06-11.jsonl.gz", "2025-06-12.ndjson");
        assertThat(tasks).extracting(Conversation::taskId).containsExactly("T1", "T2", "T3");
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.location()).endsWith("2025-06-11.jsonl.gz");
            assertThat(problem.line()).isEqualTo(2);
        });
    }

    @Test
    void givenSeveralTeamsAndDays_whenQueriedByTeamAndWindow_thenOnlyMatchingTasksAreReturned() throws IOException {
        Path file = write("log.jsonl",
                line("2025-06-10T09:00:00", "team-a", "A1", "writer", "update", "a on day one", ""),
                line("2025-06-10T09:00:01", "team-b", "B1", "writer", "update", "b on day one", ""),
                line("2025-06-11T09:00:00", "team-a", "A2", "writer", "update", "a on day two", ""),
                line("2025-06-11T23:59:59", "team-a", "A1", "writer", "update", "late event of A1", ""));
        ConversationQuery query = ConversationQuery.team("team-a").within(
                TimeWindow.between(Instant.parse("2025-06-10T00:00:00Z"), Instant.parse("2025-06-11T00:00:00Z")));

        List<Conversation> tasks = read(JsonlConversationSource.of(file), query, new ArrayList<>());

        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.taskId()).isEqualTo("A1");
            assertThat(task.teamName()).isEqualTo("team-a");
            assertThat(task.events()).hasSize(2);
        });
    }

    @Test
    void givenLinesWithoutTeamAndWithOffsets_whenRead_thenTheQueryTeamAndUtcInstantsAreUsed() throws IOException {
        Path file = write("log.jsonl",
                "{\"timestamp\":\"2025-06-10T11:00:00.250+02:00\",\"task_id\":\"T1\",\"agent_name\":\"writer\","
                        + "\"message\":\"hi\",\"message_type\":\"Tool-Call\",\"metadata\":{\"tool\":\"search\","
                        + "\"tokens\":12,\"nested\":{\"a\":[1,2]},\"gone\":null}}",
                "{\"timestamp\":\"2025-06-10 09:00:01\",\"task_id\":\"T1\",\"agent_name\":\"writer\","
                        + "\"message\":\"there\",\"message_type\":\"something_new\"}");

        List<Conversation> tasks = read(JsonlConversationSource.of(file), ConversationQuery.team("team-x"),
                new ArrayList<>());

        List<ConversationEvent> events = tasks.get(0).events();
        assertThat(events.get(0).teamName()).isEqualTo("team-x");
        assertThat(events.get(0).timestamp()).isEqualTo(Instant.parse("2025-06-10T09:00:00.250Z"));
        assertThat(events.get(0).type()).isEqualTo(MessageType.TOOL_CALL);
        assertThat(events.get(0).tokens()).hasValue(12);
        assertThat(events.get(0).metadata()).containsKey("nested").doesNotContainKey("gone");
        assertThat(events.get(1).timestamp()).isEqualTo(Instant.parse("2025-06-10T09:00:01Z"));
        assertThat(events.get(1).type()).isEqualTo(MessageType.UPDATE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void givenALogLargerThanManyChunks_whenReadWithAnyParallelism_thenTheResultIsTheSameAsSequential(int threads)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int task = i % 37;
            String type = i >= 2900 && i - 2900 < 37 ? "task_completion" : "update";
            lines.add(line("2025-06-10T09:00:00." + String.format("%06d", i), "T" + task, "agent" + (i % 3), type,
                    "message " + i + " " + "x".repeat(i % 200)));
            if (i % 500 == 7) {
                lines.add("{broken line " + i);
            }
        }
        lines.add(line("2025-06-10T10:00:00", "LONG", "writer", "update", "y".repeat(5000)));
        Path file = write("big.jsonl", lines.toArray(String[]::new));
        List<SourceProblem> sequentialProblems = new ArrayList<>();
        List<SourceProblem> parallelProblems = new ArrayList<>();

        List<Conversation> sequential = read(JsonlConversationSource.builder(file).parallelism(1).chunkBytes(4096)
                .build(), ConversationQuery.all(), sequentialProblems);
        List<Conversation> parallel = read(JsonlConversationSource.builder(file).parallelism(threads).chunkBytes(4096)
                .build(), ConversationQuery.all(), parallelProblems);

        assertThat(parallel).isEqualTo(sequential);
        assertThat(parallel).hasSize(38);
        assertThat(parallel.stream().mapToInt(task -> task.events().size()).sum()).isEqualTo(3001);
        assertThat(parallelProblems).isEqualTo(sequentialProblems).hasSize(6);
        List<Long> expectedLines = IntStream.range(0, 3000).filter(i -> i % 500 == 7)
                .mapToObj(i -> (long) (i + 2 + i / 500)).collect(Collectors.toList());
        assertThat(parallelProblems).extracting(SourceProblem::line).containsExactlyElementsOf(expectedLines);
    }

    @Test
    void givenAStreamClosedEarly_whenReadInParallel_thenReadingStopsWithoutError() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            lines.add(line("2025-06-10T09:00:00", "T" + i, "writer", "task_completion", "done " + i));
        }
        Path file = write("many.jsonl", lines.toArray(String[]::new));

        try (Stream<Conversation> tasks = JsonlConversationSource.builder(file).parallelism(2).chunkBytes(2048)
                .lingerLines(0).build().conversations(ConversationQuery.all())) {
            assertThat(tasks.limit(3)).hasSize(3);
        }
    }

    @Test
    void givenAMissingPathOrAnEmptyDirectory_whenRead_thenInvalidInputIsThrown() {
        assertThatThrownBy(() -> JsonlConversationSource.of(dir.resolve("nope")).conversations(ConversationQuery.all()))
                .isInstanceOf(KaizenException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> JsonlConversationSource.of(dir).conversations(ConversationQuery.all()))
                .isInstanceOf(KaizenException.class).hasMessageContaining("no .jsonl");
    }
}
