package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds the runner's chat model from {@code --llm openai|anthropic|ollama} and its settings: a flag,
 * else {@code KAIZEN_LLM_MODEL} and {@code KAIZEN_<PROVIDER>_API_KEY} / {@code _BASE_URL}, else the
 * provider's usual variables ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code OLLAMA_HOST}, ...),
 * else the properties file.
 */
final class LlmModels {

    static final int MAX_RETRIES = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Proposals with code edits need more than Anthropic's default answer length. */
    static final int ANTHROPIC_MAX_TOKENS = 4096;
    /** Stands in for the key of an OpenAI-compatible local server that checks none. */
    static final String NO_KEY = "no-key";

    private LlmModels() {}

    /**
     * The selected model.
     *
     * @param provider openai, anthropic or ollama
     * @param modelName the model
     * @param baseUrl the endpoint when not the provider's default
     * @param model the chat model
     */
    record Selection(String provider, String modelName, @Nullable String baseUrl, ChatModel model) {

        String describe() {
            return provider + " model " + modelName + (baseUrl == null ? "" : " at " + baseUrl);
        }
    }

    /** The model the settings select, or empty for offline mode ({@code --llm} unset or {@code none}). */
    static Optional<Selection> select(RunnerSettings settings, @Nullable String providerFlag, @Nullable String modelFlag,
            @Nullable String baseUrlFlag) {
        Optional<String> provider = settings.get(providerFlag, "llm").map(p -> p.trim().toLowerCase(Locale.ROOT));
        if (provider.isEmpty() || provider.get().equals("none") || provider.get().equals("offline")) {
            return Optional.empty();
        }
        return Optional.of(switch (provider.get()) {
            case "openai" -> openAi(settings, modelFlag, baseUrlFlag);
            case "anthropic" -> anthropic(settings, modelFlag, baseUrlFlag);
            case "ollama" -> ollama(settings, modelFlag, baseUrlFlag);
            default -> throw KaizenException.invalidInput("--llm '" + provider.get()
                    + "' is not a provider: use openai, anthropic or ollama (or none)");
        });
    }

    private static Selection openAi(RunnerSettings settings, @Nullable String modelFlag, @Nullable String baseUrlFlag) {
        String modelName = settings.get(modelFlag, "llm.model").orElse("gpt-4.1-mini");
        String baseUrl = setting(settings, baseUrlFlag, "openai.base.url", "OPENAI_BASE_URL");
        String apiKey = setting(settings, null, "openai.api.key", "OPENAI_API_KEY");
        if (apiKey == null) {
            if (baseUrl == null) {
                throw KaizenException.invalidInput("--llm openai needs an API key: set KAIZEN_OPENAI_API_KEY (or"
                        + " OPENAI_API_KEY), or KAIZEN_OPENAI_BASE_URL for a compatible server without keys");
            }
            apiKey = NO_KEY;
        }
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .apiKey(apiKey)
                .modelName(modelName)
                .maxRetries(MAX_RETRIES)
                .timeout(TIMEOUT);
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        return new Selection("openai", modelName, baseUrl, builder.build());
    }

    private static Selection anthropic(RunnerSettings settings, @Nullable String modelFlag,
            @Nullable String baseUrlFlag) {
        String modelName = settings.get(modelFlag, "llm.model").orElse("claude-sonnet-4-5");
        String baseUrl = setting(settings, baseUrlFlag, "anthropic.base.url", "ANTHROPIC_BASE_URL");
        String apiKey = setting(settings, null, "anthropic.api.key", "ANTHROPIC_API_KEY");
        if (apiKey == null) {
            throw KaizenException.invalidInput("--llm anthropic needs an API key: set KAIZEN_ANTHROPIC_API_KEY (or"
                    + " ANTHROPIC_API_KEY)");
        }
        AnthropicChatModel.AnthropicChatModelBuilder builder = AnthropicChatModel.builder()
                .apiKey(apiKey)
                .modelName(modelName)
                .maxTokens(ANTHROPIC_MAX_TOKENS)
                .maxRetries(MAX_RETRIES)
                .timeout(TIMEOUT);
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        return new Selection("anthropic", modelName, baseUrl, builder.build());
    }

    private static Selection ollama(RunnerSettings settings, @Nullable String modelFlag, @Nullable String baseUrlFlag) {
        String modelName = settings.get(modelFlag, "llm.model").orElse("llama3.1");
        String baseUrl = setting(settings, baseUrlFlag, "ollama.base.url", "OLLAMA_BASE_URL");
        if (baseUrl == null) {
            baseUrl = settings.environment("OLLAMA_HOST")
                    .map(host -> host.contains("://") ? host : "http://" + host)
                    .orElse("http://localhost:11434");
        }
        ChatModel model = OllamaChatModel.builder()
                .maxRetries(MAX_RETRIES)
                .baseUrl(baseUrl)
                .modelName(modelName)
                .timeout(TIMEOUT)
                .build();
        return new Selection("ollama", modelName, baseUrl, model);
    }

    /** A flag, the {@code KAIZEN_*} variable or property, else the provider's usual variable. */
    private static @Nullable String setting(RunnerSettings settings, @Nullable String flag, String name,
            String providerVariable) {
        return settings.get(flag, name).or(() -> settings.environment(providerVariable)).orElse(null);
    }
}
