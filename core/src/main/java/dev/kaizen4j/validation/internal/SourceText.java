package dev.kaizen4j.validation.internal;

import dev.kaizen4j.validation.RuleIds;
import dev.kaizen4j.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks on the raw text of a proposal and access to its lines. */
public final class SourceText {

    private final String[] lines;

    public SourceText(String text) {
        this.lines = lines(text);
    }

    /** The lines of {@code text}, split at {@code \r\n}, {@code \r} and {@code \n}, without a regex. */
    private static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, index));
                if (c == '\r' && index + 1 < text.length() && text.charAt(index + 1) == '\n') {
                    index++;
                }
                start = index + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(String[]::new);
    }

    /** The trimmed text of a 1-based line, or an empty string. */
    public String line(int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
    }

    /**
     * Whether {@code codePoint} is invisible or changes the direction of text (Trojan Source, ASCII
     * smuggling with tag characters, data hidden in supplementary variation selectors). The joiner
     * U+200D counts too, except inside an emoji sequence.
     */
    public static boolean isHidden(int codePoint) {
        return (codePoint >= 0x200B && codePoint <= 0x200F) || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2060 && codePoint <= 0x2064) || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x00AD || codePoint == 0xFEFF || codePoint == 0x180E || codePoint == 0x061C
                || (codePoint >= 0xE0000 && codePoint <= 0xE007F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
    }

    /**
     * Unicode escapes that stand for plain ASCII (a way to hide code from a reader, for example
     * {@code \u000a} ending a comment) and invisible characters, on lines the current code does not have.
     */
    public static List<Violation> obfuscation(String current, String proposed) {
        if (!suspicious(proposed)) {
            return List.of();
        }
        Set<String> known = new HashSet<>(List.of(lines(current)));
        String[] lines = lines(proposed);
        List<Violation> violations = new ArrayList<>();
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            if (known.contains(line)) {
                continue;
            }
            int escape = asciiEscape(line);
            if (escape >= 0) {
                violations.add(new Violation(RuleIds.OBFUSCATED_SOURCE,
                        "a unicode escape spells plain ASCII, which hides what the code does", index + 1, escape + 1,
                        line.strip()));
            }
            for (int offset = 0; offset < line.length(); ) {
                int codePoint = line.codePointAt(offset);
                if (isHidden(codePoint) && !(index == 0 && offset == 0 && codePoint == 0xFEFF)) {
                    violations.add(new Violation(RuleIds.HIDDEN_CHARACTERS, String.format(
                            "invisible or bidirectional character U+%04X", codePoint), index + 1, offset + 1,
                            line.strip()));
                    break;
                }
                offset += Character.charCount(codePoint);
            }
        }
        return violations;
    }

    private static boolean suspicious(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') || (c >= 0x00AD && (isHidden(c)
                    || Character.isSurrogate(c)))) {
                return true;
            }
        }
        return false;
    }

    private static int asciiEscape(String line) {
        int backslashes = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == 'u' && backslashes % 2 == 1) {
                int j = i;
                while (j < line.length() && line.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= line.length()) {
                    try {
                        int value = Integer.parseInt(line.substring(j, j + 4), 16);
                        if (value < 0x80) {
                            return i - 1;
                        }
                    } catch (NumberFormatException ignored) {
                        // not an escape
                    }
                }
            }
            backslashes = 0;
        }
        return -1;
    }

    /** Whether two texts are the same once every whitespace character is removed. */
    public static boolean sameIgnoringWhitespace(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length() && Character.isWhitespace(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && Character.isWhitespace(b.charAt(j))) {
                j++;
            }
            if (i == a.length() || j == b.length()) {
                return i == a.length() && j == b.length();
            }
            if (a.charAt(i++) != b.charAt(j++)) {
                return false;
            }
        }
    }
}
