package dev.kaizen4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptVersionedEventLogTest {

    @TempDir
    Path directory;

    @Test
    void givenLoggedEvents_thenTheSourceReadsThemWithTheSpeakersPromptVersion() throws IOException {
        Path spec = Files.writeString(directory.resolve("team.yaml"), TeamPromptsTest.SPEC);
        TeamPrompts prompts = TeamPrompts.fromFile(spec);
        Path file = directory.resolve("logs/demo.jsonl");

        try (PromptVersionedEventLog events = PromptVersionedEventLog.open(file, "demo", prompts,
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC))) {
            events.log("T1", "writer", "proposal", "Draft \"one\"\nwith a line break", "editor", Map.of("tokens", 120));
            events.log("T1", "editor", "agreement", "Looks good", null, Map.of("prompt_version", "forged"));
            events.log("T1", "system", "task_completion", "done", null, Map.of("outcome", "success"));
        }

        List<ConversationEvent> read;
        try (Stream<Conversation> conversations = JsonlConversationSource.of(file).conversations(ConversationQuery.all(),
                problem -> { throw new AssertionError(problem.toString()); })) {
            read = conversations.flatMap(c -> c.events().stream()).toList();
        }
        assertThat(read).hasSize(3);
        assertThat(read.get(0).metadata()).containsEntry("prompt_version", prompts.version("writer"))
                .containsEntry("tokens", 120);
        assertThat(read.get(0).message()).isEqualTo("Draft \"one\"\nwith a line break");
        assertThat(read.get(1).metadata()).containsEntry("prompt_version", prompts.version("editor"));
        assertThat(read.get(2).metadata()).doesNotContainKey("prompt_version").containsEntry("outcome", "success");
        assertThat(read.get(0).timestamp()).isEqualTo(Fixtures.NOW);
    }
}
