package dev.kaizen4j.recorder;

import dev.kaizen4j.model.ConversationEvent;

/**
 * Where recorded events go: a log file, a database table. Implementations must be safe for concurrent
 * use: agents running in parallel write at once.
 */
public interface ConversationSink extends AutoCloseable {

    /** Records {@code event}. Must not throw into the agent loop: failures are logged and counted. */
    void accept(ConversationEvent event);

    /** Makes everything accepted so far durable. */
    default void flush() {}

    @Override
    default void close() {
        flush();
    }
}
