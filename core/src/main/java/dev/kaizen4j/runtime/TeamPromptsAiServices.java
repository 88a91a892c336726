package dev.kaizen4j.runtime;

import static java.util.Objects.requireNonNull;

import dev.langchain4j.service.AiServices;
import java.util.function.Function;

/**
 * Makes a langchain4j {@code AiServices} agent take its system message from {@link TeamPrompts}, so
 * that it runs the team spec's current text: a merged change to the spec is what the next call uses.
 * Needs {@code dev.langchain4j:langchain4j} on the classpath (an optional dependency of Kaizen4j).
 *
 * <pre>{@code
 * Assistant writer = TeamPromptsAiServices.builder(Assistant.class, prompts, "content_creator")
 *         .chatModel(model)
 *         .build();
 * }</pre>
 *
 * <p>The system message is a template like an {@code @SystemMessage} annotation's: {@code {{brand}}} is
 * filled from the method's {@code @V} parameters. The interface must not carry {@code @SystemMessage}
 * itself, which would take precedence. The chat memory id, when the method has an {@code @MemoryId}
 * parameter, is passed as the task id to {@link TeamPrompts#agent(String, String)}, so a rollout can
 * serve a variant per task.
 */
public final class TeamPromptsAiServices {

    private TeamPromptsAiServices() {}

    /** The function for {@code AiServices.systemMessageProvider}: the agent's current system prompt. */
    public static Function<Object, String> systemMessageProvider(TeamPrompts prompts, String agent) {
        requireNonNull(prompts, "prompts");
        requireNonNull(agent, "agent");
        prompts.agent(agent); // fail now, at wiring time, for an agent the spec does not have
        return memoryId -> prompts.agent(agent, String.valueOf(memoryId)).systemPrompt();
    }

    /** {@code AiServices.builder(type)} with its system message provided by {@code prompts} for {@code agent}. */
    public static <T> AiServices<T> builder(Class<T> type, TeamPrompts prompts, String agent) {
        requireNonNull(type, "type");
        return AiServices.builder(type).systemMessageProvider(systemMessageProvider(prompts, agent));
    }
}
