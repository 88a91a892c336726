package dev.kaizen4j.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.model.Conversation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounds on unfinished work held while reading: a clear error instead of running out of memory. */
class JsonlConversationSourceLimitsTest {

    @TempDir
    Path dir;

    private static String line(String task, String type, String message) {
        return "{\"timestamp\":\"2025-06-10T09:00:00\",\"team_name\":\"team-a\",\"task_id\":\"" + task
                + "\",\"agent_name\":\"writer\",\"message\":\"" + message + "\",\"message_type\":\"" + type + "\"}";
    }

    private Path write(List<String> lines) throws IOException {
        Path file = dir.resolve("log.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static long count(JsonlConversationSource source) {
        try (Stream<Conversation> tasks = source.conversations(ConversationQuery.all())) {
            return tasks.count();
        }
    }

    @Test
    void givenMoreTasksOpenAtOnceThanTheLimit_whenRead_thenTheErrorNamesTheLimitAndTheLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(line("T" + i, "task_started", "start " + i));
        }
        Path file = write(lines);

        assertThatThrownBy(() -> count(JsonlConversationSource.builder(file).maxOpenTasks(10).build()))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("more than 10 unfinished tasks")
                .hasMessageContaining("line 11 of " + file)
                .hasMessageContaining("maxOpenTasks");
    }

    @Test
    void givenOneTaskWithMoreEventsThanTheLimit_whenRead_thenTheErrorNamesTheEventLimit() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(line("T1", "task_started", "start"));
        for (int i = 0; i < 20; i++) {
            lines.add(line("T1", "update", "step " + i));
        }
        Path file = write(lines);

        assertThatThrownBy(() -> count(JsonlConversationSource.builder(file).maxOpenEvents(8).parallelism(1).build()))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("more than 8 events of unfinished tasks")
                .hasMessageContaining("line 9 of ")
                .hasMessageContaining("maxOpenEvents");
    }

    @Test
    void givenTasksFinishingOneAfterAnother_whenReadWithSmallLimits_thenEmittedTasksFreeTheirShare() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add(line("T" + i, "task_started", "start " + i));
            lines.add(line("T" + i, "update", "draft " + i));
            lines.add(line("T" + i, "task_completion", "done " + i));
        }
        Path file = write(lines);

        long tasks = count(JsonlConversationSource.builder(file).lingerLines(0).maxOpenTasks(2).maxOpenEvents(6)
                .chunkBytes(4096).build());

        assertThat(tasks).isEqualTo(1000);
    }

    @Test
    void givenANonPositiveLimit_whenBuilt_thenTheSettingIsNamed() {
        assertThatThrownBy(() -> JsonlConversationSource.builder(dir).maxOpenTasks(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOpenTasks");
        assertThatThrownBy(() -> JsonlConversationSource.builder(dir).maxOpenEvents(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOpenEvents");
    }
}
