package dev.kaizen4j.proposal.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reviewer's "needs work" notes read as edits to a list of lessons: clauses that drop a lesson
 * ("drop the lesson about retries", "remove lesson 2"), that add one ("add: cite every source", or an
 * imperative such as "Cite the source of every keyword"), and a number ("use 3 retries") for parameters.
 * Clauses it cannot act on are kept and reported, never guessed at.
 */
public final class ReviewerNotes {

    private static final Pattern CLAUSES = Pattern.compile(";|\\R|(?<=[.!?])\\s+");
    private static final Pattern DROP = Pattern.compile(
            "(?i)^(?:please\\s+)?(?:drop|remove|delete|omit|skip|leave out|cut|no need for|do not add|don't add|without)\\b\\s*(.*)");
    private static final Pattern ADD = Pattern.compile("(?i)^(?:please\\s+)?(?:add|also add|include|instead)\\b\\s*:?\\s*(.+)");
    private static final Pattern IMPERATIVE = Pattern.compile("(?i)^(?:always|never|say|state|cite|name|mention|use|"
            + "check|ask|keep|write|avoid|do|don't|make|prefer|end|start|tell|explain|list|report|give|put|"
            + "quote|link|verify|confirm|answer|wait|retry|stop)\\b.*");
    private static final Pattern ORDINAL = Pattern.compile("(?i)\\b(?:lesson|item|bullet|point)\\s*#?(\\d+)\\b|"
            + "\\b(first|second|third|fourth|fifth|last)\\s+(?:lesson|item|bullet|point)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b(\\d{1,3})\\b");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{4,}");
    private static final Set<String> STOP_WORDS = Set.of("lesson", "about", "that", "this", "with", "from", "your",
            "when", "they", "them", "then", "than", "will", "would", "should", "there", "which", "what", "have",
            "please", "drop", "remove", "delete", "item", "point", "bullet", "task", "tasks", "every");

    private final String notes;
    private final List<String> clauses;

    private ReviewerNotes(String notes, List<String> clauses) {
        this.notes = notes;
        this.clauses = clauses;
    }

    public static ReviewerNotes parse(String notes) {
        List<String> clauses = new ArrayList<>();
        for (String clause : CLAUSES.split(notes)) {
            String trimmed = clause.strip();
            if (!trimmed.isEmpty()) {
                clauses.add(trimmed);
            }
        }
        return new ReviewerNotes(notes, clauses);
    }

    /** The first whole number in the notes, for a parameter the reviewer wants set. */
    public OptionalInt number() {
        Matcher number = NUMBER.matcher(notes);
        return number.find() ? OptionalInt.of(Integer.parseInt(number.group(1))) : OptionalInt.empty();
    }

    /**
     * What the notes did to a list of lessons.
     *
     * @param dropped the lessons removed
     * @param added the lessons added
     * @param unresolved clauses nothing could be done with
     */
    public record Outcome(List<String> dropped, List<String> added, List<String> unresolved) {

        public boolean changedAnything() {
            return !dropped.isEmpty() || !added.isEmpty();
        }

        /** One line for a rationale, for example {@code Dropped the lesson "..."; added "...".} */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (!dropped.isEmpty()) {
                parts.add("dropped the lesson" + (dropped.size() > 1 ? "s " : " ") + quoted(dropped));
            }
            if (!added.isEmpty()) {
                parts.add("added " + quoted(added));
            }
            if (!unresolved.isEmpty()) {
                parts.add("did not act on " + quoted(unresolved));
            }
            if (parts.isEmpty()) {
                return "";
            }
            String text = String.join("; ", parts) + ".";
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }

        private static String quoted(List<String> texts) {
            return String.join(", ", texts.stream().map(t -> "\"" + t.replaceAll("[.!?]+$", "") + "\"").toList());
        }
    }

    /** Applies the notes to {@code lessons} in place. */
    public Outcome applyTo(List<String> lessons) {
        List<String> dropped = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (String clause : clauses) {
            Matcher drop = DROP.matcher(clause);
            Matcher add = ADD.matcher(clause);
            if (drop.matches()) {
                int index = lessonNamed(drop.group(1), lessons);
                if (index >= 0) {
                    dropped.add(lessons.remove(index));
                } else {
                    unresolved.add(clause);
                }
            } else if (add.matches()) {
                added.add(lesson(add.group(1)));
            } else if (IMPERATIVE.matcher(clause).matches()) {
                added.add(lesson(clause));
            } else {
                unresolved.add(clause);
            }
        }
        added.removeIf(lessons::contains);
        lessons.addAll(added);
        return new Outcome(dropped, added, unresolved);
    }

    /** The index of the lesson {@code reference} names, by position or by the words it shares; -1 if none. */
    private static int lessonNamed(String reference, List<String> lessons) {
        Matcher ordinal = ORDINAL.matcher(reference);
        if (ordinal.find()) {
            int index = ordinal.group(1) != null ? Integer.parseInt(ordinal.group(1)) - 1
                    : switch (ordinal.group(2).toLowerCase(Locale.ROOT)) {
                        case "first" -> 0;
                        case "second" -> 1;
                        case "third" -> 2;
                        case "fourth" -> 3;
                        case "fifth" -> 4;
                        default -> lessons.size() - 1;
                    };
            return index >= 0 && index < lessons.size() ? index : -1;
        }
        Set<String> wanted = words(reference);
        int best = -1;
        int bestShared = 0;
        for (int i = 0; i < lessons.size(); i++) {
            Set<String> shared = words(lessons.get(i));
            shared.retainAll(wanted);
            if (shared.size() > bestShared) {
                best = i;
                bestShared = shared.size();
            }
        }
        return best;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            String stem = word.group().replaceAll("ies$", "y").replaceAll("(?<!s)s$|ing$|ed$", "");
            if (!STOP_WORDS.contains(word.group()) && stem.length() >= 3) {
                words.add(stem);
            }
        }
        return words;
    }

    private static String lesson(String text) {
        String lesson = text.strip().replaceAll("^[\"'“]+|[\"'”]+$", "").strip();
        if (lesson.isEmpty()) {
            return lesson;
        }
        lesson = Character.toUpperCase(lesson.charAt(0)) + lesson.substring(1);
        return lesson.matches(".*[.!?]$") ? lesson : lesson + ".";
    }
}
