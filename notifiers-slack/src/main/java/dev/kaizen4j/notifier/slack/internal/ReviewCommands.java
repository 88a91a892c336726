package dev.kaizen4j.notifier.slack.internal;

import dev.kaizen4j.review.Verdict;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads decisions out of reactions and thread replies. */
public final class ReviewCommands {

    /** A decision written in a reply: the verdict and the notes after it. */
    public record Command(Verdict verdict, String notes) {}

    /** The reaction names (without colons) that decide, and how. */
    public static final Map<String, Verdict> REACTIONS = Map.of(
            "white_check_mark", Verdict.APPROVED,
            "x", Verdict.REJECTED,
            "arrows_counterclockwise", Verdict.NEEDS_WORK);

    private static final Pattern REPLY = Pattern.compile(
            "\\s*(approved?|reject(?:ed)?|needs[ -]work)\\b\\s*(?:[:\\-\u2013\u2014]\\s*)?(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ReviewCommands() {}

    /** The decision a reply states, when its text starts with one: {@code approve}, {@code reject: why}, {@code needs work: notes}. */
    public static Optional<Command> parseReply(String text) {
        Matcher matcher = REPLY.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Verdict verdict = Verdict.parse(matcher.group(1).toLowerCase(Locale.ROOT).replace(' ', '-')).orElseThrow();
        return Optional.of(new Command(verdict, unescape(matcher.group(2).strip())));
    }

    /** The verdict a reaction stands for; skin-tone variants ({@code white_check_mark::skin-tone-2}) count too. */
    public static Optional<Verdict> parseReaction(String name) {
        int modifier = name.indexOf("::");
        return Optional.ofNullable(REACTIONS.get(modifier < 0 ? name : name.substring(0, modifier)));
    }

    private static String unescape(String mrkdwn) {
        return mrkdwn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
