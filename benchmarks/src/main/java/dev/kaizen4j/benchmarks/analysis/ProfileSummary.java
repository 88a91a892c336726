package dev.kaizen4j.benchmarks.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes the execution samples of a JDK Flight Recorder recording of the analysis: the share of samples in
 * each stage (a sample counts for a stage when the stage's method is on its stack) and the methods most often on
 * top of the stack. Record with, for example:
 *
 * <pre>
 * java -Xmx256m '-XX:StartFlightRecording=filename=x.jfr,settings=profile,jdk.ExecutionSample#period=1ms' \
 *     -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.ReportCheck /tmp/kaizen4j-200m.jsonl 200 report.json
 * java -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.ProfileSummary x.jfr 5
 * </pre>
 *
 * Arguments: the recording, and how many top frames to print (default 10).
 */
public final class ProfileSummary {

    /** The stages reported, by the method that runs each. */
    private static final Map<String, String> STAGES = stages();

    private ProfileSummary() {}

    private static Map<String, String> stages() {
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("examining tasks (all detectors and attribution)",
                "dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer$Pass.examine");
        stages.put("of which detectors", "dev.kaizen4j.analysis.internal.Detectors.detect");
        stages.put("of which failure attribution", "dev.kaizen4j.analysis.internal.FailureAttributor.attribute");
        stages.put("grouping events into tasks",
                "dev.kaizen4j.source.JsonlConversationSource$TaskAssembler.accept");
        stages.put("parsing chunks", "dev.kaizen4j.source.internal.ChunkedEventReader.parseLines");
        return stages;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ProfileSummary <recording.jfr> [top frames]");
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Summary summary = summarize(Path.of(args[0]));
        System.out.printf(Locale.ROOT, "samples: %,d%n", summary.samples());
        summary.stages().forEach((stage, count) -> System.out.printf(Locale.ROOT, "%s: %s%n", stage,
                share(count, summary.samples())));
        System.out.println("top frames:");
        summary.selfFrames().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEach(frame -> System.out.printf(Locale.ROOT, "  %s %s%n", share(frame.getValue(),
                        summary.samples()), frame.getKey()));
    }

    /** The samples counted, the samples of each stage and, per method, the samples with it on top. */
    record Summary(int samples, Map<String, Integer> stages, Map<String, Integer> selfFrames) {}

    static Summary summarize(Path recording) throws IOException {
        int samples = 0;
        Map<String, Integer> stages = new LinkedHashMap<>();
        STAGES.keySet().forEach(stage -> stages.put(stage, 0));
        Map<String, Integer> self = new TreeMap<>();
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        for (RecordedEvent event : events) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            Set<String> methods = new HashSet<>();
            for (RecordedFrame frame : stack.getFrames()) {
                methods.add(name(frame));
            }
            self.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
            STAGES.forEach((stage, method) -> {
                if (methods.contains(method)) {
                    stages.merge(stage, 1, Integer::sum);
                }
            });
        }
        return new Summary(samples, stages, self);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String share(int count, int total) {
        return String.format(Locale.ROOT, "%.1f%%", total == 0 ? 0.0 : 100.0 * count / total);
    }
}
