package dev.kaizen4j.source;

import dev.kaizen4j.model.Conversation;
import java.util.stream.Stream;

/**
 * Streams a team's conversations (tasks).
 *
 * <p>Implementations stream: memory may grow with the number of tasks open at once, never with the
 * size of the input. Input that cannot be used (a malformed line, an unreadable record) is skipped
 * and reported to the listener; it never stops a run. The returned stream holds resources: close it,
 * for example with try-with-resources.
 *
 * <p>Thread safety: implementations must allow concurrent calls to {@link #conversations}, each
 * returning its own stream; one stream is consumed by one thread (the source may read with several
 * threads inside it). {@link JsonlConversationSource} keeps no state between calls.
 */
@FunctionalInterface
public interface ConversationSource {

    /**
     * Streams the conversations matching {@code query}, each with its events in log order.
     *
     * @param query which team and time window
     * @param problems receives input the source had to skip
     */
    Stream<Conversation> conversations(ConversationQuery query, SourceProblemListener problems);

    /** Streams the conversations matching {@code query}, logging skipped input. */
    default Stream<Conversation> conversations(ConversationQuery query) {
        return conversations(query, SourceProblemListener.logging());
    }
}
