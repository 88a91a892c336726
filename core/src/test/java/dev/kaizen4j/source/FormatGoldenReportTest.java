package dev.kaizen4j.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.AgentMetrics;
import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.team.TeamSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analysis report of each format's fixture, digested to its key figures, against a reviewed golden file in
 * {@code formats/golden/}. To accept an intended change, run with {@code -Dkaizen4j.golden.write=true} and
 * review the diff of the golden files.
 */
class FormatGoldenReportTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jsonl/product-team.jsonl, JSONL, product-team",
        "otlp/genai-current.jsonl, OTLP, research-team",
        "otlp/genai-older.json, OTLP, support-team",
        "otlp/openinference.jsonl, OTLP, support-team",
        "ag2/library-team.json, AG2, library-team",
        "ag2/math-team.json, AG2, math-team"})
    void theReportOfEachFormatsFixtureMatchesItsGoldenDigest(String fixture, LogFormat format, String team)
            throws IOException, URISyntaxException {
        Path path = resource("/formats/" + fixture);
        assertThat(LogFormat.detect(path)).isEqualTo(format);
        EffectivenessReport report;
        try (Stream<Conversation> tasks = format.open(path, null, ReadProgress.NONE)
                .conversations(ConversationQuery.team(team))) {
            report = DefaultEffectivenessAnalyzer.create().analyze(tasks, TeamSpec.named(team));
        }
        String digest = digest(report);
        Path golden = Path.of("src/test/resources/formats/golden", fixture.replace('/', '-') + ".txt");
        if (Boolean.getBoolean("kaizen4j.golden.write")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, digest);
        }
        assertThat(golden).as("golden file (write it with -Dkaizen4j.golden.write=true)").exists();
        assertThat(digest).isEqualTo(Files.readString(golden));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FormatGoldenReportTest.class.getResource(name).toURI());
    }

    static String digest(EffectivenessReport report) {
        StringBuilder text = new StringBuilder();
        var metrics = report.metrics();
        text.append(String.format(Locale.ROOT, "team %s: %d tasks, %d completed, %d failed, success rate %.2f,"
                        + " average completion %.1f s%n", report.team(), metrics.tasksTotal(), metrics.tasksCompleted(),
                metrics.tasksFailed(), metrics.successRate(), metrics.averageCompletionSeconds()));
        for (AgentMetrics agent : report.agents()) {
            text.append(String.format(Locale.ROOT, "agent %s: %d messages, %d tool calls, %d tool errors, %d errors,"
                            + " %d tasks, %d failures attributed%n", agent.agent(), agent.messages(), agent.toolCalls(),
                    agent.toolErrors(), agent.errors(), agent.tasksInvolved(), agent.failuresAttributed()));
        }
        for (FailureAttribution attribution : report.attributions()) {
            text.append(String.format(Locale.ROOT, "attribution %s -> %s at step %d%n", attribution.taskId(),
                    attribution.agent(), attribution.step()));
        }
        text.append("findings: ").append(report.findings().stream().map(Finding::id).sorted()
                .collect(Collectors.joining(", "))).append('\n');
        return text.toString();
    }
}
