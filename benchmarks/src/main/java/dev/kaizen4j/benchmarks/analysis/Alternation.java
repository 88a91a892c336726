package dev.kaizen4j.benchmarks.analysis;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Times several contenders doing the same work, alternating them round by round in one JVM so that each sees
 * the same machine: on a shared machine wall times drift by 10 to 20% within minutes, more than most single
 * changes gain, so timings taken one after the other cannot tell such changes apart. The order is reversed
 * every other round, so that no contender always runs right after the same other one. The first rounds are
 * warm-up and not counted.
 */
final class Alternation {

    /** One way of doing the work, by the name it is printed under. */
    record Contender(String name, Callable<?> work) {}

    /** What the counted rounds of one contender took: mean and least wall time, mean process CPU time. */
    record Timing(String name, double meanSeconds, double leastSeconds, double meanCpuSeconds, int rounds) {

        String describe() {
            return String.format(Locale.ROOT, "%s: mean %.3f s, least %.3f s, mean cpu %.3f s over %d rounds", name,
                    meanSeconds, leastSeconds, meanCpuSeconds, rounds);
        }
    }

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Alternation() {}

    /**
     * Runs every contender {@code rounds} times, printing each round; the first {@code warmUp} rounds of each are
     * not counted. Returns one timing per contender, in the order given, or an empty list when no round counted.
     */
    static List<Timing> run(List<Contender> contenders, int rounds, int warmUp) throws Exception {
        int size = contenders.size();
        double[] wall = new double[size];
        double[] least = new double[size];
        double[] cpu = new double[size];
        Arrays.fill(least, Double.MAX_VALUE);
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < size; turn++) {
                int c = round % 2 == 0 ? turn : size - 1 - turn;
                Contender contender = contenders.get(c);
                long start = System.nanoTime();
                long cpuStart = OS.getProcessCpuTime();
                contender.work().call();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (OS.getProcessCpuTime() - cpuStart) / 1e9;
                System.out.printf(Locale.ROOT, "round %d, %s: %.2f s (cpu %.2f s)%s%n", round + 1, contender.name(),
                        seconds, cpuSeconds, round < warmUp ? ", warm-up" : "");
                if (round >= warmUp) {
                    wall[c] += seconds;
                    least[c] = Math.min(least[c], seconds);
                    cpu[c] += cpuSeconds;
                }
            }
        }
        int counted = rounds - warmUp;
        List<Timing> timings = new ArrayList<>();
        if (counted < 1) {
            System.out.println("no round counted: the first " + warmUp + " rounds of each are warm-up");
            return timings;
        }
        for (int c = 0; c < size; c++) {
            timings.add(new Timing(contenders.get(c).name(), wall[c] / counted, least[c], cpu[c] / counted, counted));
        }
        return timings;
    }
}
