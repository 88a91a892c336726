package dev.kaizen4j.analysis.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes labelled logs of failed tasks for evaluating failure attribution: for each team style, a
 * development half and a held-out half generated from different seeds. Every task has exactly one
 * injected decisive mistake (agent and step), and realistic consequences downstream of it.
 *
 * <p>Run {@code main} with the output folder to regenerate; {@link EvalDataTest} checks that the
 * committed files are exactly what this generator writes and that the held-out half never changes.
 */
public final class EvalLogGenerator {

    /** Tasks per style and half. */
    static final int TASKS = 60;

    static final List<TeamStyle> STYLES = List.of(new OrchestratorTeam(), new ExpertGroup(), new PlannerExecutor(),
            new SupportHandoffs());

    static final List<String> HALVES = List.of("dev", "heldout");

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private EvalLogGenerator() {}

    /** One generated half of one style: the JSON Lines log and the labels sidecar, as text. */
    record Generated(String style, String half, String log, String labels, List<TaskLog.Label> labelList) {

        String logFile() {
            return style + "-" + half + ".jsonl";
        }

        String labelFile() {
            return style + "-" + half + "-labels.json";
        }
    }

    static long seed(int styleIndex, String half) {
        return (half.equals("dev") ? 1_000L : 90_000L) + 31L * styleIndex;
    }

    static Generated generate(int styleIndex, String half) {
        TeamStyle style = STYLES.get(styleIndex);
        Random random = new Random(seed(styleIndex, half));
        Wording wording = new Wording(random);
        StringBuilder log = new StringBuilder();
        List<TaskLog.Label> labels = new ArrayList<>();
        Instant start = Instant.parse(half.equals("dev") ? "2026-03-02T09:00:00Z" : "2026-04-06T09:00:00Z");
        for (int i = 1; i <= TASKS; i++) {
            String taskId = String.format(Locale.ROOT, "%s-%s-%03d", style.name(), half, i);
            TaskLog task = new TaskLog(style.name() + "-team", taskId, start.plusSeconds(3_600L * i), random);
            style.write(task, wording);
            labels.add(task.label());
            for (Map<String, Object> event : task.events()) {
                try {
                    log.append(JSON.writeValueAsString(event)).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        List<Map<String, Object>> sidecar = new ArrayList<>();
        for (TaskLog.Label label : labels) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("task_id", label.taskId());
            entry.put("agent", label.agent());
            entry.put("step", label.step());
            entry.put("mode", label.mode());
            sidecar.add(entry);
        }
        try {
            String labelsJson = PRETTY.writeValueAsString(Map.of("attributions", sidecar)) + "\n";
            return new Generated(style.name(), half, log.toString(), labelsJson, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Generated> generateAll() {
        List<Generated> all = new ArrayList<>();
        for (int i = 0; i < STYLES.size(); i++) {
            for (String half : HALVES) {
                all.add(generate(i, half));
            }
        }
        return all;
    }

    /** Writes every style's halves to the folder given as the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "core/src/test/resources/analysis/eval");
        Files.createDirectories(dir);
        for (Generated generated : generateAll()) {
            Files.writeString(dir.resolve(generated.logFile()), generated.log(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(generated.labelFile()), generated.labels(), StandardCharsets.UTF_8);
        }
    }
}
