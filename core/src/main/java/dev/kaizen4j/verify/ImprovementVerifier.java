package dev.kaizen4j.verify;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.TimeWindow;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.ConversationSource;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Decides whether a change helped: from a randomised experiment's logs (tasks carrying
 * {@code metadata.experiment} and {@code metadata.variant}) or, where no split was possible, from the
 * weeks before and after the change went live (weaker evidence).
 *
 * <p>Implementations are thread-safe.
 */
public interface ImprovementVerifier {

    /** Verifies the experiment {@code experimentKey} from tasks; tasks of other experiments are ignored. */
    Verification experiment(String experimentKey, Stream<Conversation> tasks);

    /** Compares the tasks before a change with those after it: weaker evidence than an experiment. */
    Verification beforeAfter(Stream<Conversation> before, Stream<Conversation> after);

    /** Verifies an experiment from a source; the stream is closed before returning. */
    default Verification experiment(String experimentKey, ConversationSource source, ConversationQuery query) {
        requireNonNull(source, "source");
        try (Stream<Conversation> tasks = source.conversations(requireNonNull(query, "query"))) {
            return experiment(experimentKey, tasks);
        }
    }

    /**
     * Compares the {@code weeks} whole weeks before {@code changedAt} with the same number of weeks
     * after it, so both sides hold every weekday equally often.
     */
    default Verification beforeAfter(ConversationSource source, ConversationQuery query, Instant changedAt, int weeks) {
        requireNonNull(source, "source");
        requireNonNull(query, "query");
        requireNonNull(changedAt, "changedAt");
        if (weeks < 1) {
            throw new IllegalArgumentException("weeks must be at least 1, was " + weeks);
        }
        Duration span = Duration.ofDays(7L * weeks);
        try (Stream<Conversation> before = source.conversations(query.within(
                TimeWindow.between(changedAt.minus(span), changedAt)));
                Stream<Conversation> after = source.conversations(query.within(
                        TimeWindow.between(changedAt, changedAt.plus(span))))) {
            return beforeAfter(before, after);
        }
    }
}
