package com.example.marketing.agents;

import com.example.marketing.ModelFactory;
import com.example.marketing.seo.KeywordApi;
import com.example.marketing.seo.KeywordStats;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Researches search demand and recommends target keywords for every content brief.
 */
public final class SeoSpecialist {

    public static final String SYSTEM_PROMPT = """
            You are the SEO Specialist for {{brand}}. For each content brief, research search demand
            and propose one primary target keyword plus two to four secondary keywords.
            Report the monthly search volume and keyword difficulty of every suggestion.
            Send your recommendations to the Content Creator and the Marketing Manager.
            """;

    public static final double TEMPERATURE = 0.2;
    public static final int MAX_ITERATIONS = 3;
    private static final int MEMORY_WINDOW = 10;

    public interface Assistant {

        @SystemMessage(SYSTEM_PROMPT)
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

    public static Assistant create(ModelFactory models, KeywordApi keywordApi) {
        ChatModel model = models.chatModel(TEMPERATURE);
        return AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(new KeywordTools(keywordApi))
                .chatMemory(MessageWindowChatMemory.withMaxMessages(MEMORY_WINDOW))
                .maxSequentialToolsInvocations(MAX_ITERATIONS)
                .build();
    }
}
