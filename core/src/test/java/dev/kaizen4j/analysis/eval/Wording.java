package dev.kaizen4j.analysis.eval;

import java.util.List;
import java.util.Random;

/** Random choices and template filling for generated logs; templates use {@code {name}} placeholders. */
final class Wording {

    private static final String[] SYLLABLES = {
        "var", "hol", "men", "dra", "kis", "tor", "bel", "quin", "ost", "ley", "rav", "um", "cor", "nel", "fa",
        "bri", "sto", "lan", "wick", "ay", "zen", "mor", "gal", "ith", "pe", "run", "del", "sk", "ova", "tam"
    };
    private static final String[] GIVEN = {
        "Maria", "Jonas", "Aiko", "Tomas", "Leila", "Ruth", "Pavel", "Ines", "Kofi", "Greta", "Samir", "Olga",
        "Hugo", "Mei", "Tariq", "Elena", "Bruno", "Nadia"
    };

    private final Random random;

    Wording(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int between(int lowInclusive, int highInclusive) {
        return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
    }

    /** Picks one template and fills it: {@code fill(templates, "v", "12", "q", "...")}. */
    String fill(String[] templates, String... pairs) {
        return fillOne(pick(templates), pairs);
    }

    static String fillOne(String template, String... pairs) {
        String text = template;
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            text = text.replace("{" + pairs[i] + "}", pairs[i + 1]);
        }
        return text;
    }

    String placeName() {
        String name = pick(SYLLABLES) + pick(SYLLABLES) + (chance(0.5) ? pick(SYLLABLES) : "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    String personName() {
        return pick(GIVEN) + " " + placeName() + pick("", "son", "er", "i");
    }

    /** A number written as loggers and models write it: grouped or not. */
    String number(long value) {
        if (value >= 10_000 && chance(0.5)) {
            return String.format(java.util.Locale.ROOT, "%,d", value);
        }
        return Long.toString(value);
    }

    /** A plausible wrong value near {@code truth}: off by a little, or two digits swapped. */
    long nearMiss(long truth) {
        String digits = Long.toString(truth);
        if (digits.length() >= 3 && chance(0.4)) {
            int i = between(1, digits.length() - 2);
            if (digits.charAt(i) != digits.charAt(i + 1)) {
                char[] chars = digits.toCharArray();
                char swap = chars[i];
                chars[i] = chars[i + 1];
                chars[i + 1] = swap;
                return Long.parseLong(new String(chars));
            }
        }
        long delta = Math.max(1, Math.round(truth * (0.02 + random.nextDouble() * 0.2)));
        return chance(0.5) ? truth + delta : Math.max(1, truth - delta);
    }
}
