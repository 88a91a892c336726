package dev.kaizen4j.benchmarks.analysis;

import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the full analysis of one log with different numbers of examining threads, alternating them round
 * by round in one JVM so that each sees the same machine: mean and least wall time and process CPU time.
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.ParallelismCheck \
 *     /tmp/kaizen4j-200m.jsonl 200 10 1 2
 * </pre>
 *
 * Arguments: the log (generated when missing), its size in MB when generated, the rounds per setting (the
 * first three of each are warm-up and not counted), then the examining thread counts to compare. With one
 * round and one setting it times a cold run: a fresh JVM's first analysis.
 */
public final class ParallelismCheck {

    private static final int WARM_UP = 3;

    private ParallelismCheck() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        if (!Files.exists(file)) {
            LogGenerator.generate(file, Long.parseLong(args[1]) << 20, 42);
        }
        int rounds = Integer.parseInt(args[2]);
        List<Alternation.Contender> settings = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            int threads = Integer.parseInt(args[i]);
            DefaultEffectivenessAnalyzer analyzer = DefaultEffectivenessAnalyzer.builder().parallelism(threads).build();
            settings.add(new Alternation.Contender(threads + " examining thread(s)",
                    () -> AnalysisBenchmark.analyze(file, analyzer)));
        }
        Alternation.run(settings, rounds, WARM_UP).forEach(timing -> System.out.println(timing.describe()));
    }
}
