package dev.kaizen4j.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default {@link PromptValidator}: the proposed prompt is not empty, stays within a length
 * limit, keeps every template placeholder ({@code {{var}}} and {@code {var}}) of the current prompt,
 * holds no secrets and no instruction to drop safeguards or send data elsewhere.
 */
public final class DefaultPromptValidator implements PromptValidator {

    /** The default maximum length of a prompt, in characters. */
    public static final int DEFAULT_MAX_LENGTH = 8_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*[\\w.]+\\s*}}|\\{[A-Za-z_][\\w.]*}");
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("sk-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("gh[pousr]_[A-Za-z0-9]{30,}"),
            Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("AKIA[0-9A-Z]{16}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"));
    private static final Pattern UNSAFE_INSTRUCTION = Pattern.compile(
            "(?i)(ignore|disregard|forget) (all |any )?(previous|prior|above|earlier) (instructions|rules)"
                    + "|(disable|bypass|skip|turn off) (the )?(safety|safeguards?|guardrails?|validation|review)"
                    + "|(send|post|upload|exfiltrate|forward) .{0,40}(credentials|api keys?|secrets?|passwords?|tokens?)");

    private final int maxLength;

    public DefaultPromptValidator() {
        this(DEFAULT_MAX_LENGTH);
    }

    /** @param maxLength the maximum length of a proposed prompt, in characters */
    public DefaultPromptValidator(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        this.maxLength = maxLength;
    }

    @Override
    public ValidationResult validate(String currentPrompt, String proposedPrompt) {
        List<Violation> violations = new ArrayList<>();
        if (proposedPrompt.isBlank()) {
            violations.add(new Violation("prompt-empty", "the proposed prompt is empty", 0, 0, ""));
            return ValidationResult.rejected(violations);
        }
        if (proposedPrompt.length() > maxLength) {
            violations.add(new Violation("prompt-too-long", "the proposed prompt has " + proposedPrompt.length()
                    + " characters, more than the limit of " + maxLength, 0, 0, ""));
        }
        Set<String> kept = placeholders(proposedPrompt);
        for (String placeholder : placeholders(currentPrompt)) {
            if (!kept.contains(placeholder)) {
                violations.add(new Violation("placeholder-removed", "template placeholder " + placeholder
                        + " of the current prompt is missing", 0, 0, placeholder));
            }
        }
        for (Pattern secret : SECRETS) {
            Matcher matcher = secret.matcher(proposedPrompt);
            if (matcher.find()) {
                violations.add(new Violation("secret", "the proposed prompt contains what looks like a secret",
                        lineOf(proposedPrompt, matcher.start()), 0, "[redacted]"));
            }
        }
        Matcher unsafe = UNSAFE_INSTRUCTION.matcher(proposedPrompt);
        while (unsafe.find()) {
            if (!currentPrompt.contains(unsafe.group())) {
                violations.add(new Violation("unsafe-instruction", "instruction that would disable safeguards or"
                        + " exfiltrate data", lineOf(proposedPrompt, unsafe.start()), 0, unsafe.group()));
            }
        }
        return violations.isEmpty() ? ValidationResult.accepted() : ValidationResult.rejected(violations);
    }

    private static Set<String> placeholders(String prompt) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(prompt);
        while (matcher.find()) {
            found.add(matcher.group().replaceAll("\\s+", ""));
        }
        return found;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
