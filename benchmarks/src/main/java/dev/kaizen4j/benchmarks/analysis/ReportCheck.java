package dev.kaizen4j.benchmarks.analysis;

import dev.kaizen4j.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Writes the report of a generated log as JSON and prints its SHA-256, so that an optimization can be
 * checked to leave the report unchanged: run before and after, compare the digests (or the files).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.ReportCheck \
 *     /tmp/kaizen4j-16m.jsonl 16 /tmp/report.json [expected-sha256]
 * </pre>
 *
 * Exits with status 1 when an expected digest is given and differs.
 */
public final class ReportCheck {

    private ReportCheck() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args.length > 0 ? args[0] : "/tmp/kaizen4j-16m.jsonl");
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 16;
        Path out = Path.of(args.length > 2 ? args[2] : "/tmp/kaizen4j-report.json");
        if (!Files.exists(log)) {
            LogGenerator.generate(log, megabytes << 20, 42);
        }
        byte[] json = reportJson(log);
        Files.write(out, json);
        String digest = sha256(json);
        System.out.println(digest + "  " + out);
        if (args.length > 3 && !args[3].equalsIgnoreCase(digest)) {
            System.out.println("report differs from the expected " + args[3]);
            System.exit(1);
        }
    }

    /** The report of {@code log} as pretty-printed JSON, the bytes the digest is taken of. */
    static byte[] reportJson(Path log) throws Exception {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(AnalysisBenchmark.analyze(log));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
