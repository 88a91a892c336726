package dev.kaizen4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.redaction.Redactor;
import dev.kaizen4j.testing.ScriptedChatModel;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StructuredChatTest {

    private static final JsonSchema SCHEMA = Schema.named("note", Schema.object()
            .addProperty("note", Schema.string("a note"))
            .required("note")
            .build());

    private static StructuredChat chat(ScriptedChatModel model, int callBudget) {
        return new StructuredChat(model, TokenEstimator.charsPerToken(), Redactor.defaults(), callBudget, 100_000, null);
    }

    @Test
    void givenAnAnswerInAMarkdownFence_whenAsked_thenItIsAccepted() throws LlmCallFailed {
        ScriptedChatModel model = ScriptedChatModel.answering("```json\n{\"note\": \"ok\"}\n```");

        String note = chat(model, 6000).ask("note", "system", "user", SCHEMA, answer -> answer.get("note").asText());

        assertThat(note).isEqualTo("ok");
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void givenAModelWithoutStructuredOutput_whenAsked_thenTheSchemaInTheInstructionsIsReliedOn() throws LlmCallFailed {
        AtomicInteger withFormat = new AtomicInteger();
        ScriptedChatModel model = new ScriptedChatModel(request -> {
            if (request.responseFormat() != null) {
                withFormat.incrementAndGet();
                throw new UnsupportedFeatureException("JSON schema response format is not supported");
            }
            return "{\"note\": \"ok\"}";
        });
        StructuredChat chat = chat(model, 6000);

        String first = chat.ask("note", "system", "user", SCHEMA, answer -> answer.get("note").asText());
        String second = chat.ask("note", "system", "user", SCHEMA, answer -> answer.get("note").asText());

        assertThat(first).isEqualTo("ok");
        assertThat(second).isEqualTo("ok");

        assertThat(withFormat.get()).isEqualTo(1);
        assertThat(ScriptedChatModel.allText(model.requests().get(1))).contains("Output contract")
                .contains("\"required\":[\"note\"]");
    }

    @Test
    void givenAPromptLargerThanTheBudget_whenAsked_thenNothingIsSentAndTheCallFails() {
        ScriptedChatModel model = ScriptedChatModel.answering("{\"note\": \"ok\"}");
        StructuredChat chat = chat(model, 1000);

        assertThatThrownBy(() -> chat.ask("note", "system", "x".repeat(8000), SCHEMA, answer -> "ok"))
                .isInstanceOf(LlmCallFailed.class)
                .hasMessageContaining("exceeds the budget")
                .hasMessageContaining("not sent");
        assertThat(model.requests()).isEmpty();
        assertThat(chat.calls()).singleElement().satisfies(call -> assertThat(call.estimatedInputTokens()).isZero());
    }
}
