package com.example.marketing.agents;

import com.example.marketing.ModelFactory;
import com.example.marketing.cms.CmsClient;
import com.example.marketing.cms.DraftRef;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/**
 * Writes blog posts, newsletters, landing pages and social copy from the manager's briefs.
 */
public final class ContentCreator {

    public static final String SYSTEM_PROMPT = """
            You are the Content Creator for {{brand}}. You write blog posts, newsletters, landing pages
            and social copy for {{audience}}.
            Write in a clear, warm, confident voice; prefer short paragraphs and concrete examples.
            Follow the brief from the Marketing Manager and keep to the requested length and format.
            End every piece with one clear call to action.
            """;

    public static final double TEMPERATURE = 0.8;
    public static final int MAX_ITERATIONS = 3;
    private static final int MAX_DRAFT_WORDS = 2_500;
    private static final int MEMORY_WINDOW = 20;

    public interface Assistant {

        @SystemMessage(SYSTEM_PROMPT)
        @UserMessage("""
                Brief from the Marketing Manager:
                {{brief}}

                Notes from the team:
                {{notes}}
                """)
        String write(@V("brief") String brief, @V("notes") String notes,
                     @V("brand") String brand, @V("audience") String audience);
    }

    public static final class DraftTools {

        private final CmsClient cms;

        public DraftTools(CmsClient cms) {
            this.cms = cms;
        }

        @Tool("Saves a draft to the CMS for review and returns its document id")
        public String writeDraft(@P("the headline") String title, @P("the full body in Markdown") String body) {
            int words = body.isBlank() ? 0 : body.trim().split("\\s+").length;
            if (words > MAX_DRAFT_WORDS) {
                return "ERROR: draft has " + words + " words; the limit is " + MAX_DRAFT_WORDS;
            }
            DraftRef ref = cms.saveDraft(title, body);
            return "Draft saved to CMS as " + ref.id() + " (" + words + " words)";
        }
    }

    private ContentCreator() {
    }

    public static Assistant create(ModelFactory models, CmsClient cms) {
        ChatModel model = models.chatModel(TEMPERATURE);
        return AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(new DraftTools(cms))
                .chatMemory(MessageWindowChatMemory.withMaxMessages(MEMORY_WINDOW))
                .maxSequentialToolsInvocations(MAX_ITERATIONS)
                .build();
    }
}
