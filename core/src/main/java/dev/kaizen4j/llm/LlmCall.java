package dev.kaizen4j.llm;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One request to the model.
 *
 * @param purpose what it was for, for example {@code reflection:content_creator} or
 *     {@code proposals:content_creator (repair)}
 * @param estimatedInputTokens the prompt's size as estimated before sending; never above the budget
 * @param inputTokens the input tokens the provider counted, or null when it reported none
 * @param outputTokens the output tokens the provider counted, or null when it reported none
 * @param error why the call failed or its answer was refused, or null when the answer was accepted
 */
public record LlmCall(
        String purpose, int estimatedInputTokens, @Nullable Integer inputTokens, @Nullable Integer outputTokens,
        @Nullable String error) {

    public LlmCall {
        requireNonNull(purpose, "purpose");
    }

    public boolean succeeded() {
        return error == null;
    }
}
