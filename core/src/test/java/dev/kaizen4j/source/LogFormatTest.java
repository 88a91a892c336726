package dev.kaizen4j.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.model.Conversation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogFormatTest {

    @TempDir
    Path directory;

    @Test
    void tellsTheFormatFromTheStartOfTheContent() {
        assertThat(LogFormat.detect("{\"resourceSpans\":[]}\n")).isEqualTo(LogFormat.OTLP);
        assertThat(LogFormat.detect("{\n  \"resourceSpans\": [\n")).isEqualTo(LogFormat.OTLP);
        assertThat(LogFormat.detect("\uFEFF[{\"content\":\"hi\",\"role\":\"user\"}]")).isEqualTo(LogFormat.AG2);
        assertThat(LogFormat.detect("{\n \"task_id\": \"t\",\n \"messages\": [\n")).isEqualTo(LogFormat.AG2);
        assertThat(LogFormat.detect("{\"id\":\"t\",\"chat_history\":[]}\n")).isEqualTo(LogFormat.AG2);
        assertThat(LogFormat.detect("{\"task_id\":\"t\",\"agent_name\":\"a\",\"metadata\":{\"messages\":3}}\n"))
                .isEqualTo(LogFormat.JSONL);
        assertThat(LogFormat.detect("")).isEqualTo(LogFormat.JSONL);
    }

    @Test
    void anUnknownFormatNameIsInvalidInputNamingTheChoices() {
        assertThat(LogFormat.parse(" OTLP ")).isEqualTo(LogFormat.OTLP);
        assertThatThrownBy(() -> LogFormat.parse("csv")).isInstanceOf(KaizenException.class)
                .hasMessage("unknown log format 'csv': use jsonl, otlp or ag2");
    }

    @Test
    void detectingAMissingPathSaysWhatIsMissing() {
        assertThatThrownBy(() -> LogFormat.detect(directory.resolve("nope.jsonl"))).isInstanceOf(KaizenException.class)
                .hasMessageContaining("log path not found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jsonl/product-team.jsonl, JSONL", "otlp/genai-older.json, OTLP", "ag2/math-team.json, AG2"})
    void everySourceReportsTheBytesItRead(String fixture, LogFormat format) throws IOException, URISyntaxException {
        Path file = directory.resolve(Path.of(fixture).getFileName());
        Files.copy(Path.of(getClass().getResource("/formats/" + fixture).toURI()), file);
        AtomicLong read = new AtomicLong();

        try (Stream<Conversation> tasks = format.open(file, null, read::addAndGet).conversations(ConversationQuery.all())) {
            assertThat(tasks.count()).isPositive();
        }

        assertThat(read.get()).isEqualTo(Files.size(file)).isEqualTo(format.totalBytes(file));
    }
}
