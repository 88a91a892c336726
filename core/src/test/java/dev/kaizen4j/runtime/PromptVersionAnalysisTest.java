package dev.kaizen4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.PromptVersionMetrics;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.team.TeamSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events logged through the runtime say which prompt version produced them; the analysis splits by it. */
class PromptVersionAnalysisTest {

    @TempDir
    Path directory;

    @Test
    void givenALogSpanningTwoPromptVersions_thenTheReportHasMetricsPerVersion() throws IOException {
        Path spec = Files.writeString(directory.resolve("team.yaml"), TeamPromptsTest.SPEC);
        TeamPrompts prompts = TeamPrompts.fromFile(spec);
        Path log = directory.resolve("events.jsonl");
        String first = prompts.version("writer");
        write(log, prompts, 0, 4, 3);
        Files.writeString(spec, TeamPromptsTest.SPEC.replace("You write posts for {{brand}}.",
                "You write posts for {{brand}}. Check the brief before you hand in."));
        prompts.reload();
        String second = prompts.version("writer");
        write(log, prompts, 4, 6, 0);

        EffectivenessReport report = analyze(log, spec);

        assertThat(report.promptVersions()).filteredOn(v -> v.agent().equals("writer"))
                .extracting(PromptVersionMetrics::version).containsExactly(first, second);
        PromptVersionMetrics before = version(report, "writer", first);
        PromptVersionMetrics after = version(report, "writer", second);
        assertThat(before.metrics().tasksTotal()).isEqualTo(4);
        assertThat(before.metrics().successRate()).isEqualTo(0.25);
        assertThat(after.metrics().tasksTotal()).isEqualTo(6);
        assertThat(after.metrics().successRate()).isEqualTo(1.0);
        assertThat(version(report, "editor", prompts.version("editor")).metrics().tasksTotal()).isEqualTo(10);
    }

    @Test
    void givenALogWithOneVersionPerAgent_thenNoPerVersionMetricsAreReported() throws IOException {
        Path spec = Files.writeString(directory.resolve("team.yaml"), TeamPromptsTest.SPEC);
        Path log = directory.resolve("events.jsonl");
        write(log, TeamPrompts.fromFile(spec), 0, 3, 1);

        assertThat(analyze(log, spec).promptVersions()).isEmpty();
    }

    private static void write(Path log, TeamPrompts prompts, int from, int count, int failures) {
        try (PromptVersionedEventLog events = PromptVersionedEventLog.open(log, "demo", prompts,
                Clock.fixed(Instant.parse("2025-06-16T09:00:00Z").plusSeconds(from * 60L), ZoneOffset.UTC))) {
            for (int i = from; i < from + count; i++) {
                String task = "T" + i;
                events.log(task, "writer", "proposal", "Here is the post.", "editor", Map.of());
                events.log(task, "editor", "agreement", "Approved.", null, Map.of());
                boolean failed = i - from < failures;
                events.log(task, "system", failed ? "task_failed" : "task_completion", "done",
                        null, Map.of("outcome", failed ? "failure" : "success"));
            }
        }
    }

    private static EffectivenessReport analyze(Path log, Path spec) {
        try (Stream<Conversation> conversations = JsonlConversationSource.of(log).conversations(ConversationQuery.all(),
                problem -> { throw new AssertionError(problem.toString()); })) {
            return DefaultEffectivenessAnalyzer.create().analyze(conversations, TeamSpecLoader.load(spec));
        }
    }

    private static PromptVersionMetrics version(EffectivenessReport report, String agent, String version) {
        return report.promptVersions().stream().filter(v -> v.agent().equals(agent) && v.version().equals(version))
                .findFirst().orElseThrow();
    }
}
