package com.example.marketing.agents;

import com.example.marketing.ModelFactory;
import com.example.marketing.TaskBoard;
import dev.kaizen4j.runtime.TeamPrompts;
import dev.kaizen4j.runtime.TeamPromptsAiServices;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/**
 * The team's manager: plans the work, assigns tasks and reviews every deliverable.
 *
 * <p>Its system prompt is the one in team.yaml, read through {@link TeamPrompts} on every call: once a
 * change to team.yaml is merged, it is what this agent runs.
 */
public final class MarketingManager {

    /** Its name in team.yaml, whose system_prompt it runs. */
    public static final String AGENT = "manager";

    public static final double TEMPERATURE = 0.3;
    public static final int MAX_ITERATIONS = 5;
    private static final int MEMORY_WINDOW = 30;

    public interface Assistant {

        String handle(@UserMessage String request, @V("brand") String brand, @V("quarter") String quarter);
    }

    public static final class ManagerTools {

        private final TaskBoard board;

        public ManagerTools(TaskBoard board) {
            this.board = board;
        }

        @Tool("Assigns a task to one team member and returns the task id")
        public String assignTask(@P("name of the team member") String agent,
                                 @P("what needs to be done, with format, length and deadline") String brief,
                                 @P("content, research or campaign") String taskType) {
            if (!board.isMember(agent)) {
                return "ERROR: unknown team member '" + agent + "'";
            }
            return board.assign(agent, brief, taskType);
        }

        @Tool("Scores a draft for readability, tone and length against its brief")
        public String reviewDraft(@P("the task id") String taskId, @P("the full draft text") String draft) {
            TaskBoard.Review review = board.review(taskId, draft);
            return "Readability %d, tone match %.2f, length %d/%d words".formatted(
                    review.readability(), review.toneMatch(), review.words(), review.targetWords());
        }
    }

    private MarketingManager() {
    }

    public static Assistant create(TeamPrompts prompts, ModelFactory models, TaskBoard board) {
        ChatModel model = models.chatModel(TEMPERATURE);
        return TeamPromptsAiServices.builder(Assistant.class, prompts, AGENT)
                .chatModel(model)
                .tools(new ManagerTools(board))
                .chatMemory(MessageWindowChatMemory.withMaxMessages(MEMORY_WINDOW))
                .maxSequentialToolsInvocations(MAX_ITERATIONS)
                .build();
    }
}
