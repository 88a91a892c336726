package dev.kaizen4j.benchmarks.analysis;

import com.sun.management.OperatingSystemMXBean;
import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

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
        int[] settings = new int[args.length - 3];
        for (int i = 0; i < settings.length; i++) {
            settings[i] = Integer.parseInt(args[i + 3]);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[settings.length];
        double[] leastWall = new double[settings.length];
        double[] cpu = new double[settings.length];
        Arrays.fill(leastWall, Double.MAX_VALUE);
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < settings.length; s++) {
                long start = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                AnalysisBenchmark.analyze(file, DefaultEffectivenessAnalyzer.builder().parallelism(settings[s]).build());
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
                System.out.printf(Locale.ROOT, "round %d, %d examining thread(s): %.2f s (cpu %.2f s)%s%n", round + 1,
                        settings[s], seconds, cpuSeconds, round < WARM_UP ? ", warm-up" : "");
                if (round >= WARM_UP) {
                    wall[s] += seconds;
                    leastWall[s] = Math.min(leastWall[s], seconds);
                    cpu[s] += cpuSeconds;
                }
            }
        }
        int counted = rounds - WARM_UP;
        if (counted < 1) {
            System.out.println("no round counted: the first " + WARM_UP + " rounds of each setting are warm-up");
            return;
        }
        for (int s = 0; s < settings.length; s++) {
            System.out.printf(Locale.ROOT, "%d examining thread(s): mean %.3f s, least %.3f s, mean cpu %.3f s over %d"
                    + " rounds%n", settings[s], wall[s] / counted, leastWall[s], cpu[s] / counted, counted);
        }
    }
}
