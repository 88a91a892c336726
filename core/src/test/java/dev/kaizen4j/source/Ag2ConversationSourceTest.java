package dev.kaizen4j.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ag2ConversationSourceTest {

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(Ag2ConversationSourceTest.class.getResource("/formats/ag2/" + name).toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static List<Conversation> read(ConversationSource source, List<SourceProblem> problems) {
        try (Stream<Conversation> tasks = source.conversations(ConversationQuery.all(),
                SourceProblemListener.collectingInto(problems))) {
            return tasks.toList();
        }
    }

    @Test
    void namesAgentsFromRolesWithoutTheirSuffixAndHandOffsFromTheArrow() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Conversation> tasks = read(Ag2ConversationSource.of(fixture("library-team.json")), problems);

        assertThat(problems).isEmpty();
        Conversation task = tasks.get(0);
        assertThat(task.teamName()).isEqualTo("library-team");
        assertThat(task.taskId()).isEqualTo("library-1");
        assertThat(task.outcome()).isEqualTo(TaskOutcome.FAILURE);
        assertThat(task.events()).extracting(ConversationEvent::agentName, ConversationEvent::type,
                        ConversationEvent::toAgent)
                .containsExactly(
                        tuple("human", MessageType.TASK_ASSIGNMENT, null),
                        tuple("Orchestrator", MessageType.UPDATE, null),
                        tuple("Orchestrator", MessageType.DELEGATION, "WebSurfer"),
                        tuple("WebSurfer", MessageType.UPDATE, null),
                        tuple("Orchestrator", MessageType.DELEGATION, "Coder"),
                        tuple("Coder", MessageType.UPDATE, null),
                        tuple("ComputerTerminal", MessageType.TOOL_RESULT, null),
                        tuple("Orchestrator", MessageType.UPDATE, null),
                        tuple("system", MessageType.TASK_FAILED, null));
        assertThat(task.events().get(1).metadataString("aside")).contains("thought");
        assertThat(task.events().get(6).error()).contains("exitcode: 1 (execution failed)");
        assertThat(task.agents()).containsExactly("Orchestrator", "WebSurfer", "Coder");
        assertThat(task.start()).isEqualTo(Instant.parse("2025-06-10T09:00:00Z"));
        assertThat(task.events().get(3).timestamp()).isEqualTo(Instant.parse("2025-06-10T09:00:03Z"));
    }

    @Test
    void readsAnArrayOfTasksWithToolCallsAndAHostNamedOutcomeField() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Conversation> tasks = read(Ag2ConversationSource.builder(fixture("math-team.json"))
                .team("math").outcomeField("is_correct").build(), problems);

        assertThat(tasks).extracting(Conversation::taskId, Conversation::teamName, Conversation::outcome)
                .containsExactly(tuple("math-1", "math", TaskOutcome.SUCCESS), tuple("math-2", "math", TaskOutcome.FAILURE));
        assertThat(tasks.get(0).events()).extracting(ConversationEvent::agentName, ConversationEvent::type,
                        ConversationEvent::toAgent)
                .startsWith(tuple("user_proxy", MessageType.TASK_ASSIGNMENT, null),
                        tuple("solver", MessageType.TOOL_CALL, null),
                        tuple("python", MessageType.TOOL_RESULT, "solver"));
        assertThat(tasks.get(0).events().get(1).tool()).contains("python");
        assertThat(tasks.get(0).events().get(2).metadataString("tool_call_id")).contains("call_a");
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.location()).endsWith("math-team.json");
            assertThat(problem.line()).isGreaterThan(1);
            assertThat(problem.message()).contains("no 'messages', 'chat_history' or 'history' array");
        });
    }

    @Test
    void withoutAnOutcomeFieldTheOutcomeIsUnknownAndTimesComeFromTheFile() throws IOException {
        Path file = dir.resolve("chat.json");
        Files.writeString(file, "[{\"content\":\"hi\",\"role\":\"user\"},{\"content\":\"hello\",\"name\":\"bot\"}]");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));

        List<Conversation> tasks = read(Ag2ConversationSource.of(file), new ArrayList<>());

        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.taskId()).isEqualTo("chat");
            assertThat(task.teamName()).isEqualTo("chat");
            assertThat(task.outcome()).isEqualTo(TaskOutcome.UNKNOWN);
            assertThat(task.start()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(task.events()).extracting(ConversationEvent::agentName).containsExactly("user", "bot");
        });
    }

    @Test
    void aSyntaxErrorIsReportedWithLineColumnAndByteAndOtherFilesAreStillRead() throws IOException {
        Files.writeString(dir.resolve("a-broken.json"), "[{\"content\":\"hi\",\"role\":\"user\"},\n{\"content\": oops}]");
        Files.copy(fixture("library-team.json"), dir.resolve("b-library.json"));
        List<SourceProblem> problems = new ArrayList<>();

        List<Conversation> tasks = read(Ag2ConversationSource.of(dir), problems);

        assertThat(tasks).extracting(Conversation::taskId).containsExactly("library-1");
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.location()).endsWith("a-broken.json");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).startsWith("invalid JSON").contains("column").contains("byte");
        });
    }

    @Test
    void aMessageThatIsNotAnObjectIsSkippedAndTheRestOfTheTaskKept() throws IOException {
        Path file = dir.resolve("team.jsonl");
        Files.writeString(file, "{\"id\":\"t1\",\"messages\":[{\"content\":\"go\",\"role\":\"user\"},42,"
                + "{\"content\":\"done\",\"name\":\"worker\"}],\"outcome\":\"success\"}\n"
                + "{\"id\":\"t2\",\"messages\":[{\"content\":\"again\",\"role\":\"user\"}]}\n");
        List<SourceProblem> problems = new ArrayList<>();

        List<Conversation> tasks = read(Ag2ConversationSource.of(file), problems);

        assertThat(tasks).extracting(Conversation::taskId).containsExactly("t1", "t2");
        assertThat(tasks.get(0).events()).extracting(ConversationEvent::agentName)
                .containsExactly("user", "worker", "system");
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).contains("message 2 is not a JSON object");
        });
    }
}
