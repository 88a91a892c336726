package dev.kaizen4j.llm;

import static java.util.Objects.requireNonNull;

import dev.langchain4j.model.TokenCountEstimator;

/** Estimates how many tokens a text costs, to keep prompts within their budget before they are sent. */
@FunctionalInterface
public interface TokenEstimator {

    int estimate(String text);

    /**
     * The default heuristic: one token per four characters, rounded up. It is close for English
     * prose and JSON with common tokenizers and needs no model-specific vocabulary; the tokens a
     * provider actually counted are reported in {@link LlmUsage} beside the estimate, and when a
     * provider counts more than estimated, later estimates of the cycle are scaled up by that ratio.
     */
    static TokenEstimator charsPerToken() {
        return text -> (text.length() + 3) / 4;
    }

    /** An estimator backed by a langchain4j {@link TokenCountEstimator} (a model's own tokenizer). */
    static TokenEstimator of(TokenCountEstimator estimator) {
        requireNonNull(estimator, "estimator");
        return estimator::estimateTokenCountInText;
    }
}
