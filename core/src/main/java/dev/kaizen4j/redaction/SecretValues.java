package dev.kaizen4j.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;

/**
 * Decides whether a value found next to a word such as "token" or "password" is a secret. The
 * entropy measure and its limits are those of Yelp's detect-secrets: Shannon entropy over the
 * characters of the value, above 3.0 for hexadecimal strings (lowered for all-digit strings) and
 * above 4.5 for base64 strings; the 3.5 limit for generated-looking values is gitleaks' generic rule.
 */
final class SecretValues {

    static final double HEX_LIMIT = 3.0;
    static final double BASE64_LIMIT = 4.5;
    static final double GENERATED_LIMIT = 3.5;

    /** Keywords whose values are secrets whatever they look like, unless they are placeholders. */
    private static final Set<String> WEAK = Set.of("key", "auth", "accesskey");

    private static final Set<String> PLACEHOLDERS = Set.of("password", "passwd", "secret", "token", "null", "none",
            "true", "false", "undefined", "redacted", "changeme", "string", "example", "your-token", "your_token",
            "yourtoken", "placeholder", "required", "optional", "todo", "xxx");

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** detect-secrets' ignored sequences: alphabets and hex digits in order are not keys. */
    private static final List<String> SEQUENTIAL = List.of(
            UPPER + UPPER + "0123456789" + UPPER + UPPER + "+/",
            "0123456789ABCDEFABCDEF0123456789ABCDEFABCDEF",
            UPPER + "=/");

    private SecretValues() {}

    /** A quoted value after an assignment: a secret unless it is a placeholder (weak keywords need more). */
    static boolean quoted(MatchResult match) {
        String value = match.group(3);
        return !placeholder(value) && (!weak(match.group(1)) || generated(value));
    }

    /** An unquoted value after an assignment: it must also hold a digit or look generated. */
    static boolean unquoted(MatchResult match) {
        String value = match.group(2);
        if (placeholder(value) || value.contains("://") || value.startsWith("/") || value.startsWith("./")) {
            return false;
        }
        return weak(match.group(1)) ? generated(value) : hasDigit(value) || generated(value);
    }

    /** A value after a keyword without an assignment ("credential AbC..."): only high-entropy values count. */
    static boolean bare(MatchResult match) {
        String value = match.group(2);
        if (placeholder(value) || weak(match.group(1)) && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            // Hex after a bare "key" is mostly a hash or a fingerprint ("the cache key 3f2a..."), not a secret.
            return false;
        }
        return highEntropy(value) || generated(value) && value.length() >= 16;
    }

    private static boolean weak(String keyword) {
        return WEAK.contains(keyword.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
    }

    static boolean placeholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(lower) || lower.contains("fake") || lower.contains("dummy")
                || lower.contains("[redacted") || lower.contains("redacted]")) {
            return true;
        }
        if (value.startsWith("${") || value.startsWith("{{") || value.startsWith("<") || value.startsWith("%(")
                || value.startsWith("$") || value.startsWith("#{") || value.contains("(")) {
            return true;
        }
        return value.chars().distinct().count() <= 2;
    }

    /** Letters and digits mixed, with gitleaks' generic entropy; code identifiers have no digits or repeat. */
    static boolean generated(String value) {
        return value.length() >= 8 && hasDigit(value) && value.chars().anyMatch(Character::isLetter)
                && shannon(value) >= GENERATED_LIMIT;
    }

    /** detect-secrets' high-entropy test: hex above 3.0, otherwise base64 above 4.5. */
    static boolean highEntropy(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (value.length() < 16 || SEQUENTIAL.stream().anyMatch(sequence -> sequence.contains(upper))) {
            return false;
        }
        if (value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return hexEntropy(value) > HEX_LIMIT;
        }
        if (value.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "+/=-_".indexOf(c) >= 0))) {
            return shannon(value) > BASE64_LIMIT;
        }
        return false;
    }

    /** Hex entropy, lowered for all-digit strings as detect-secrets does (they are mostly numbers, not keys). */
    static double hexEntropy(String value) {
        double entropy = shannon(value);
        if (value.length() > 1 && value.chars().allMatch(Character::isDigit)) {
            entropy -= 1.2 / (Math.log(value.length()) / Math.log(2));
        }
        return entropy;
    }

    /** Shannon entropy of the characters of {@code value}, in bits per character. */
    static double shannon(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double entropy = 0;
        for (int count : counts) {
            entropy += term(count, value.length());
        }
        return entropy + term(other, value.length());
    }

    private static double term(int count, int length) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / length;
        return -p * Math.log(p) / Math.log(2);
    }

    private static boolean hasDigit(String value) {
        return value.chars().anyMatch(Character::isDigit);
    }
}
