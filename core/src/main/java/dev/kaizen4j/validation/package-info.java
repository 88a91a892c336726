/**
 * The last automated gate before a human. Proposals come from an LLM that read logs anyone could
 * have written into, so both validators treat them as hostile and never throw on bad input: what they
 * cannot understand they reject.
 *
 * <ul>
 *   <li>{@link dev.kaizen4j.validation.JavaParserSafeCodeValidator} checks code changes: syntax, hidden
 *       code, {@link dev.kaizen4j.validation.DangerousOperation dangerous operations} however they are
 *       spelled, the public interface and framework annotations, and the
 *       {@link dev.kaizen4j.proposal.ModificationCategory modification categories} of every edit, decided
 *       from what the code does. Its builder widens or narrows the deny list, sets the
 *       {@link dev.kaizen4j.validation.DangerPolicy}, the allowed categories and the
 *       {@link dev.kaizen4j.validation.CategoryPolicy} (an edit that fits no category: a warning by
 *       default, a rejection when strict).</li>
 *   <li>{@link dev.kaizen4j.validation.DefaultPromptValidator} checks prompt refinements: length,
 *       placeholders, secrets, hidden characters, encoded blobs and instructions that would drop
 *       safeguards or send data away.</li>
 * </ul>
 *
 * Both return a {@link dev.kaizen4j.validation.ValidationResult}: accepted or rejected, every
 * {@link dev.kaizen4j.validation.Violation} with its rule id (see {@link dev.kaizen4j.validation.RuleIds}),
 * message, line, column and snippet, sorted by line, the categories of a code change and the warnings
 * a reviewer should read.
 *
 * <pre>{@code
 * ValidationResult result = new JavaParserSafeCodeValidator().validate(currentSource, proposedSource);
 * if (result.isRejected()) {
 *     result.violations().forEach(v -> System.out.println(v)); // line 61:17 [process-execution] ...
 * }
 * }</pre>
 */
@NullMarked
package dev.kaizen4j.validation;

import org.jspecify.annotations.NullMarked;
