/**
 * The LLM-led stages of the cycle, on any langchain4j {@code ChatModel}: an analyzer decorator that
 * reviews ambiguous failure attributions, a manager-led discussion and proposal generation. Start
 * from {@link dev.kaizen4j.llm.LlmAssistant}.
 *
 * <p>Every call declares a JSON schema and its answer is checked against it (one repair attempt,
 * then a recorded error); every prompt stays within a token budget, is redacted, and carries logs
 * only as a fenced JSON data block that cannot change the output contract.
 */
@NullMarked
package dev.kaizen4j.llm;

import org.jspecify.annotations.NullMarked;
