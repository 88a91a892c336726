package dev.kaizen4j.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.redaction.Redactor;
import dev.kaizen4j.review.contract.MutableClock;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.source.SourceProblem;
import dev.kaizen4j.source.SourceProblemListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlConversationSinkTest {

    @TempDir
    Path directory;

    private static ConversationEvent event(String task, int i, String message) {
        return new ConversationEvent(Instant.parse("2025-06-10T09:00:00Z").plusSeconds(i), "team", task, "agent",
                message, MessageType.UPDATE, null, Map.of("step", i));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void startsANewFileWhenTheCurrentOneWouldExceedItsSizeAndKeepsTheirOrder() throws IOException {
        try (JsonlConversationSink sink = JsonlConversationSink.builder(directory).prefix("team").maxFileBytes(2048)
                .clock(Clock.fixed(Instant.parse("2025-06-10T09:00:00Z"), ZoneOffset.UTC)).build()) {
            for (int i = 0; i < 40; i++) {
                sink.accept(event("T-1", i, "message number " + i));
            }
        }

        assertThat(files()).hasSizeGreaterThan(2).first().isEqualTo("team-2025-06-10-000.jsonl");
        for (String file : files()) {
            assertThat(Files.size(directory.resolve(file))).isLessThanOrEqualTo(2048);
        }
        try (Stream<Conversation> tasks = JsonlConversationSource.of(directory).conversations(ConversationQuery.all())) {
            assertThat(tasks.toList()).singleElement().satisfies(task -> assertThat(task.events())
                    .extracting(event -> event.metadataNumber("step").getAsDouble())
                    .isSorted().hasSize(40));
        }
    }

    @Test
    void startsANewFileEachDay() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-10T23:59:59Z"));
        try (JsonlConversationSink sink = JsonlConversationSink.builder(directory).clock(clock).build()) {
            sink.accept(event("T-1", 0, "late"));
            clock.advance(Duration.ofSeconds(2));
            sink.accept(event("T-1", 1, "early"));
        }

        assertThat(files()).containsExactly("conversation-2025-06-10-000.jsonl", "conversation-2025-06-11-000.jsonl");
    }

    @Test
    void redactsMessagesAndTextMetadataBeforeWriting() throws IOException {
        String key = "sk-proj-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6";
        try (JsonlConversationSink sink = JsonlConversationSink.builder(directory).redactor(Redactor.defaults())
                .build()) {
            sink.accept(new ConversationEvent(Instant.EPOCH, "team", "T-1", "agent", "use key " + key,
                    MessageType.TOOL_CALL, null, Map.of("tool", "http", "arguments", Map.of("auth", key))));
        }

        String written = Files.readString(directory.resolve(files().get(0)));
        assertThat(written).doesNotContain(key).contains("[REDACTED:");
    }

    @Test
    void concurrentWritersProduceOnlyWholeLines() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (JsonlConversationSink sink = JsonlConversationSink.builder(directory).maxFileBytes(64 * 1024).build()) {
            for (int thread = 0; thread < 8; thread++) {
                String task = "T-" + thread;
                pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        sink.accept(event(task, i, "x".repeat(i % 50)));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        List<SourceProblem> problems = new ArrayList<>();
        try (Stream<Conversation> tasks = JsonlConversationSource.of(directory).conversations(ConversationQuery.all(),
                SourceProblemListener.collectingInto(problems))) {
            assertThat(tasks.toList()).hasSize(8).allSatisfy(task -> assertThat(task.events()).hasSize(500));
        }
        assertThat(problems).isEmpty();
    }
}
