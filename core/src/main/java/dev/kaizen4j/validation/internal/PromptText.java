package dev.kaizen4j.validation.internal;

import java.text.Normalizer;
import java.util.Map;

/**
 * A prompt in three forms that keep track of where each character came from: Unicode compatibility
 * form (NFKC); normalized for instruction matching (lower case, look-alike letters folded, invisible
 * characters and markdown emphasis dropped, white space collapsed); and that with digits read as letters.
 */
public final class PromptText {

    private static final Map<Character, Character> LOOK_ALIKES = Map.ofEntries(
            Map.entry('а', 'a'), Map.entry('е', 'e'), Map.entry('о', 'o'), Map.entry('р', 'p'), Map.entry('с', 'c'),
            Map.entry('у', 'y'), Map.entry('х', 'x'), Map.entry('і', 'i'), Map.entry('ѕ', 's'), Map.entry('ј', 'j'),
            Map.entry('ԁ', 'd'), Map.entry('ο', 'o'), Map.entry('α', 'a'), Map.entry('ε', 'e'), Map.entry('ι', 'i'),
            Map.entry('ν', 'v'), Map.entry('ρ', 'p'), Map.entry('τ', 't'), Map.entry('κ', 'k'), Map.entry('ѵ', 'v'),
            Map.entry('ɡ', 'g'), Map.entry('ı', 'i'), Map.entry('’', '\''), Map.entry('‘', '\''));
    private static final Map<Character, Character> LEET = Map.of('0', 'o', '1', 'i', '3', 'e', '4', 'a', '5', 's',
            '7', 't', '@', 'a', '$', 's', '!', 'i');

    private final String original;
    private final String compatible;
    private final int[] compatibleOrigin;
    private final String normalized;
    private final int[] normalizedOrigin;
    private final String leet;

    public PromptText(String original) {
        this.original = original;
        StringBuilder compatibleText = new StringBuilder(original.length());
        int[] compatibleMap = new int[original.length() * 4 + 4];
        StringBuilder normalizedText = new StringBuilder(original.length());
        int[] normalizedMap = new int[original.length() * 4 + 4];
        boolean space = true;
        for (int offset = 0; offset < original.length(); ) {
            int codePoint = original.codePointAt(offset);
            int width = Character.charCount(codePoint);
            String form = codePoint < 0x80 ? original.substring(offset, offset + width)
                    : Normalizer.normalize(original.substring(offset, offset + width), Normalizer.Form.NFKC);
            for (int i = 0; i < form.length() && compatibleText.length() < compatibleMap.length; i++) {
                compatibleMap[compatibleText.length()] = offset;
                compatibleText.append(form.charAt(i));
            }
            if (!SourceText.isHidden(codePoint)) {
                for (int i = 0; i < form.length(); i++) {
                    char c = Character.toLowerCase(form.charAt(i));
                    c = LOOK_ALIKES.getOrDefault(c, c);
                    if (c == '*' || c == '_' || c == '~' || c == '`' || c == '|' || c == '#') {
                        continue;
                    }
                    if (Character.isWhitespace(c)) {
                        if (space) {
                            continue;
                        }
                        c = c == '\n' ? '\n' : ' ';
                        space = true;
                    } else {
                        space = false;
                    }
                    if (normalizedText.length() < normalizedMap.length) {
                        normalizedMap[normalizedText.length()] = offset;
                        normalizedText.append(c);
                    }
                }
            }
            offset += width;
        }
        this.compatible = compatibleText.toString();
        this.compatibleOrigin = compatibleMap;
        this.normalized = normalizedText.toString();
        this.normalizedOrigin = normalizedMap;
        StringBuilder leetText = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            leetText.append(LEET.getOrDefault(c, c));
        }
        this.leet = leetText.toString();
    }

    public String compatible() {
        return compatible;
    }

    public String normalized() {
        return normalized;
    }

    /** The normalized text with digits and symbols read as the letters they imitate; same offsets. */
    public String leet() {
        return leet;
    }

    public int lineOfCompatible(int index) {
        return lineOfOriginal(originAt(compatibleOrigin, compatible.length(), index));
    }

    public int columnOfCompatible(int index) {
        return columnOfOriginal(originAt(compatibleOrigin, compatible.length(), index));
    }

    public int lineOfNormalized(int index) {
        return lineOfOriginal(originAt(normalizedOrigin, normalized.length(), index));
    }

    public int columnOfNormalized(int index) {
        return columnOfOriginal(originAt(normalizedOrigin, normalized.length(), index));
    }

    /** The original text behind a range of the normalized text. */
    public String originalOf(int start, int end) {
        int from = originAt(normalizedOrigin, normalized.length(), start);
        int to = end >= normalized.length() ? original.length()
                : originAt(normalizedOrigin, normalized.length(), end);
        return original.substring(Math.min(from, to), Math.max(from, to)).strip();
    }

    public int lineOfOriginal(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < original.length(); i++) {
            if (original.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    public int columnOfOriginal(int offset) {
        int start = original.lastIndexOf('\n', Math.max(0, Math.min(offset, original.length()) - 1)) + 1;
        return offset - start + 1;
    }

    private static int originAt(int[] origins, int length, int index) {
        if (length == 0) {
            return 0;
        }
        return origins[Math.max(0, Math.min(index, length - 1))];
    }
}
