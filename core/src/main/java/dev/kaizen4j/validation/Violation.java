package dev.kaizen4j.validation;

import static java.util.Objects.requireNonNull;

/**
 * One reason a proposal was rejected, or, among a result's warnings, one thing a reviewer should check.
 *
 * @param ruleId a stable rule identifier, for example {@code process-execution} or {@code syntax}
 * @param message what is wrong, in words
 * @param line the 1-based line in the proposed text, or 0 when no line applies
 * @param column the 1-based column, or 0 when unknown
 * @param snippet the offending text, shortened
 */
public record Violation(String ruleId, String message, int line, int column, String snippet) {

    public Violation {
        requireNonNull(ruleId, "ruleId");
        requireNonNull(message, "message");
        snippet = snippet == null ? "" : snippet.length() > 200 ? snippet.substring(0, 199) + "…" : snippet;
    }

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + (column > 0 ? ":" + column : "") + " " : "") + "[" + ruleId + "] " + message
                + (snippet.isEmpty() ? "" : ": " + snippet);
    }
}
