package dev.kaizen4j.benchmarks.validation;

import dev.kaizen4j.validation.JavaParserSafeCodeValidator;
import dev.kaizen4j.validation.SafeCodeValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The cases of {@link SafeCodeValidatorBenchmark}, timed as the CPU time of the validating thread
 * rather than wall-clock time: on a machine shared with other work, wall-clock medians measure the
 * scheduler as much as the validator, CPU time much less so. Prints the median and the 10th and 90th
 * percentiles of each case, after as many warm-up runs as half the measured ones.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.validation.SafeCodeValidatorCpuTime [runs]
 * </pre>
 */
public final class SafeCodeValidatorCpuTime {

    private SafeCodeValidatorCpuTime() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        if (runs < 10) {
            throw new IllegalArgumentException("at least 10 runs, got " + runs);
        }
        String current = AgentSourceGenerator.agentSource(500);
        String parameterChange = current.replace("MAX_SEARCH_RETRIES = 0;", "MAX_SEARCH_RETRIES = 2;");
        String hostileChange = current.replace("            try {\n", "            try {\n"
                + "                Runtime.getRuntime().exec(query);\n");
        for (boolean incremental : new boolean[] {true, false}) {
            SafeCodeValidator validator = JavaParserSafeCodeValidator.builder().incrementalParsing(incremental).build();
            String mode = incremental ? "incrementalParsing(true), the default" : "incrementalParsing(false)";
            print(mode, "safe change, current file analysed before", runs,
                    () -> validator.validate(current, parameterChange).isAccepted());
            print(mode, "safe change, fresh validator", runs, () -> JavaParserSafeCodeValidator.builder()
                    .incrementalParsing(incremental).build().validate(current, parameterChange).isAccepted());
            print(mode, "hostile change", runs, () -> validator.validate(current, hostileChange).isRejected());
        }
    }

    private static void print(String mode, String name, int runs, Supplier<Boolean> validation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[runs];
        for (int i = -runs / 2; i < runs; i++) {
            long start = threads.getCurrentThreadCpuTime();
            if (!validation.get()) {
                throw new IllegalStateException("unexpected verdict for " + name);
            }
            if (i >= 0) {
                nanos[i] = threads.getCurrentThreadCpuTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-40s %-42s median %6.2f ms CPU (p10 %.2f, p90 %.2f)%n", mode, name,
                nanos[runs / 2] / 1e6, nanos[runs / 10] / 1e6, nanos[runs * 9 / 10] / 1e6);
    }
}
