package com.example.marketing.agents;

import com.example.marketing.ModelFactory;
import com.example.marketing.seo.KeywordApi;
import com.example.marketing.seo.KeywordStats;
import dev.kaizen4j.runtime.TeamPrompts;
import dev.kaizen4j.runtime.TeamPromptsAiServices;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Researches search demand and recommends target keywords for every content brief.
 *
 * <p>Its system prompt is the one in team.yaml, read through {@link TeamPrompts} on every call: once a
 * change to team.yaml is merged, it is what this agent runs.
 */
public final class SeoSpecialist {

    /** Its name in team.yaml, whose system_prompt it runs. */
    public static final String AGENT = "seo_specialist";

    public static final double TEMPERATURE = 0.2;
    public static final int MAX_ITERATIONS = 3;
    private static final int MEMORY_WINDOW = 10;

    public interface Assistant {

        String recommend(@UserMessage String brief, @V("brand") String brand);
    }

    public static final class KeywordTools {

        private static final int MAX_SUGGESTIONS = 8;
        private static final String MARKET = "en-US";

        private final KeywordApi keywordApi;

        public KeywordTools(KeywordApi keywordApi) {
            this.keywordApi = keywordApi;
        }

        @Tool("Looks up monthly search volume and difficulty for a seed keyword and related keywords")
        public String keywordResearch(@P("the seed keyword or topic") String seed) {
            List<KeywordStats> stats = keywordApi.related(seed, MARKET, MAX_SUGGESTIONS);
            if (stats.isEmpty()) {
                return "No keyword data for \"" + seed + "\"";
            }
            return stats.stream()
                    .sorted(Comparator.comparingInt(KeywordStats::monthlyVolume).reversed())
                    .map(s -> s.keyword() + ": " + s.monthlyVolume() + " searches/mo, KD " + s.difficulty())
                    .collect(Collectors.joining("\n"));
        }
    }

    private SeoSpecialist() {
    }

    public static Assistant create(TeamPrompts prompts, ModelFactory models, KeywordApi keywordApi) {
        ChatModel model = models.chatModel(TEMPERATURE);
        return TeamPromptsAiServices.builder(Assistant.class, prompts, AGENT)
                .chatModel(model)
                .tools(new KeywordTools(keywordApi))
                .chatMemory(MessageWindowChatMemory.withMaxMessages(MEMORY_WINDOW))
                .maxSequentialToolsInvocations(MAX_ITERATIONS)
                .build();
    }
}
