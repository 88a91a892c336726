package dev.kaizen4j.redaction;

import static java.util.Objects.requireNonNull;

import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * One kind of secret: where it is, which part of a match to mask, and which matches count.
 *
 * @param name the kind, shown in the marker: {@code [REDACTED:<name>]}
 * @param pattern what to find
 * @param secretGroup the capturing group holding the secret; 0 masks the whole match (a URL's
 *     password, for example, is group 2 of a pattern that also matches the user name)
 * @param condition decides whether a match is a secret (a value after the word "token" only when it
 *     looks generated, say); matches it refuses are left as they are
 */
public record RedactionRule(String name, Pattern pattern, int secretGroup, Predicate<MatchResult> condition) {

    public RedactionRule {
        requireNonNull(name, "name");
        requireNonNull(pattern, "pattern");
        requireNonNull(condition, "condition");
        if (secretGroup < 0 || secretGroup > pattern.matcher("").groupCount()) {
            throw new IllegalArgumentException("pattern " + pattern + " has no group " + secretGroup);
        }
    }

    /** A rule masking group {@code secretGroup} of every match. */
    public RedactionRule(String name, Pattern pattern, int secretGroup) {
        this(name, pattern, secretGroup, match -> true);
    }

    /** A rule masking every whole match of {@code regex}. */
    public static RedactionRule of(String name, String regex) {
        return new RedactionRule(name, Pattern.compile(regex), 0);
    }

    /** The marker that replaces a secret of this kind. */
    public String marker() {
        return "[REDACTED:" + name + "]";
    }
}
