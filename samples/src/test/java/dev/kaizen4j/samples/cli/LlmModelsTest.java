package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LlmModelsTest {

    private static RunnerSettings settings(Map<String, String> environment) {
        return new RunnerSettings(environment, new Properties());
    }

    @Test
    void givenNoProvider_whenSelected_thenOffline() {
        assertThat(LlmModels.select(settings(Map.of("OPENAI_API_KEY", "k")), null, null, null)).isEmpty();
        assertThat(LlmModels.select(settings(Map.of()), "none", null, null)).isEmpty();
    }

    @Test
    void givenTheProvidersUsualVariables_whenSelected_thenTheyAreFallbacks() {
        var openAi = LlmModels.select(settings(Map.of("OPENAI_API_KEY", "k", "KAIZEN_LLM", "openai")), null, null, null)
                .orElseThrow();
        var anthropic = LlmModels.select(settings(Map.of("ANTHROPIC_API_KEY", "k", "KAIZEN_LLM_MODEL", "claude-x")),
                "anthropic", null, null).orElseThrow();
        var ollama = LlmModels.select(settings(Map.of("OLLAMA_HOST", "127.0.0.1:11500")), "ollama", null, null)
                .orElseThrow();

        assertThat(openAi.model()).isInstanceOf(OpenAiChatModel.class);
        assertThat(openAi.describe()).isEqualTo("openai model gpt-4.1-mini");
        assertThat(anthropic.model()).isInstanceOf(AnthropicChatModel.class);
        assertThat(anthropic.describe()).isEqualTo("anthropic model claude-x");
        assertThat(ollama.model()).isInstanceOf(OllamaChatModel.class);
        assertThat(ollama.describe()).isEqualTo("ollama model llama3.1 at http://127.0.0.1:11500");
    }

    @Test
    void givenKaizenVariablesAndFlags_whenSelected_thenAFlagWinsOverTheVariable() {
        var selection = LlmModels.select(settings(Map.of("KAIZEN_OPENAI_API_KEY", "k", "KAIZEN_OPENAI_BASE_URL",
                "http://127.0.0.1:9/v1", "KAIZEN_LLM_MODEL", "from-env")), "openai", "from-flag", null).orElseThrow();

        assertThat(selection.describe()).isEqualTo("openai model from-flag at http://127.0.0.1:9/v1");
    }

    @Test
    void givenAnthropicWithoutKey_whenSelected_thenAClearError() {
        assertThatThrownBy(() -> LlmModels.select(settings(Map.of()), "anthropic", null, null))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("KAIZEN_ANTHROPIC_API_KEY");
    }
}
