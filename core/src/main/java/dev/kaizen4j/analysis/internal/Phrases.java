package dev.kaizen4j.analysis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A pattern of the shape {@code \b(phrase|phrase|...)...} that answers {@link Matcher#find()} while
 * trying the expression only where one of the phrases' literal beginnings occurs. Java's regex engine
 * tries every alternative at every word boundary, which made these long alternations the costliest
 * part of an analysis. Patterns of another shape fall back to a plain {@code find()}.
 */
final class Phrases {

    private static final String QUANTIFIERS = "?*{";
    private static final String META = "\\()[]{}.?*+|^$";

    private final Pattern pattern;
    /** The literal beginnings of the alternatives by their first character, or null for a plain find. */
    private final String @Nullable [][] starts;
    /** Whether every beginning starts with an ASCII letter or digit: a match then starts a word. */
    private final boolean wordStarts;

    private Phrases(String regex) {
        this.pattern = Pattern.compile(regex);
        List<String> prefixes = regex.startsWith("\\b(") && regex.indexOf('^') < 0 && regex.indexOf('$') < 0
                ? prefixes(regex, new int[] {3}) : null;
        String[][] byFirst = null;
        boolean words = true;
        if (prefixes != null) {
            byFirst = new String[128][];
            for (String prefix : prefixes) {
                char first = prefix.charAt(0);
                if (first >= 128) {
                    byFirst = null;
                    break;
                }
                words &= isAsciiWordChar(first);
                String[] known = byFirst[first];
                byFirst[first] = known == null ? new String[] {prefix} : append(known, prefix);
            }
        }
        this.starts = byFirst;
        this.wordStarts = words;
    }

    static Phrases compile(String regex) {
        return new Phrases(regex);
    }

    /** Whether the pattern occurs in {@code text}, exactly as {@code pattern.matcher(text).find()}. */
    boolean in(String text) {
        String[][] byFirst = starts;
        if (byFirst == null) {
            return pattern.matcher(text).find();
        }
        Matcher matcher = null;
        int n = text.length();
        char[] chars = Text.chars(text, n);
        for (int p = 0; p < n; p++) {
            char c = chars[p];
            String[] candidates = c < 128 ? byFirst[c] : null;
            if (candidates == null || (wordStarts && p > 0 && isAsciiWordChar(chars[p - 1]))) {
                continue;
            }
            for (String prefix : candidates) {
                if (text.startsWith(prefix, p)) {
                    if (matcher == null) {
                        matcher = pattern.matcher(text).useTransparentBounds(true);
                    }
                    if (matcher.region(p, n).lookingAt()) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    private static boolean isAsciiWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static String[] append(String[] known, String prefix) {
        String[] more = java.util.Arrays.copyOf(known, known.length + 1);
        more[known.length] = prefix;
        return more;
    }

    /**
     * The literal text each alternative of the group starting at {@code at[0]} must begin with; on
     * return {@code at[0]} is just after the group. Null when some alternative has no literal beginning.
     */
    private static @Nullable List<String> prefixes(String regex, int[] at) {
        int n = regex.length();
        int i = at[0];
        if (regex.startsWith("?:", i)) {
            i += 2;
        }
        List<String> prefixes = new ArrayList<>();
        while (true) {
            if (i < n && regex.charAt(i) == '(') {
                int[] inner = {i + 1};
                List<String> nested = prefixes(regex, inner);
                i = inner[0];
                if (nested == null || (i < n && (QUANTIFIERS.indexOf(regex.charAt(i)) >= 0 || regex.charAt(i) == '+'))) {
                    return null;
                }
                prefixes.addAll(nested);
            } else {
                StringBuilder literal = new StringBuilder();
                while (i < n && META.indexOf(regex.charAt(i)) < 0) {
                    char next = i + 1 < n ? regex.charAt(i + 1) : 0;
                    if (QUANTIFIERS.indexOf(next) >= 0) {
                        break;
                    }
                    literal.append(regex.charAt(i++));
                    if (next == '+') {
                        break;
                    }
                }
                if (literal.length() == 0) {
                    return null;
                }
                prefixes.add(literal.toString());
            }
            int depth = 0;
            while (i < n) {
                char c = regex.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '[') {
                    i++;
                    while (i < n && regex.charAt(i) != ']') {
                        i += regex.charAt(i) == '\\' ? 2 : 1;
                    }
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == '|' && depth == 0) {
                    break;
                }
                i++;
            }
            if (i >= n) {
                return null;
            }
            if (regex.charAt(i) == ')') {
                at[0] = i + 1;
                return prefixes;
            }
            i++;
        }
    }

    /** The literal beginnings found, for tests; empty when the pattern is matched with a plain find. */
    List<String> beginnings() {
        List<String> all = new ArrayList<>();
        if (starts != null) {
            for (String[] group : starts) {
                if (group != null) {
                    all.addAll(List.of(group));
                }
            }
        }
        return all;
    }

    Pattern pattern() {
        return pattern;
    }
}
