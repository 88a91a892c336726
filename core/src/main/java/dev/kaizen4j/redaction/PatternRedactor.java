package dev.kaizen4j.redaction;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Redactor} driven by regular expressions: the {@linkplain #defaultRules() default rules}
 * for common services plus the host's own patterns. Rules apply in order, each to the output of the
 * one before, so a marker is never matched again.
 */
public final class PatternRedactor implements Redactor {

    private static final String SECRET_KEYS = "api[_-]?key|apikey|secret(?:[_-]?key)?|client[_-]?secret"
            + "|access[_-]?token|auth[_-]?token|token|password|passwd|pwd";

    private static final List<RedactionRule> DEFAULT_RULES = List.of(
            new RedactionRule("private-key", Pattern.compile(
                    "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"), 0),
            RedactionRule.of("jwt", "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}"),
            RedactionRule.of("anthropic-key", "\\bsk-ant-[A-Za-z0-9_-]{20,}"),
            RedactionRule.of("openai-key", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
            RedactionRule.of("stripe-key", "\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"),
            RedactionRule.of("github-token", "\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
            RedactionRule.of("gitlab-token", "\\bglpat-[A-Za-z0-9_-]{20,}"),
            RedactionRule.of("slack-token", "\\bxox[abposre]-[A-Za-z0-9-]{10,}"),
            RedactionRule.of("slack-webhook", "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]+"),
            RedactionRule.of("aws-access-key", "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\\b"),
            RedactionRule.of("google-api-key", "\\bAIza[0-9A-Za-z_-]{35}"),
            RedactionRule.of("huggingface-token", "\\bhf_[A-Za-z0-9]{30,}"),
            new RedactionRule("url-password", Pattern.compile(
                    "\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@\"']+:)([^\\s@/\"']+)(@)"), 2),
            new RedactionRule("bearer-token", Pattern.compile("(?i)\\b(bearer\\s+)([A-Za-z0-9._~+/-]{16,}=*)"), 2),
            new RedactionRule("secret", Pattern.compile(
                    "(?i)(?<![a-z0-9])(" + SECRET_KEYS + ")\\b([\"']?\\s*[:=]\\s*[\"'])([^\"'\\s]{6,})(?=[\"'])"), 3),
            // Unquoted values must look generated (contain a digit) and not be code such as token = request.token().
            new RedactionRule("secret", Pattern.compile(
                    "(?i)(?<![a-z0-9])(" + SECRET_KEYS + ")\\b(\\s*[:=]\\s*)((?=[^\\s\"',;()]*\\d)[^\\s\"',;()]{6,})(?![\\w(.])"),
                    3));

    private final List<RedactionRule> rules;

    private PatternRedactor(List<RedactionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The built-in rules: private keys (PEM), JWTs, API keys and tokens of OpenAI, Anthropic, Stripe,
     * GitHub, GitLab, Slack (tokens and webhook URLs), AWS access key ids, Google API keys and
     * Hugging Face, passwords in URLs ({@code scheme://user:password@host}), bearer tokens, and
     * values of {@code api_key=}, {@code secret:}, {@code token=}, {@code password=} style
     * assignments when quoted, or unquoted and containing a digit (so code such as
     * {@code token = request.token()} is left alone).
     */
    public static List<RedactionRule> defaultRules() {
        return DEFAULT_RULES;
    }

    /** The rules in the order they apply. */
    public List<RedactionRule> rules() {
        return rules;
    }

    @Override
    public String redact(String text) {
        requireNonNull(text, "text");
        String result = text;
        for (RedactionRule rule : rules) {
            result = apply(rule, result);
        }
        return result;
    }

    private static String apply(RedactionRule rule, String text) {
        Matcher matcher = rule.pattern().matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            int group = rule.secretGroup();
            if (matcher.start(group) < 0) {
                continue;
            }
            out.append(text, last, matcher.start(group)).append(rule.marker());
            last = matcher.end(group);
        } while (matcher.find());
        return out.append(text, last, text.length()).toString();
    }

    /** Settings for a {@link PatternRedactor}. */
    public static final class Builder {
        private final List<RedactionRule> extra = new ArrayList<>();
        private boolean defaults = true;

        private Builder() {}

        /** Masks every match of {@code regex} as {@code [REDACTED:<name>]}. */
        public Builder pattern(String name, String regex) {
            return rule(RedactionRule.of(requireNonNull(name, "name"), requireNonNull(regex, "regex")));
        }

        /** Adds a rule; host rules apply after the default ones. */
        public Builder rule(RedactionRule rule) {
            extra.add(requireNonNull(rule, "rule"));
            return this;
        }

        /** Whether the {@linkplain #defaultRules() default rules} apply. Default true. */
        public Builder defaultRules(boolean enabled) {
            this.defaults = enabled;
            return this;
        }

        public PatternRedactor build() {
            List<RedactionRule> all = new ArrayList<>(defaults ? DEFAULT_RULES : List.of());
            all.addAll(extra);
            return new PatternRedactor(all);
        }
    }
}
