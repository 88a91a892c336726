/**
 * The last automated gate before a human: {@link dev.kaizen4j.validation.SafeCodeValidator} for code
 * changes and {@link dev.kaizen4j.validation.PromptValidator} for prompt refinements.
 */
@NullMarked
package dev.kaizen4j.validation;

import org.jspecify.annotations.NullMarked;
