package dev.kaizen4j.llm;

import java.util.List;
import java.util.Objects;

/**
 * The model requests of one cycle and what they cost.
 *
 * @param calls every request, in order (repairs included)
 */
public record LlmUsage(List<LlmCall> calls) {

    public LlmUsage {
        calls = List.copyOf(calls);
    }

    /** No calls: the cycle ran offline. */
    public static LlmUsage none() {
        return new LlmUsage(List.of());
    }

    /** Input tokens the provider counted over all calls. */
    public long inputTokens() {
        return calls.stream().map(LlmCall::inputTokens).filter(Objects::nonNull).mapToLong(Integer::longValue).sum();
    }

    /** Output tokens the provider counted over all calls. */
    public long outputTokens() {
        return calls.stream().map(LlmCall::outputTokens).filter(Objects::nonNull).mapToLong(Integer::longValue).sum();
    }

    /** Input tokens estimated before sending, over all calls. */
    public long estimatedInputTokens() {
        return calls.stream().mapToLong(LlmCall::estimatedInputTokens).sum();
    }
}
