package com.example.marketing.agents;

import com.example.marketing.ModelFactory;
import com.example.marketing.search.SearchClient;
import com.example.marketing.search.SearchException;
import com.example.marketing.search.SearchResult;
import com.example.marketing.search.SearchTimeoutException;
import dev.kaizen4j.runtime.TeamPrompts;
import dev.kaizen4j.runtime.TeamPromptsAiServices;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers market, competitor and customer questions with sourced evidence from the web.
 *
 * <p>Its system prompt is the one in team.yaml, read through {@link TeamPrompts} on every call: once a
 * change to team.yaml is merged, it is what this agent runs.
 */
public final class MarketResearcher {

    /** Its name in team.yaml, whose system_prompt it runs. */
    public static final String AGENT = "market_researcher";

    public static final double TEMPERATURE = 0.2;
    public static final int MAX_ITERATIONS = 6;
    private static final int MEMORY_WINDOW = 20;

    public interface Assistant {

        String research(@UserMessage String question, @V("brand") String brand);
    }

    public static final class ResearchTools {

        private static final int MAX_SEARCH_RETRIES = 0;
        private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(30);
        private static final int MAX_RESULTS = 5;
        private static final int MAX_SUMMARY_WORDS = 200;

        private final SearchClient searchClient;
        private final ChatModel summarizer;

        public ResearchTools(SearchClient searchClient, ChatModel summarizer) {
            this.searchClient = searchClient;
            this.summarizer = summarizer;
        }

        @Tool("Searches the web for recent articles, reports and statistics")
        public String webSearch(@P("the search query") String query) {
            try {
                List<SearchResult> results =
                        searchClient.search(query, MAX_RESULTS, SEARCH_TIMEOUT, MAX_SEARCH_RETRIES);
                if (results.isEmpty()) {
                    return "No results for \"" + query + "\"";
                }
                return results.stream()
                        .map(r -> "- " + r.title() + " (" + r.source() + ", " + r.published() + "): " + r.snippet())
                        .collect(Collectors.joining("\n", results.size() + " results for \"" + query + "\":\n", ""));
            } catch (SearchTimeoutException e) {
                return "ERROR: web search failed: timeout after " + SEARCH_TIMEOUT.toSeconds() + "s";
            } catch (SearchException e) {
                return "ERROR: web search failed: " + e.getMessage();
            }
        }

        @Tool("Condenses long source text into a short summary with the key figures")
        public String summarize(@P("the text to summarize") String text) {
            String prompt = "Summarize in at most " + MAX_SUMMARY_WORDS
                    + " words. Keep every number with its source:\n\n" + text;
            return summarizer.chat(prompt);
        }
    }

    private MarketResearcher() {
    }

    public static Assistant create(TeamPrompts prompts, ModelFactory models, SearchClient searchClient) {
        ChatModel model = models.chatModel(TEMPERATURE);
        return TeamPromptsAiServices.builder(Assistant.class, prompts, AGENT)
                .chatModel(model)
                .tools(new ResearchTools(searchClient, model))
                .chatMemory(MessageWindowChatMemory.withMaxMessages(MEMORY_WINDOW))
                .maxSequentialToolsInvocations(MAX_ITERATIONS)
                .build();
    }
}
