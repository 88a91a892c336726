package dev.kaizen4j.benchmarks.analysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.internal.Parallelism;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.source.internal.ChunkedEventReader;
import dev.kaizen4j.team.TeamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the analysis of a large log against a bare Jackson streaming parse of the same file and
 * against DuckDB reading and grouping it by task: throughput (MB/s, events/s), peak heap and the ratio of the two times.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.AnalysisBenchmark \
 *     /tmp/kaizen4j-1g.jsonl 1024
 * </pre>
 *
 * The first argument is the log (generated with {@link LogGenerator} when missing), the second its
 * size in MB when generated (default 1024), the third the rounds to run (default 3; the best is kept),
 * the fourth the warm-up rounds run before them, untimed, as JMH would (default 0). Each warm-up
 * round still prints its times: the first is what a single cold run of the analysis costs.
 */
public final class AnalysisBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AnalysisBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/kaizen4j-1g.jsonl");
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            LogGenerator.generate(file, megabytes << 20, 42);
            System.out.printf(Locale.ROOT, "Generated %s (%d MB) in %.1f s%n", file, Files.size(file) >> 20,
                    (System.nanoTime() - start) / 1e9);
        }
        double size = Files.size(file) / (1024.0 * 1024.0);
        System.out.printf(Locale.ROOT, "Log %s: %.0f MB, max heap %d MB, %d processors%n", file, size,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        for (int round = 0; round < warmups; round++) {
            long start = System.nanoTime();
            bareParse(file);
            double parse = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            readEvents(file);
            double events = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            group(file);
            double source = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            analyze(file);
            double analysis = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "warm-up %d (untimed): bare parse %.2f s, events on one thread %.2f s,"
                    + " source %.2f s, analysis %.2f s%n", round + 1, parse, events, source, analysis);
        }

        double bestParse = Double.MAX_VALUE;
        double bestEvents = Double.MAX_VALUE;
        double bestSource = Double.MAX_VALUE;
        double bestAnalysis = Double.MAX_VALUE;
        double bestDuck = Double.MAX_VALUE;
        long[] duckCounts = new long[0];
        long events = 0;
        long parsePeak = 0;
        long sourcePeak = 0;
        long analysisPeak = 0;
        long sourceLive = 0;
        long analysisLive = 0;
        double leastExamining = Double.MAX_VALUE;
        EffectivenessReport report = null;
        for (int round = 0; round < rounds; round++) {
            HeapSampler sampler = HeapSampler.start();
            long start = System.nanoTime();
            long cpu = OS.getProcessCpuTime();
            events = bareParse(file);
            double parse = (System.nanoTime() - start) / 1e9;
            double parseCpu = (OS.getProcessCpuTime() - cpu) / 1e9;
            parsePeak = Math.max(parsePeak, sampler.stop());
            bestParse = Math.min(bestParse, parse);

            start = System.nanoTime();
            readEvents(file);
            bestEvents = Math.min(bestEvents, (System.nanoTime() - start) / 1e9);

            sampler = HeapSampler.start();
            start = System.nanoTime();
            cpu = OS.getProcessCpuTime();
            long own = THREADS.getCurrentThreadCpuTime();
            long grouped = group(file);
            double source = (System.nanoTime() - start) / 1e9;
            double sourceCpu = (OS.getProcessCpuTime() - cpu) / 1e9;
            double groupingCpu = (THREADS.getCurrentThreadCpuTime() - own) / 1e9;
            sourcePeak = Math.max(sourcePeak, sampler.stop());
            sourceLive = Math.max(sourceLive, sampler.live());
            bestSource = Math.min(bestSource, source);

            sampler = HeapSampler.start();
            start = System.nanoTime();
            cpu = OS.getProcessCpuTime();
            own = THREADS.getCurrentThreadCpuTime();
            report = analyze(file);
            double analysis = (System.nanoTime() - start) / 1e9;
            double analysisCpu = (OS.getProcessCpuTime() - cpu) / 1e9;
            double consumingCpu = (THREADS.getCurrentThreadCpuTime() - own) / 1e9;
            leastExamining = Math.min(leastExamining, consumingCpu - groupingCpu);
            analysisPeak = Math.max(analysisPeak, sampler.stop());
            analysisLive = Math.max(analysisLive, sampler.live());
            bestAnalysis = Math.min(bestAnalysis, analysis);

            start = System.nanoTime();
            duckCounts = duckDbGroup(file);
            double duck = (System.nanoTime() - start) / 1e9;
            bestDuck = Math.min(bestDuck, duck);
            System.out.printf(Locale.ROOT, "round %d: ratios analysis/parse %.2fx, analysis/duckdb %.2fx,"
                    + " group/parse %.2fx (duckdb %.2f s)%n", round + 1, analysis / parse, analysis / duck,
                    source / parse, duck);
            System.out.printf(Locale.ROOT, "round %d: bare parse %.2f s (cpu %.2f s), source %.2f s (cpu %.2f s, %.2f s"
                    + " on the consuming thread, %.2fx, %d tasks), analysis %.2f s (cpu %.2f s, %.2f s on the consuming"
                    + " thread, %.2fx)%n", round + 1, parse, parseCpu, source, sourceCpu, groupingCpu, source / parse,
                    grouped, analysis, analysisCpu, consumingCpu, analysis / parse);
        }
        System.out.printf(Locale.ROOT, "%nBare Jackson parse: %.2f s, %.0f MB/s, %.0f events/s, peak heap %d MB%n",
                bestParse, size / bestParse, events / bestParse, parsePeak >> 20);
        System.out.printf(Locale.ROOT, "Events on one thread (parsed into the model, not grouped): %.2f s, %.2fx the bare"
                + " parse%n", bestEvents, bestEvents / bestParse);
        System.out.printf(Locale.ROOT, "Source (parse + group into tasks): %.2f s, %.0f MB/s, %.0f events/s, peak heap %d MB"
                + " (live after GC %d MB)%n", bestSource, size / bestSource, events / bestSource, sourcePeak >> 20,
                sourceLive >> 20);
        System.out.printf(Locale.ROOT, "Analysis (source + analyzer): %.2f s, %.0f MB/s, %.0f events/s, peak heap %d MB"
                + " (live after GC %d MB)%n", bestAnalysis, size / bestAnalysis, events / bestAnalysis,
                analysisPeak >> 20, analysisLive >> 20);
        if (Parallelism.EXAMINING_DEFAULT == 1) {
            // Only then are all tasks examined on the consuming thread, as the grouping is in the source pass.
            System.out.printf(Locale.ROOT, "Examining tasks (the consuming thread's CPU in the analysis less its CPU"
                    + " in the source pass, least of %d): %.2f s, %.2fx the bare parse%n", rounds, leastExamining,
                    leastExamining / bestParse);
        }
        System.out.printf(Locale.ROOT, "DuckDB %s (read_json_auto + GROUP BY task): %.2f s, %.0f MB/s; %d tasks,"
                + " %d events, %d failed%n", duckDbVersion(), bestDuck, size / bestDuck, duckCounts[0], duckCounts[1],
                duckCounts[2]);
        System.out.printf(Locale.ROOT, "Ratio to bare parse: source %.2fx, analysis %.2fx (target <= 1.5x)%n",
                bestSource / bestParse, bestAnalysis / bestParse);
        System.out.printf(Locale.ROOT, "Best of %d: analysis/parse %.2fx (target <= 1.5x), analysis/duckdb %.2fx"
                + " (target < 1x), read+group/parse %.2fx (duckdb/parse %.2fx)%n", rounds, bestAnalysis / bestParse,
                bestAnalysis / bestDuck, bestSource / bestParse, bestDuck / bestParse);
        System.out.printf(Locale.ROOT, "Report: %d tasks, %d failed, %d findings, %d attributions%n",
                report.metrics().tasksTotal(), report.metrics().tasksFailed(), report.findings().size(),
                report.attributions().size());
    }

    /** Every token of every line, nothing kept: the floor any JSON reading of the file pays. */
    static long bareParse(Path file) throws IOException {
        JsonFactory factory = new JsonFactory();
        long objects = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = factory.createParser(in)) {
            JsonToken token;
            int depth = 0;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT) {
                    if (depth == 0) {
                        objects++;
                    }
                    depth++;
                } else if (token == JsonToken.END_OBJECT) {
                    depth--;
                }
            }
        }
        return objects;
    }

    /**
     * The peer: DuckDB reads the same file with {@code read_json_auto} and groups it by task, computing
     * the task-level counts (tasks, events, failed tasks); two threads, like the analysis.
     */
    static long[] duckDbGroup(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement settings = connection.createStatement()) {
            settings.execute("SET threads = 2");
            String sql = "SELECT count(*), coalesce(sum(events), 0), coalesce(sum(failed), 0) FROM ("
                    + " SELECT task_id, count(*) AS events,"
                    + " max(CASE WHEN message_type = 'task_failed' THEN 1 ELSE 0 END) AS failed"
                    + " FROM read_json_auto(?) WHERE team_name = 'marketing-team' GROUP BY team_name, task_id)";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, file.toString());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)};
                }
            }
        }
    }

    static String duckDbVersion() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT version()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * Parses every line into the model's events on the calling thread, without grouping them: what reading
     * costs before any analysis, against the bare parse on the same single thread.
     */
    static long readEvents(Path file) {
        long events = 0;
        try (ChunkedEventReader reader = new ChunkedEventReader(List.of(file), null, event -> true, 1,
                ChunkedEventReader.DEFAULT_CHUNK_BYTES)) {
            for (ChunkedEventReader.Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                events += chunk.events().size();
            }
        }
        return events;
    }

    /** Reads and groups the log into tasks, nothing more. */
    static long group(Path file) {
        try (Stream<Conversation> tasks = JsonlConversationSource.of(file)
                .conversations(ConversationQuery.team("marketing-team"))) {
            return tasks.count();
        }
    }

    static EffectivenessReport analyze(Path file) {
        return analyze(file, DefaultEffectivenessAnalyzer.create());
    }

    /** The full analysis of the generated team's tasks in {@code file} by {@code analyzer}. */
    static EffectivenessReport analyze(Path file, DefaultEffectivenessAnalyzer analyzer) {
        try (Stream<Conversation> tasks = JsonlConversationSource.of(file)
                .conversations(ConversationQuery.team("marketing-team"))) {
            return analyzer.analyze(tasks, TeamSpec.named("marketing-team"));
        }
    }

    /**
     * The heap's peak while a pass runs, from the collector's own notifications rather than by polling,
     * which cost the pass a few percent: the used heap peaks just before a collection, and what a
     * collection leaves is what is live.
     */
    static final class HeapSampler implements NotificationListener {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final Set<String> heapPools = new HashSet<>();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong liveAfterGc = new AtomicLong();
        private volatile boolean running = true;

        static HeapSampler start() {
            System.gc();
            HeapSampler sampler = new HeapSampler();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    sampler.heapPools.add(pool.getName());
                }
            }
            sampler.peak.set(sampler.memory.getHeapMemoryUsage().getUsed());
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(sampler, null, null);
                }
            }
            return sampler;
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!running || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            peak.accumulateAndGet(heapUsed(gc.getMemoryUsageBeforeGc()), Math::max);
            liveAfterGc.accumulateAndGet(heapUsed(gc.getMemoryUsageAfterGc()), Math::max);
        }

        private long heapUsed(Map<String, MemoryUsage> pools) {
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            return used;
        }

        long stop() {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            running = false;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof NotificationEmitter emitter) {
                    try {
                        emitter.removeNotificationListener(this);
                    } catch (ListenerNotFoundException alreadyRemoved) {
                        // Nothing to remove.
                    }
                }
            }
            return peak.get();
        }

        /** The largest heap left live by a collection during the pass. */
        long live() {
            return liveAfterGc.get();
        }
    }
}
