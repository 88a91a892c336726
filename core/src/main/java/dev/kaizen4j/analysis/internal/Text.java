package dev.kaizen4j.analysis.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Cheap text measures used by the detectors and the attribution: normalized hashes and content words. */
public final class Text {

    /**
     * For each ASCII character: its lower case if it is a letter or digit, else 0. Declared first: the
     * trigger tables below are built from it.
     */
    private static final char[] ASCII_WORD = new char[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII_WORD[c] = c;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_WORD[c] = c;
            ASCII_WORD[c - 32] = c;
        }
    }

    private static final Set<String> STOPWORDS = Set.of(
            "the", "and", "for", "that", "this", "with", "you", "are", "was", "were", "will", "have", "has", "had",
            "not", "but", "can", "our", "your", "its", "it's", "from", "into", "about", "there", "their", "they",
            "them", "then", "than", "what", "when", "where", "which", "who", "why", "how", "all", "any", "also",
            "just", "now", "let", "lets", "let's", "please", "thanks", "thank", "here", "some", "more", "most",
            "would", "could", "should", "been", "being", "does", "did", "done", "get", "got", "one", "two", "use",
            "using", "need", "needs", "task", "step", "next", "sure", "okay", "yes", "very", "much", "like", "make",
            "only", "each", "other", "over", "under", "out", "off", "per", "via", "team", "these", "those", "him",
            "her", "his", "she", "may", "might", "must", "shall", "want", "see", "way", "well");

    static final Phrases HEDGE = Phrases.compile(
            "\\b(i assume|assuming|assumption|probably|i think|i believe|i guess|likely|presumably|should be fine"
                    + "|roughly|approximately|estimate[ds]?|without (checking|verifying|testing)|not sure|unverified"
                    + "|from memory|i recall|seems to|appears to|might be|may be)\\b");

    static final Phrases CRITICISM = Phrases.compile(
            "\\b(wrong|incorrect|inaccurate|not correct|isn't correct|is not right|mistake|mistaken|error in|errors in"
                    + "|outdated|out of date|hallucinat\\w*|made up|fabricat\\w*|contradict\\w*|doesn't match"
                    + "|does not match|don't match|do not match|mismatch|missing|misses|missed|forgot|ignored"
                    + "|off[- ]topic|not what|wasn't asked|not asked|invalid|bogus|miscalculat\\w*|wrong number"
                    + "|discrepanc\\w*|not found|does not exist|doesn't exist|no such|failed to|fails to|broken"
                    + "|not (?:accurate|valid|supported|true)|unsupported|unsourced|no source|supposed to"
                    + "|never mentions?|doesn't mention|does not mention|no mention|lacks|can'?t use|cannot use"
                    + "|should have|instead of|stale|too old|not right|wasn't right|is off|are off)\\b");

    static final Phrases GIVE_UP = Phrases.compile(
            "\\b((could not|couldn't|cannot|can't|unable to|not able to|failed to|wasn't able to|was not able to)"
                    + " (find|locate|access|determine|compute|complete|deliver|answer|get|obtain|verify|calculate|confirm"
                    + "|retrieve|open|load|reach)|(is|are) not available|not (be )?available|no record|does not appear"
                    + "|doesn't appear|giving up|give up|no (data|information|results|content) (was |were )?"
                    + "(found|available|returned|retrieved)|nothing (was )?(found|retrieved|returned)|not possible to"
                    + "|unable to determine|could not be (found|confirmed|determined|verified)|not found)\\b");

    static final Phrases FAILURE_ACK = Phrases.compile(
            "\\b(fail\\w*|error\\w*|did not work|didn't work|not work(ing)?|unavailable|timed out|time ?out"
                    + "|crash\\w*|exception|could not|couldn't|unable)\\b");

    /** Words that make a sentence a request rather than a report: "please verify", not "I verified". */
    static final Phrases REQUEST_FORM = Phrases.compile(
            "\\b(please|pls|can you|could you|would you|will you|kindly|need|needs|requesting|request|over to"
                    + "|for (verification|review|approval|sign-?off|a check))\\b");

    static final Phrases CHECK_REQUEST = Phrases.compile(
            "\\b(verif\\w*|double[- ]check\\w*|cross[- ]check\\w*|check\\w*|review\\w*|validat\\w*|confirm\\w*"
                    + "|approv\\w*|sign[- ]?off|look over|take a look|sanity[- ]check\\w*|proofread\\w*|second opinion"
                    + "|vet)\\b");

    static final Phrases DEFERS = Phrases.compile(
            "\\b(taking (that|this|it) as given|based on (that|this|your|his|her|their|\\w+'s)"
                    + "|as (reported|instructed|requested|planned|suggested|stated|given)|following the (plan|instructions?)"
                    + "|per the plan|per (your|the) (instructions?|request)|using (the|that|this) (value|figure|number|data)"
                    + "|from the (value|figure|number|data) (reported|given|provided))\\b");

    static final Phrases RESET = Phrases.compile(
            "\\b(start(ing)? over|from scratch|start(ing)? from the (beginning|top)|restart(ing)? the task"
                    + "|let'?s begin again|begin again|forget (everything|all that|what i said)"
                    + "|reset (the|our) (conversation|discussion|task)|back to square one)\\b");

    static final Phrases VERIFY = Phrases.compile(
            "\\b(verif\\w*|double[- ]check\\w*|checked|checking|cross[- ]check\\w*|review\\w*|validat\\w*|tested"
                    + "|test(s|ing)?|confirm\\w*|proofread\\w*|sanity[- ]check\\w*|fact[- ]check\\w*|re-?ran|rerun)\\b");

    static final Phrases APPROVAL = Phrases.compile(
            "\\b(looks good|lgtm|approved?|verified|all (tests )?pass(ed)?|is correct|are correct|correct answer"
                    + "|confirmed|checks out|good to go|ship it|well done|great work|no issues|looks (correct|right|fine|ok"
                    + "|okay|accurate|valid|sound)|(logic|reasoning|approach|result|answer) (is|seems|looks) (sound|right"
                    + "|correct|fine|valid)|go ahead|agree with|i agree|signed off|sign off on|ok from my side"
                    + "|no objections?|proceed|is accurate|all good)\\b");

    private static final Pattern TERMINATE = Pattern.compile("\\bTERMINATE\\b");

    /** Families of words whose prefixes {@link #triggers} looks for, one bit each. */
    public static final int RESET_WORDS = 1;
    public static final int CRITICISM_WORDS = 2;
    public static final int GIVE_UP_WORDS = 4;
    public static final int HEDGE_WORDS = 8;

    private static final Triggers TRIGGERS = new Triggers()
            .add(CRITICISM_WORDS, "wrong", "incorrect", "inaccura", "correct", "right",
                    "mistak", "error", "outdated", "date", "hallucinat", "made up", "fabricat", "contradict", "match",
                    "mismatch", "missing", "misses", "missed", "forgot", "ignored", "off", "what", "asked", "invalid",
                    "bogus", "miscalculat", "discrepanc", "found", "exist", "such", "fail", "broken", "accurate",
                    "valid", "support", "true", "unsupported", "unsourced", "source", "supposed", "mention", "lacks",
                    "can", "should", "instead", "stale", "old")
            .add(GIVE_UP_WORDS, "could", "can", "unable", "able", "available",
                    "record", "appear", "giving", "give", "data", "information", "results", "possible", "failed",
                    "wasn", "was", "content", "nothing", "not")
            .add(HEDGE_WORDS, "assum", "probably", "think", "believe", "guess",
                    "likely", "presumably", "fine", "roughly", "approximately", "estimate", "without", "sure",
                    "unverified", "memory", "recall", "seems", "appears", "might", "may")
            .add(RESET_WORDS, "start", "scratch", "restart", "begin", "forget", "reset", "square");

    private Text() {}

    /** Longest text copied into the per-thread buffer; longer texts get an array of their own. */
    private static final int BUFFER_CHARS = 1 << 16;
    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[4096]);

    /**
     * The first {@code end} characters of {@code text} in an array: scanning an array is much cheaper
     * than {@link String#charAt} (no coder test or bounds check per character). Valid until the next call
     * on the same thread.
     */
    static char[] chars(String text, int end) {
        char[] buffer = BUFFER.get();
        if (end > buffer.length) {
            if (end > BUFFER_CHARS) {
                char[] own = new char[end];
                text.getChars(0, end, own, 0);
                return own;
            }
            buffer = new char[Math.max(end, buffer.length * 2)];
            BUFFER.set(buffer);
        }
        text.getChars(0, end, buffer, 0);
        return buffer;
    }

    /**
     * Word prefixes that must occur in a text before a pattern can match it: a cheap test at word
     * starts that spares most texts the regular expression. All families share one trie, so one scan
     * of a text answers for all of them.
     */
    private static final class Triggers {
        private static final int ALPHABET = 27;
        /** For each ASCII character, its index in the trie's alphabet: a letter's place, else 26. */
        private static final byte[] ASCII_INDEX = new byte[128];

        static {
            for (char c = 0; c < 128; c++) {
                char lower = ASCII_WORD[c];
                ASCII_INDEX[c] = (byte) (lower >= 'a' ? lower - 'a' : 26);
            }
        }

        /** The trie, flat: the child of node {@code n} by index {@code i} is {@code next[n * 27 + i]}, 0 for none. */
        private int[] next = new int[64 * ALPHABET];
        /** Per node, the families that have a prefix ending there. */
        private int[] families = new int[64];
        private int all;
        private int size = 1;

        Triggers add(int family, String... prefixes) {
            all |= family;
            for (String prefix : prefixes) {
                int node = 0;
                for (int i = 0; i < prefix.length(); i++) {
                    int edge = node * ALPHABET + index(prefix.charAt(i));
                    if (next[edge] == 0) {
                        if (size == families.length) {
                            next = java.util.Arrays.copyOf(next, size * 2 * ALPHABET);
                            families = java.util.Arrays.copyOf(families, size * 2);
                        }
                        next[edge] = size++;
                    }
                    node = next[edge];
                }
                families[node] |= family;
            }
            return this;
        }

        private static int index(char c) {
            if (c < 128) {
                return ASCII_INDEX[c];
            }
            char lower = Character.toLowerCase(c);
            return lower >= 'a' && lower <= 'z' ? lower - 'a' : 26;
        }

        /** The families with a prefix that some word of the first {@code end} characters starts with. */
        int in(String string, int end) {
            char[] text = chars(string, end);
            int[] next = this.next;
            int[] families = this.families;
            int found = 0;
            boolean afterWordChar = false;
            for (int i = 0; i < end; i++) {
                char c = text[i];
                boolean wordChar = c < 128 ? ASCII_WORD[c] != 0 : Character.isLetterOrDigit(c);
                boolean startsWord = !afterWordChar;
                afterWordChar = wordChar;
                if (!startsWord) {
                    continue;
                }
                int node = 0;
                for (int j = i; j < end; j++) {
                    node = next[node * ALPHABET + index(text[j])];
                    if (node == 0) {
                        break;
                    }
                    found |= families[node];
                }
                if (found == all) {
                    return found;
                }
            }
            return found;
        }
    }

    /**
     * The families of trigger words ({@link #RESET_WORDS}, {@link #CRITICISM_WORDS}, {@link #GIVE_UP_WORDS},
     * {@link #HEDGE_WORDS}) that words of the first {@code end} characters of {@code text} start with, as
     * bits: one scan that the phrase tests below can share ({@code hedges(text, triggers(text, n))}).
     */
    public static int triggers(String text, int end) {
        return TRIGGERS.in(text, Math.min(end, text.length()));
    }

    /** The length {@link #normalizedHash} starts from: messages of different lengths hash differently. */
    public static int hashedLength(String message) {
        return Math.min(message.length(), 1 << 20);
    }

    /** A hash of the message ignoring case, punctuation and spacing; 0 for messages shorter than {@code minChars}. */
    public static long normalizedHash(String message, int minChars) {
        long hash = 1125899906842597L + hashedLength(message);
        int letters = 0;
        boolean pendingSpace = false;
        int end = Math.min(message.length(), 2000);
        char[] chars = chars(message, end);
        for (int i = 0; i < end; i++) {
            char c = chars[i];
            char lower = c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
            if (lower != 0) {
                if (pendingSpace && letters > 0) {
                    hash = 31 * hash + ' ';
                }
                pendingSpace = false;
                hash = 31 * hash + lower;
                letters++;
            } else {
                pendingSpace = true;
            }
        }
        return letters < minChars ? 0 : hash;
    }

    static final long[] STOPWORD_HASHES = STOPWORDS.stream()
            .mapToLong(word -> wordHash(word.toCharArray(), 0, word.length())).sorted().toArray();

    /**
     * The content words of the first {@code limit} characters of a text as sorted, distinct hashes:
     * lower case, plural "s" dropped, at least three characters, no stop words, no strings made.
     */
    public static long[] wordHashes(String string, int limit) {
        int end = Math.min(limit, string.length());
        char[] text = chars(string, end);
        long[] hashes = HASHES.get();
        int size = 0;
        int i = 0;
        while (i < end) {
            char lower = wordChar(text, i, end);
            if (lower == 0) {
                i++;
                continue;
            }
            // A word: hashed in a loop of its own, so that the loop above only looks for the next one.
            int start = i;
            long hash = WORD_SEED;
            long withoutLast;
            do {
                withoutLast = hash;
                hash = (hash ^ lower) * WORD_PRIME;
                i++;
            } while (i < end && (lower = wordChar(text, i, end)) != 0);
            int length = i - start;
            if (length < 3) {
                continue;
            }
            char last = text[i - 1];
            char before = text[i - 2];
            if (length > 4 && (last == 's' || last == 'S') && before != 's' && before != 'S') {
                hash = withoutLast;
            }
            // No stop word is longer than the longest one: longer words need no look-up.
            if (length > LONGEST_STOPWORD + 1 || !isStopword(hash)) {
                if (size == hashes.length) {
                    hashes = java.util.Arrays.copyOf(hashes, size * 2);
                    HASHES.set(hashes);
                }
                hashes[size++] = hash;
            }
        }
        return sortedDistinct(hashes, size);
    }

    private static final long WORD_SEED = 0x9E3779B97F4A7C15L;
    private static final long WORD_PRIME = 0x100000001B3L;

    /** Scratch space for the hashes of one text, per thread: only the sorted, distinct result is kept. */
    private static final ThreadLocal<long[]> HASHES = ThreadLocal.withInitial(() -> new long[64]);

    /**
     * The character at {@code i} as {@link #wordHashes} hashes it: lower-cased if it is a letter or digit,
     * itself if it is a symbol that belongs to a figure, else 0.
     */
    private static char wordChar(char[] text, int i, int end) {
        char c = text[i];
        if (c < 128) {
            char lower = ASCII_WORD[c];
            return lower != 0 || !isHashedSymbol(text, i, end) ? lower : c;
        }
        return Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
    }

    /** The hash {@link #wordHashes} gives the word {@code text[from, to)}, all of whose characters are word characters. */
    private static long wordHash(char[] text, int from, int to) {
        long hash = WORD_SEED;
        for (int i = from; i < to; i++) {
            hash = (hash ^ wordChar(text, i, to + 1)) * WORD_PRIME;
        }
        return hash;
    }

    /** The first {@code size} values, sorted, without repeats, in a new array of their own length. */
    static long[] sortedDistinct(long[] values, int size) {
        java.util.Arrays.sort(values, 0, size);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || values[distinct - 1] != values[i]) {
                values[distinct++] = values[i];
            }
        }
        return java.util.Arrays.copyOf(values, distinct);
    }

    /** The stop words' hashes in an open-addressing table: one or two probes instead of a binary search. */
    private static final long[] STOPWORD_TABLE = stopwordTable();

    private static long[] stopwordTable() {
        long[] table = new long[512];
        for (long hash : STOPWORD_HASHES) {
            int slot = slot(hash, table.length);
            while (table[slot] != 0) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = hash;
        }
        return table;
    }

    private static int slot(long hash, int size) {
        return (int) (hash ^ (hash >>> 29) ^ (hash >>> 47)) & (size - 1);
    }

    private static boolean isStopword(long hash) {
        long[] table = STOPWORD_TABLE;
        if (hash == 0) {
            return java.util.Arrays.binarySearch(STOPWORD_HASHES, hash) >= 0;
        }
        for (int slot = slot(hash, table.length); table[slot] != 0; slot = (slot + 1) & (table.length - 1)) {
            if (table[slot] == hash) {
                return true;
            }
        }
        return false;
    }

    private static final int LONGEST_STOPWORD = STOPWORDS.stream().mapToInt(String::length).max().orElse(0);

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && ASCII_WORD[c] != 0;
    }

    /** The symbols that belong to a hashed word: {@code %}, {@code $}, and a point or comma inside a number. */
    private static boolean isHashedSymbol(char[] text, int i, int end) {
        char c = text[i];
        if (c == '%' || c == '$') {
            return true;
        }
        return (c == '.' || c == ',') && i > 0 && i + 1 < end && Character.isDigit(text[i - 1])
                && Character.isDigit(text[i + 1]);
    }

    /** How many of the sorted hashes {@code words} are in the sorted hashes {@code other}. */
    public static int shared(long[] words, long[] other) {
        int shared = 0;
        int i = 0;
        int j = 0;
        while (i < words.length && j < other.length) {
            if (words[i] == other[j]) {
                shared++;
                i++;
                j++;
            } else if (words[i] < other[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }

    /**
     * The distinctive tokens of a text: numbers and words with a capital or digit inside, which name
     * facts (figures, entities, identifiers) rather than phrasing.
     */
    public static Set<String> factTokens(String text) {
        Set<String> facts = null;
        int start = -1;
        int n = text.length();
        char[] chars = chars(text, n);
        for (int i = 0; i <= n; i++) {
            boolean word = i < n && isWordChar(chars[i]);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                // Without a digit or capital a word cannot be a fact: most words need no string then.
                if (hasDigitOrUpper(chars, start, i)) {
                    // Trimmed and tested in place: only the lower-case string of a fact is made.
                    int from = start;
                    int to = i;
                    while (from < to && !Character.isLetterOrDigit(chars[from]) && chars[from] != '$') {
                        from++;
                    }
                    while (to > from && !Character.isLetterOrDigit(chars[to - 1]) && chars[to - 1] != '%') {
                        to--;
                    }
                    int kind = factKind(chars, from, to, start == 0 || isSentenceStart(chars, start));
                    if (kind != NOT_A_FACT) {
                        String lower = lowerCase(text, chars, from, to);
                        if (kind == FACT || !STOPWORDS.contains(lower)) {
                            if (facts == null) {
                                facts = new LinkedHashSet<>();
                            }
                            facts.add(lower);
                        }
                    }
                }
                start = -1;
            }
        }
        return facts == null ? new LinkedHashSet<>(0) : facts;
    }

    private static final int NOT_A_FACT = 0;
    private static final int FACT = 1;
    private static final int FACT_UNLESS_STOPWORD = 2;

    /** Whether the token {@code text[from, to)} names a fact: a figure, or a name written with capitals. */
    private static int factKind(char[] text, int from, int to, boolean sentenceStart) {
        int length = to - from;
        if (length == 0) {
            return NOT_A_FACT;
        }
        boolean digit = false;
        boolean innerUpper = false;
        for (int i = from; i < to; i++) {
            char c = text[i];
            digit |= Character.isDigit(c);
            innerUpper |= i > from && Character.isUpperCase(c);
        }
        if (digit) {
            return length >= 2 || (text[from] != '0' && text[from] != '1') ? FACT : NOT_A_FACT;
        }
        boolean capitalized = Character.isUpperCase(text[from]) && !sentenceStart;
        if (is(text, from, to, "TERMINATE") || is(text, from, to, "FINAL") || is(text, from, to, "ANSWER")) {
            return NOT_A_FACT;
        }
        return length >= 3 && (innerUpper || capitalized) ? FACT_UNLESS_STOPWORD : NOT_A_FACT;
    }

    private static boolean is(char[] text, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text[i] != word.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text.substring(from, to).toLowerCase(Locale.ROOT)}, made without the intermediate string when ASCII. */
    private static String lowerCase(String text, char[] chars, int from, int to) {
        char[] lower = new char[to - from];
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c >= 128) {
                return text.substring(from, to).toLowerCase(Locale.ROOT);
            }
            lower[i - from] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return new String(lower);
    }

    private static boolean hasDigitOrUpper(char[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c < 128 ? (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                    : Character.isDigit(c) || Character.isUpperCase(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSentenceStart(char[] text, int index) {
        for (int i = index - 1; i >= 0; i--) {
            char c = text[i];
            if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '*' && c != '-' && c != '(') {
                return c == '.' || c == '!' || c == '?' || c == '\n';
            }
            if (c == '\n') {
                return true;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        if (c < 128) {
            return isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '%' || c == '$' || c == '\'';
        }
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '%' || c == '$' || c == '\'';
    }

    public static int wordCount(String string) {
        int n = string.length();
        char[] text = chars(string, n);
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            boolean letter = c < 128 ? ASCII_WORD[c] != 0 : Character.isLetterOrDigit(c);
            if (letter && !inWord) {
                count++;
            }
            inWord = letter;
        }
        return count;
    }

    public static boolean hedges(String text) {
        return hedges(text, triggers(text, text.length()));
    }

    /** {@link #hedges(String)} of a text whose {@link #triggers} are already known. */
    public static boolean hedges(String text, int triggers) {
        return (triggers & HEDGE_WORDS) != 0 && HEDGE.in(text.toLowerCase(Locale.ROOT));
    }

    public static boolean criticizes(String text) {
        return criticizes(text, triggers(text, text.length()));
    }

    /** {@link #criticizes(String)} of a text whose {@link #triggers} are already known. */
    public static boolean criticizes(String text, int triggers) {
        return (triggers & CRITICISM_WORDS) != 0 && CRITICISM.in(text.toLowerCase(Locale.ROOT));
    }

    /** Whether the text claims the work cannot be done or the information does not exist. */
    public static boolean givesUp(String text) {
        return givesUp(text, triggers(text, text.length()));
    }

    /** {@link #givesUp(String)} of a text whose {@link #triggers} are already known. */
    public static boolean givesUp(String text, int triggers) {
        return (triggers & GIVE_UP_WORDS) != 0 && GIVE_UP.in(text.toLowerCase(Locale.ROOT));
    }

    static final Phrases REQUIREMENT = Phrases.compile(
            "\\b((i|we) (asked|wanted|requested|needed) (for )?|was asked|supposed to|not what (i|we) (asked|wanted|requested|needed)"
                    + "|wrong (deliverable|audience|format|language|task|question|target|scope)|misunderstood|misread the"
                    + "|did not follow the (request|brief|instructions?)|didn't follow the (request|brief|instructions?)"
                    + "|off[- ]brief|not the (deliverable|format|language) (i|we))\\b");

    /** Whether the text says the work missed what was asked for, rather than being wrong in itself. */
    public static boolean missesRequirement(String text) {
        return REQUIREMENT.in(text.toLowerCase(Locale.ROOT));
    }

    /** Whether the text says it builds on what someone else said or planned. */
    public static boolean defers(String text) {
        return DEFERS.in(text.toLowerCase(Locale.ROOT));
    }

    /** Whether the text looks like code to run. */
    public static boolean looksLikeCode(String text) {
        return text.contains("```") || text.contains("import ") || text.contains("def ") || text.contains("print(")
                || text.contains("#!/");
    }

    public static boolean resets(String text) {
        return resets(text, triggers(text, text.length()));
    }

    /** {@link #resets(String)} of a text whose {@link #triggers} are already known. */
    public static boolean resets(String text, int triggers) {
        return (triggers & RESET_WORDS) != 0 && RESET.in(text.toLowerCase(Locale.ROOT));
    }

    public static boolean mentionsVerification(String text) {
        return VERIFY.in(text.toLowerCase(Locale.ROOT));
    }

    /** Whether the text says something failed or did not work. */
    public static boolean acknowledgesFailure(String text) {
        return FAILURE_ACK.in(text.toLowerCase(Locale.ROOT));
    }

    /** Whether the text asks someone to check, verify, review or approve something. */
    public static boolean requestsCheck(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return CHECK_REQUEST.in(lower) && (lower.contains("?") || REQUEST_FORM.in(lower));
    }

    public static boolean approves(String text) {
        return APPROVAL.in(text.toLowerCase(Locale.ROOT));
    }

    public static boolean terminates(String text) {
        return text.contains("TERMINATE") && TERMINATE.matcher(text).find();
    }

    /** Whether {@code text} names {@code agent}, as written or with spaces for underscores. */
    public static boolean mentions(String text, String agent) {
        if (agent.length() < 3) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String name = agent.toLowerCase(Locale.ROOT);
        return containsWord(lower, name) || (name.contains("_") && containsWord(lower, name.replace('_', ' ')));
    }

    private static boolean containsWord(String text, String word) {
        int at = text.indexOf(word);
        while (at >= 0) {
            boolean before = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            int end = at + word.length();
            boolean after = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (before && after) {
                return true;
            }
            at = text.indexOf(word, at + 1);
        }
        return false;
    }

    /** Whether the text ends with a question mark once trailing white space is ignored. */
    public static boolean endsWithQuestionMark(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end > 0 && text.charAt(end - 1) == '?';
    }

    /** The first line of {@code text}, cut to {@code max} characters. */
    public static String excerpt(String text, int max) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        if (newline > 0) {
            line = line.substring(0, newline).strip();
        }
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
