package dev.kaizen4j.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.internal.Parallelism;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Not a timed test: the benchmark runs end to end on a small log and the analysis report stays byte-identical. */
class AnalysisBenchmarkTest {

    /** SHA-256 of the report of the 4 MB log generated with seed 42, as {@link ReportCheck} prints it. */
    private static final String REPORT_DIGEST_4MB = "9f282b66d5638624fc0a5e9f30837ae7027aa1dce45bfc747e25dc4b8c6ef931";

    @TempDir
    Path directory;

    @Test
    void reportOfTheGeneratedLogIsUnchanged() throws Exception {
        Path log = directory.resolve("log.jsonl");
        LogGenerator.generate(log, 4L << 20, 42);

        String digest = ReportCheck.sha256(ReportCheck.reportJson(log));

        assertThat(digest).as("report digest; an optimization must not change the report").isEqualTo(REPORT_DIGEST_4MB);
    }

    @Test
    void benchmarkRunsOnASmallLogAndPrintsTheThreeRatios() throws Exception {
        Path log = directory.resolve("small.jsonl");
        LogGenerator.generate(log, 1L << 20, 42);
        String output = printed(() -> AnalysisBenchmark.main(new String[] {log.toString(), "1", "1", "1"}));
        assertThat(output).contains("DuckDB v1.4.4").containsPattern("analysis/parse \\d+\\.\\d\\dx")
                .containsPattern("analysis/duckdb \\d+\\.\\d\\dx").containsPattern("read\\+group/parse \\d+\\.\\d\\dx")
                .contains("warm-up 1 (untimed)").containsPattern("Events on one thread .* \\d+\\.\\d\\dx the bare parse");
        long failedInLog = Files.readAllLines(log).stream().filter(line -> line.contains("\"task_failed\"")).count();
        assertThat(output).contains(failedInLog + " failed");
        if (Parallelism.EXAMINING_DEFAULT == 1) {
            assertThat(output).containsPattern("Examining tasks .* \\d+\\.\\d\\d s, \\d+\\.\\d\\dx the bare parse");
        } else {
            assertThat(output).doesNotContain("Examining tasks");
        }
    }

    @Test
    void parallelismCheckComparesTheSettingsGivenOnASmallLog() throws Exception {
        Path log = directory.resolve("small.jsonl");
        LogGenerator.generate(log, 1L << 20, 42);
        String output = printed(() -> ParallelismCheck.main(new String[] {log.toString(), "1", "4", "1", "2"}));
        assertThat(output).containsPattern("1 examining thread\\(s\\): mean \\d+\\.\\d{3} s, least .* over 1 rounds")
                .containsPattern("2 examining thread\\(s\\): mean \\d+\\.\\d{3} s").contains("round 1, 2 examining thread(s)");
    }

    @Test
    void compareBuildsTimesTwoClassPathsAlternatelyOnASmallLog() throws Exception {
        Path log = directory.resolve("small.jsonl");
        LogGenerator.generate(log, 1L << 20, 42);
        String classPath = System.getProperty("java.class.path");
        String output = printed(() -> CompareBuilds.main(new String[] {classPath, classPath, log.toString(), "4"}));
        assertThat(output).contains("round 1, first (").contains("round 2, second (")
                .containsPattern("first \\(.*\\): mean \\d+\\.\\d{3} s, least .* over 1 rounds")
                .containsPattern("second / first: mean wall time \\d+\\.\\d{3}, mean cpu \\d+\\.\\d{3}");
    }

    @Test
    void compareBuildsRefusesAMissingClassPathEntry() {
        Path log = directory.resolve("absent.jsonl");
        String missing = directory.resolve("no-such.jar").toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompareBuilds.main(
                        new String[] {missing, missing, log.toString(), "4"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such class path entry")
                .hasMessageContaining("no-such.jar");
    }

    @Test
    void profileSummaryCountsTheStagesOfARecordedAnalysis() throws Exception {
        Path log = directory.resolve("small.jsonl");
        LogGenerator.generate(log, 1L << 20, 42);
        Path recording = directory.resolve("analysis.jfr");
        try (jdk.jfr.Recording recorder = new jdk.jfr.Recording()) {
            recorder.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
            recorder.start();
            for (int round = 0; round < 20; round++) {
                AnalysisBenchmark.analyze(log);
            }
            recorder.stop();
            recorder.dump(recording);
        }

        ProfileSummary.Summary summary = ProfileSummary.summarize(recording);
        String output = printed(() -> ProfileSummary.main(new String[] {recording.toString(), "3"}));

        assertThat(summary.samples()).isPositive();
        assertThat(summary.stages().get("examining tasks (all detectors and attribution)"))
                .isPositive().isLessThanOrEqualTo(summary.samples());
        assertThat(summary.selfFrames().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(summary.samples());
        assertThat(output).containsPattern("samples: [\\d,]+").containsPattern("parsing chunks: \\d+\\.\\d%")
                .contains("top frames:");
    }

    /** A benchmark's main method as it runs. */
    private interface Main {
        void run() throws Exception;
    }

    /** What {@code main} prints to standard output. */
    private static String printed(Main main) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(console);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
