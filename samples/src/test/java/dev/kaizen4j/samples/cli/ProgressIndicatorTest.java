package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.ConversationSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProgressIndicatorTest {

    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter err = new StringWriter();

    @Test
    void showsOnlyOnATerminalAndNotWhenQuiet() {
        assertThat(ProgressIndicator.wanted(true, false)).isTrue();
        assertThat(ProgressIndicator.wanted(false, false)).isFalse();
        assertThat(ProgressIndicator.wanted(true, true)).isFalse();
    }

    @Test
    void theLineGivesBytesOfTotalEventsPerSecondAndTimeLeft() {
        ProgressIndicator progress = new ProgressIndicator(new PrintWriter(err), 100L * 1024 * 1024, nanos::get);
        ConversationSource counted = progress.counting(source(4000));

        nanos.set(2_000_000_000L);
        progress.advanced(25L * 1024 * 1024);
        try (Stream<Conversation> tasks = counted.conversations(ConversationQuery.all())) {
            tasks.forEach(task -> { });
        }

        assertThat(progress.line(2_000_000_000L))
                .isEqualTo("Reading logs: 25.0 MB of 100.0 MB (25%), 2,000 events/s, ETA 0:06");
        assertThat(err.toString()).contains("\rReading logs: 25.0 MB of 100.0 MB (25%)").endsWith(System.lineSeparator());
    }

    @Test
    void aShortReadDrawsNothing() {
        ProgressIndicator progress = new ProgressIndicator(new PrintWriter(err), 1024, nanos::get);

        nanos.set(500_000_000L);
        progress.advanced(1024);
        progress.finish();

        assertThat(err.toString()).isEmpty();
    }

    private static ConversationSource source(int events) {
        ConversationEvent event = new ConversationEvent(Instant.EPOCH, "t", "task", "a", "m", MessageType.UPDATE, null,
                Map.of());
        return (query, problems) -> Stream.of(Conversation.of("t", "task", java.util.Collections.nCopies(events, event)));
    }
}
