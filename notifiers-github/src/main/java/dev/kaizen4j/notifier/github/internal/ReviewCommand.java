package dev.kaizen4j.notifier.github.internal;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.review.Verdict;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A decision written as a comment: {@code /approve [NOTES]}, {@code /reject REASON} or
 * {@code /needs-work NOTES} at the start of the comment; the notes run to the end of the comment.
 *
 * @param verdict the decision
 * @param notes what follows the command, stripped
 */
public record ReviewCommand(Verdict verdict, String notes) {

    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z][A-Za-z_-]*)(?:[ \\t]+|\\R|$)(.*)",
            Pattern.DOTALL);

    public ReviewCommand {
        requireNonNull(verdict, "verdict");
        requireNonNull(notes, "notes");
    }

    /** The command a comment body starts with, if it starts with one. */
    public static Optional<ReviewCommand> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher matcher = COMMAND.matcher(body.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String word = matcher.group(1).toLowerCase(Locale.ROOT);
        Optional<Verdict> verdict = switch (word) {
            case "approve", "approved" -> Optional.of(Verdict.APPROVED);
            case "reject", "rejected" -> Optional.of(Verdict.REJECTED);
            case "needs-work", "needs_work", "needswork", "request-changes" -> Optional.of(Verdict.NEEDS_WORK);
            default -> Optional.empty();
        };
        return verdict.map(v -> new ReviewCommand(v, matcher.group(2).strip()));
    }
}
