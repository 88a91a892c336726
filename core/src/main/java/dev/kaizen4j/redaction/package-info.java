/**
 * Masks secrets in every text that leaves the process: prompts sent to an LLM and requests sent to
 * back-channels. See {@link dev.kaizen4j.redaction.Redactor}.
 */
@NullMarked
package dev.kaizen4j.redaction;

import org.jspecify.annotations.NullMarked;
