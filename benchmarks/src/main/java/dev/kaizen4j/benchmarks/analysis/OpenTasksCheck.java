package dev.kaizen4j.benchmarks.analysis;

import dev.kaizen4j.KaizenException;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a log of tasks that all start and none finish, then analyzes it: with a bounded heap the
 * reading must stop with a clear error naming the limit, never an {@link OutOfMemoryError}.
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.OpenTasksCheck \
 *     /tmp/kaizen4j-open.jsonl 1000000
 * </pre>
 */
public final class OpenTasksCheck {

    private OpenTasksCheck() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args.length > 0 ? args[0] : "/tmp/kaizen4j-open.jsonl");
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (int i = 0; i < tasks; i++) {
                out.write(String.format(Locale.ROOT, "{\"timestamp\":\"2025-06-01T08:00:00.%06d\",\"team_name\":"
                        + "\"marketing-team\",\"task_id\":\"TASK-%d\",\"agent_name\":\"system\",\"message\":\"New content"
                        + " request: blog post number %d, with a description of ordinary length.\",\"message_type\":"
                        + "\"task_started\",\"to_agent\":\"manager\",\"metadata\":{\"priority\":\"normal\"}}%n",
                        i % 1_000_000, i, i));
            }
        }
        try {
            AnalysisBenchmark.analyze(log);
            System.out.println("analyzed " + tasks + " open tasks");
        } catch (KaizenException refused) {
            System.out.println("refused: " + refused.getMessage());
        }
    }
}
