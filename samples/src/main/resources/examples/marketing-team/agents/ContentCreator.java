package com.example.marketing.agents;

import com.example.marketing.ModelFactory;
import com.example.marketing.cms.CmsClient;
import com.example.marketing.cms.DraftRef;
import dev.kaizen4j.runtime.TeamPrompts;
import dev.kaizen4j.runtime.TeamPromptsAiServices;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/**
 * Writes blog posts, newsletters, landing pages and social copy from the manager's briefs.
 *
 * <p>Its system prompt is the one in team.yaml, read through {@link TeamPrompts} on every call: once a
 * change to team.yaml is merged, it is what this agent runs.
 */
public final class ContentCreator {

    /** Its name in team.yaml, whose system_prompt it runs. */
    public static final String AGENT = "content_creator";

    public static final double TEMPERATURE = 0.8;
    public static final int MAX_ITERATIONS = 3;
    private static final int MAX_DRAFT_WORDS = 2_500;
    private static final int MEMORY_WINDOW = 20;

    public interface Assistant {

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

    public static Assistant create(TeamPrompts prompts, ModelFactory models, CmsClient cms) {
        ChatModel model = models.chatModel(TEMPERATURE);
        return TeamPromptsAiServices.builder(Assistant.class, prompts, AGENT)
                .chatModel(model)
                .tools(new DraftTools(cms))
                .chatMemory(MessageWindowChatMemory.withMaxMessages(MEMORY_WINDOW))
                .maxSequentialToolsInvocations(MAX_ITERATIONS)
                .build();
    }
}
