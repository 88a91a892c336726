/**
 * What an agent runtime uses to run the team's current, merged prompts:
 * {@link dev.kaizen4j.runtime.TeamPrompts} (the team spec's prompts, versioned and reloaded when the
 * spec changes), {@link dev.kaizen4j.runtime.TeamPromptsAiServices} (a langchain4j {@code AiServices}
 * agent taking its system message from them) and {@link dev.kaizen4j.runtime.PromptVersionedEventLog}
 * (JSON Lines events that say which prompt version produced them).
 */
@NullMarked
package dev.kaizen4j.runtime;

import org.jspecify.annotations.NullMarked;
