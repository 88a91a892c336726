package dev.kaizen4j.validation;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.validation.internal.PromptText;
import dev.kaizen4j.validation.internal.SourceText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default {@link PromptValidator}. The proposed prompt must not be empty or longer than the
 * limit, must keep every template placeholder ({@code {{var}}} and {@code {var}}) of the current
 * prompt and add none, and must hold no credential, no invisible characters, no long encoded blob and
 * no instruction that would drop safeguards or send data elsewhere. Instructions are matched on a
 * normalized text (Unicode compatibility forms, look-alike letters, digits for letters, markdown
 * emphasis and invisible characters removed), so spelling tricks do not hide them; negated
 * instructions ("never share passwords") and text the current prompt already has are not reported.
 */
public final class DefaultPromptValidator implements PromptValidator {

    /** The default maximum length of a prompt, in characters. */
    public static final int DEFAULT_MAX_LENGTH = 8_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*[\\w.]+\\s*}}|\\{[A-Za-z_][\\w.]*}");
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("sk-(?:proj-|ant-(?:api\\d+-)?)?[A-Za-z0-9_-]{20,}"),
            Pattern.compile("gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}"),
            Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}|hooks\\.slack\\.com/services/[A-Za-z0-9/]{20,}"),
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("AIza[0-9A-Za-z_-]{35}"),
            Pattern.compile("\\b(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{16,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
            Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s:/@{}]+:[^\\s@/{}]{3,}@"),
            Pattern.compile("(?i)\\b(?:password|passwd|pwd|secret|api[_ -]?key|access[_ -]?token|auth[_ -]?token"
                    + "|client[_ -]?secret|bearer)\\b\\s*(?:[:=]|\\bis\\b)\\s*[\"'`]?(?![{<\\[])[^\\s\"'`{}<>]{8,}"));
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(never|not|don't|dont|do not|must not|mustn't|no|without|refuse to|avoid)\\b[^.!?\\n]{0,30}$");
    private static final String SECRETS_AND_DATA = "(credentials?|api ?keys?|secrets?|passwords?|passphrases?"
            + "|(access|auth|api|bearer|session|refresh) tokens?|private keys?|environment variables?|env vars?"
            + "|system prompt|hidden prompt|initial prompt|conversation history|chat history|chat logs?"
            + "|customer (data|records|lists?|emails?)|personal data|user data|pii|internal documents)";
    private static final String REVEALABLE = "(credentials?|api ?keys?|secrets?|passwords?"
            + "|(access|auth|api|bearer|session) tokens?|private keys?|environment variables?|env vars?"
            + "|system prompt|hidden prompt|initial prompt|(your|the) (instructions|rules|prompt))";
    private static final List<Pattern> SAFEGUARD_OVERRIDES = List.of(
            Pattern.compile("\\b(ignore|disregard|forget|override|bypass|drop|abandon|discard)\\b (all |any |the |your "
                    + "|of )*(previous|prior|above|earlier|preceding|original|system|safety|existing|other)? ?"
                    + "(instructions|rules|guidelines|guardrails|constraints|polic(y|ies)|restrictions|directives"
                    + "|prompts?)"),
            Pattern.compile("\\b(disable|bypass|skip|turn off|deactivate|remove|circumvent|switch off|ignore|evade)\\b"
                    + " (the |all |any |your |of )*(safety|safeguards?|guardrails?|validation|validators?|review"
                    + "|moderation|content filter(s|ing)?|filters?|human review|approval|checks|security|rate limits?)"),
            Pattern.compile("\\b(you are|you're|act as|pretend (to be|you are)|become|enter|switch to) (now )?(in )?"
                    + "(developer mode|dan\\b|jailbr[eo]ak|unrestricted|unfiltered|god mode|an ai without)"),
            Pattern.compile("\\b(no longer|not) (bound|restricted|limited|constrained) by\\b"),
            Pattern.compile("\\bnever (refuse|decline)\\b"),
            Pattern.compile("\\b(do not|don't|never) (tell|inform|notify|alert|involve|warn) (the )?(user|human"
                    + "|reviewer|manager|operator|admin|team|security)"),
            Pattern.compile("\\b(approve|merge|deploy|execute|run)\\b.{0,40}\\b(automatically|without (review|approval"
                    + "|asking|confirmation|checking))"),
            Pattern.compile("\\bauto-?approve\\b"));
    private static final List<Pattern> EXFILTRATION = List.of(
            Pattern.compile("\\b(send|post|upload|exfiltrate|forward|transmit|e-?mail|leak|share|submit|paste|include"
                    + "|embed|append|encode|copy|attach)\\b[^.!?\\n]{0,80}\\b" + SECRETS_AND_DATA),
            Pattern.compile("\\b(reveal|print|output|show|display|repeat|dump|disclose|echo)\\b (me |the user "
                    + "|us |everyone )?(all |your |the |any )*(full |entire |complete |original |verbatim )?" + REVEALABLE),
            Pattern.compile("https?://[^\\s)\"']*[?&][\\w-]+=\\{"),
            Pattern.compile("!\\[[^\\]]*\\]\\(https?://"),
            Pattern.compile("\\b(webhook\\.site|requestbin|ngrok|pastebin|burpcollaborator|interact\\.sh|pipedream"
                    + "|oast\\.|canarytokens)"));
    private static final Pattern ENCODED = Pattern.compile("[A-Za-z0-9+/]{120,}={0,2}|(?:[0-9a-fA-F]{2}){80,}");

    private final int maxLength;
    private final boolean allowNewPlaceholders;
    private final Map<Pattern, String> extraRules;

    /** A validator with the default settings. */
    public DefaultPromptValidator() {
        this(builder());
    }

    /** @param maxLength the maximum length of a proposed prompt, in characters */
    public DefaultPromptValidator(int maxLength) {
        this(builder().maxLength(maxLength));
    }

    private DefaultPromptValidator(Builder builder) {
        this.maxLength = builder.maxLength;
        this.allowNewPlaceholders = builder.allowNewPlaceholders;
        this.extraRules = Map.copyOf(builder.extraRules);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ValidationResult validate(String currentPrompt, String proposedPrompt) {
        requireNonNull(currentPrompt, "currentPrompt");
        requireNonNull(proposedPrompt, "proposedPrompt");
        List<Violation> violations = new ArrayList<>();
        if (proposedPrompt.isBlank()) {
            violations.add(new Violation(RuleIds.PROMPT_EMPTY, "the proposed prompt is empty", 0, 0, ""));
            return ValidationResult.rejected(violations);
        }
        if (proposedPrompt.length() > maxLength) {
            violations.add(new Violation(RuleIds.PROMPT_TOO_LONG, "the proposed prompt has " + proposedPrompt.length()
                    + " characters, more than the limit of " + maxLength, 0, 0, ""));
            if (proposedPrompt.length() > 20 * maxLength) {
                return ValidationResult.rejected(violations);
            }
        }
        PromptText proposed = new PromptText(proposedPrompt);
        PromptText current = new PromptText(currentPrompt);
        placeholders(currentPrompt, proposedPrompt, proposed, violations);
        hidden(currentPrompt, proposedPrompt, proposed, violations);
        for (Pattern secret : SECRETS) {
            Matcher matcher = secret.matcher(proposed.compatible());
            while (matcher.find()) {
                if (!current.compatible().contains(matcher.group())) {
                    violations.add(new Violation(RuleIds.SECRET, "the proposed prompt contains what looks like a secret",
                            proposed.lineOfCompatible(matcher.start()), proposed.columnOfCompatible(matcher.start()),
                            "[redacted]"));
                }
            }
        }
        Matcher encoded = ENCODED.matcher(proposedPrompt);
        while (encoded.find()) {
            if (!currentPrompt.contains(encoded.group())) {
                violations.add(new Violation(RuleIds.ENCODED_PAYLOAD, "a long encoded blob that a reviewer cannot read",
                        proposed.lineOfOriginal(encoded.start()), proposed.columnOfOriginal(encoded.start()),
                        encoded.group().substring(0, 40) + "…"));
            }
        }
        instructions(SAFEGUARD_OVERRIDES, RuleIds.SAFEGUARD_OVERRIDE, "instruction that would drop safeguards",
                current, proposed, violations);
        instructions(EXFILTRATION, RuleIds.DATA_EXFILTRATION, "instruction that would send or reveal data",
                current, proposed, violations);
        for (Map.Entry<Pattern, String> rule : extraRules.entrySet()) {
            instructions(List.of(rule.getKey()), rule.getValue(), "instruction the host forbids", current, proposed,
                    violations);
        }
        return ValidationResult.of(violations, Set.of());
    }

    private void placeholders(String currentPrompt, String proposedPrompt, PromptText proposed,
            List<Violation> violations) {
        Map<String, Integer> kept = placeholders(proposedPrompt);
        Map<String, Integer> before = placeholders(currentPrompt);
        for (String placeholder : before.keySet()) {
            if (!kept.containsKey(placeholder)) {
                violations.add(new Violation(RuleIds.PLACEHOLDER_REMOVED, "template placeholder " + placeholder
                        + " of the current prompt is missing", 0, 0, placeholder));
            }
        }
        if (!allowNewPlaceholders) {
            for (Map.Entry<String, Integer> placeholder : kept.entrySet()) {
                if (!before.containsKey(placeholder.getKey())) {
                    violations.add(new Violation(RuleIds.PLACEHOLDER_ADDED, "template placeholder "
                            + placeholder.getKey() + " has no value in the current template",
                            proposed.lineOfOriginal(placeholder.getValue()),
                            proposed.columnOfOriginal(placeholder.getValue()), placeholder.getKey()));
                }
            }
        }
    }

    private static void hidden(String currentPrompt, String proposedPrompt, PromptText proposed,
            List<Violation> violations) {
        Set<Integer> known = new LinkedHashSet<>();
        currentPrompt.codePoints().filter(SourceText::isHidden).forEach(known::add);
        for (int offset = 0; offset < proposedPrompt.length(); ) {
            int codePoint = proposedPrompt.codePointAt(offset);
            boolean emojiJoiner = codePoint == 0x200D && offset > 0 && Character.isLowSurrogate(proposedPrompt.charAt(offset - 1));
            if (SourceText.isHidden(codePoint) && !known.contains(codePoint) && !emojiJoiner) {
                violations.add(new Violation(RuleIds.HIDDEN_CHARACTERS, String.format(
                        "invisible or bidirectional character U+%04X", codePoint), proposed.lineOfOriginal(offset),
                        proposed.columnOfOriginal(offset), ""));
                return;
            }
            offset += Character.charCount(codePoint);
        }
    }

    private static void instructions(List<Pattern> patterns, String ruleId, String message, PromptText current,
            PromptText proposed, List<Violation> violations) {
        for (String variant : List.of("plain", "leet")) {
            String text = variant.equals("plain") ? proposed.normalized() : proposed.leet();
            String known = variant.equals("plain") ? current.normalized() : current.leet();
            for (Pattern pattern : patterns) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    String before = text.substring(Math.max(0, matcher.start() - 40), matcher.start());
                    if (known.contains(matcher.group()) || NEGATION.matcher(before).find()) {
                        continue;
                    }
                    int line = proposed.lineOfNormalized(matcher.start());
                    boolean duplicate = violations.stream().anyMatch(v -> v.ruleId().equals(ruleId) && v.line() == line);
                    if (!duplicate) {
                        violations.add(new Violation(ruleId, message, line, proposed.columnOfNormalized(matcher.start()),
                                proposed.originalOf(matcher.start(), matcher.end())));
                    }
                }
            }
        }
    }

    private static Map<String, Integer> placeholders(String prompt) {
        Map<String, Integer> found = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(prompt);
        while (matcher.find()) {
            found.putIfAbsent(matcher.group().replaceAll("\\s+", ""), matcher.start());
        }
        return found;
    }

    /** Settings of a {@link DefaultPromptValidator}. */
    public static final class Builder {

        private int maxLength = DEFAULT_MAX_LENGTH;
        private boolean allowNewPlaceholders;
        private final Map<Pattern, String> extraRules = new LinkedHashMap<>();

        private Builder() {
        }

        /** The maximum length of a proposed prompt, in characters. Default {@value DefaultPromptValidator#DEFAULT_MAX_LENGTH}. */
        public Builder maxLength(int maxLength) {
            if (maxLength < 1) {
                throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        /** Whether the proposal may introduce template placeholders the current prompt lacks. Default: false. */
        public Builder allowNewPlaceholders(boolean allow) {
            this.allowNewPlaceholders = allow;
            return this;
        }

        /**
         * Forbids more instructions: {@code pattern} is matched against the normalized, lower-case prompt
         * and reported under {@code ruleId}.
         */
        public Builder forbid(String ruleId, Pattern pattern) {
            extraRules.put(requireNonNull(pattern, "pattern"), requireNonNull(ruleId, "ruleId"));
            return this;
        }

        public DefaultPromptValidator build() {
            return new DefaultPromptValidator(this);
        }
    }
}
