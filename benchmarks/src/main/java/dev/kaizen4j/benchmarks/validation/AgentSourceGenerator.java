package dev.kaizen4j.benchmarks.validation;

import java.util.Locale;

/** Writes a realistic langchain4j agent source of about the requested number of lines. */
final class AgentSourceGenerator {

    private AgentSourceGenerator() {
    }

    /** An agent class with a system prompt, parameters and as many tools as fit in {@code lines}. */
    static String agentSource(int lines) {
        StringBuilder source = new StringBuilder("""
                package com.example.marketing.agents;

                import com.example.marketing.search.SearchClient;
                import com.example.marketing.search.SearchException;
                import com.example.marketing.search.SearchResult;
                import dev.langchain4j.agent.tool.P;
                import dev.langchain4j.agent.tool.Tool;
                import dev.langchain4j.model.chat.ChatModel;
                import dev.langchain4j.service.SystemMessage;
                import dev.langchain4j.service.UserMessage;
                import dev.langchain4j.service.V;
                import java.time.Duration;
                import java.util.List;
                import java.util.Objects;
                import java.util.stream.Collectors;

                /** Answers market questions with sourced evidence. */
                public final class MarketResearcher {

                    public static final String SYSTEM_PROMPT = \"""
                            You are the Market Researcher for {{brand}}. You answer questions about markets,
                            competitors and customers with current, sourced evidence.
                            Cite every figure with its source and date.
                            \""";

                    public static final double TEMPERATURE = 0.2;
                    public static final int MAX_ITERATIONS = 6;
                    private static final int MAX_SEARCH_RETRIES = 0;
                    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(30);

                    public interface Assistant {

                        @SystemMessage(SYSTEM_PROMPT)
                        String research(@UserMessage String question, @V("brand") String brand);
                    }

                    private final SearchClient searchClient;
                    private final ChatModel summarizer;

                    public MarketResearcher(SearchClient searchClient, ChatModel summarizer) {
                        this.searchClient = Objects.requireNonNull(searchClient, "searchClient");
                        this.summarizer = Objects.requireNonNull(summarizer, "summarizer");
                    }
                """);
        int tool = 0;
        while (source.chars().filter(c -> c == '\n').count() < lines - 20) {
            source.append(String.format(Locale.ROOT, """

                        @Tool("Searches %1$s sources for recent articles and statistics")
                        public String search%2$d(@P("the search query") String query) {
                            if (query == null || query.isBlank()) {
                                return "ERROR: empty query";
                            }
                            try {
                                List<SearchResult> results =
                                        searchClient.search(query + " %1$s", %3$d, SEARCH_TIMEOUT, MAX_SEARCH_RETRIES);
                                return results.stream()
                                        .map(r -> "- " + r.title() + " (" + r.source() + "): " + r.snippet())
                                        .collect(Collectors.joining("\\n"));
                            } catch (SearchException e) {
                                return "ERROR: search failed: " + e.getMessage();
                            }
                        }
                    """, "topic" + tool, tool, 3 + tool % 5));
            tool++;
        }
        source.append("""

                    public String summarize(String text) {
                        String prompt = "Summarize in at most 200 words, keep every number:\\n\\n" + text;
                        return summarizer.chat(prompt);
                    }
                }
                """);
        return source.toString();
    }
}
