package dev.kaizen4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.testing.ScriptedChatModel;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamPromptsAiServicesTest {

    interface Writer {
        @UserMessage("Write about {{topic}}.")
        String write(@V("topic") String topic, @V("brand") String brand);
    }

    interface TaskWriter {
        @UserMessage("Write about {{topic}}.")
        String write(@MemoryId String taskId, @V("topic") String topic, @V("brand") String brand);
    }

    @TempDir
    Path directory;

    @Test
    void givenAnAiServicesAgent_whenTheSpecChanges_thenItsNextCallRunsTheNewSystemPrompt() throws IOException {
        Path file = directory.resolve("team.yaml");
        Files.writeString(file, TeamPromptsTest.SPEC);
        TeamPrompts prompts = TeamPrompts.builder().file(file).checkInterval(Duration.ZERO).build();
        ScriptedChatModel model = ScriptedChatModel.answering("Done.");
        Writer writer = TeamPromptsAiServices.builder(Writer.class, prompts, "writer").chatModel(model).build();

        writer.write("pricing", "Acme");
        Files.writeString(file, TeamPromptsTest.SPEC.replace("You write posts for {{brand}}.",
                "You write posts for {{brand}}. Cite a source for every figure."));
        prompts.reload();
        writer.write("pricing", "Acme");

        assertThat(system(model.requests().get(0))).isEqualTo("You write posts for Acme.");
        assertThat(system(model.requests().get(1))).isEqualTo("You write posts for Acme. Cite a source for every figure.");
    }

    @Test
    void givenAMemoryId_thenItIsTheTaskIdTheVariantSelectorSees() throws IOException {
        Path file = directory.resolve("team.yaml");
        Files.writeString(file, TeamPromptsTest.SPEC);
        TeamPrompts prompts = TeamPrompts.builder().file(file)
                .variants((current, taskId) -> taskId.equals("TASK-2")
                        ? current.withVariant("short", PromptField.SYSTEM_PROMPT, "Write short posts for {{brand}}.")
                        : current)
                .build();
        ScriptedChatModel model = ScriptedChatModel.answering("Done.");
        TaskWriter writer = TeamPromptsAiServices.builder(TaskWriter.class, prompts, "writer").chatModel(model)
                .chatMemoryProvider(task -> MessageWindowChatMemory.withMaxMessages(10)).build();

        writer.write("TASK-1", "pricing", "Acme");
        writer.write("TASK-2", "pricing", "Acme");

        assertThat(system(model.requests().get(0))).isEqualTo("You write posts for Acme.");
        assertThat(system(model.requests().get(1))).isEqualTo("Write short posts for Acme.");
    }

    @Test
    void givenAnAgentTheSpecLacks_whenWired_thenItFailsAtOnce() throws IOException {
        Path file = directory.resolve("team.yaml");
        Files.writeString(file, TeamPromptsTest.SPEC);

        assertThatThrownBy(() -> TeamPromptsAiServices.systemMessageProvider(TeamPrompts.fromFile(file), "seo"))
                .isInstanceOf(KaizenException.class).hasMessageContaining("no agent 'seo'");
    }

    private static String system(ChatRequest request) {
        return request.messages().stream().filter(SystemMessage.class::isInstance).map(m -> ((SystemMessage) m).text())
                .findFirst().orElseThrow().strip();
    }
}
