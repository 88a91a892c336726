package dev.kaizen4j.benchmarks.analysis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a deterministic JSON Lines log of a four-agent team: tasks of 6 to 30 events with tool calls,
 * tool errors, feedback and outcomes, {@value #OPEN_TASKS} tasks interleaved at any time. The same
 * seed and size always give the same bytes.
 */
public final class LogGenerator {

    static final int OPEN_TASKS = 64;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final String[] TOPICS = {"sustainable packaging", "employee advocacy program", "content marketing ROI",
        "customer retention strategy", "B2B podcast sponsorship", "remote onboarding checklist", "warehouse robotics",
        "local SEO for restaurants", "marketing attribution model", "B2B email automation"};
    private static final String[] FILLER = {"The draft opens with the question we hear most on sales calls and keeps"
        + " paragraphs short.", "I pulled three recent sources and summarized the figures that matter for the brief.",
        "Structure and tone are good; the intro could be tighter and the call to action more specific.",
        "Search volume is healthy and difficulty is realistic for our domain authority.",
        "Two concepts: one leads with the pain point, the other with the time saved; both fit the budget."};

    private final SplittableRandom random;
    private LocalDateTime clock = LocalDateTime.of(2025, 6, 1, 8, 0);
    private int nextTask = 1;

    private LogGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Writes about {@code bytes} bytes of log to {@code file}. */
    public static void generate(Path file, long bytes, long seed) throws IOException {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 20)) {
            new LogGenerator(seed).write(out, bytes);
        }
    }

    private void write(Writer out, long bytes) throws IOException {
        List<List<String>> open = new ArrayList<>();
        long written = 0;
        StringBuilder line = new StringBuilder(1024);
        while (written < bytes || !open.isEmpty()) {
            while (written < bytes && open.size() < OPEN_TASKS) {
                open.add(task());
            }
            int pick = random.nextInt(open.size());
            List<String> task = open.get(pick);
            String event = task.remove(0);
            clock = clock.plusNanos(1_000_000L + random.nextInt(5_000_000));
            line.setLength(0);
            line.append("{\"timestamp\":\"").append(TIMESTAMP.format(clock)).append('"').append(event).append('\n');
            out.append(line);
            written += line.length();
            if (task.isEmpty()) {
                open.remove(pick);
            }
        }
    }

    /** One task's events, each the JSON after the timestamp field. */
    private List<String> task() {
        String id = "TASK-" + nextTask++;
        String topic = TOPICS[random.nextInt(TOPICS.length)];
        List<String> events = new ArrayList<>();
        events.add(event(id, "system", "New content request: blog post on " + topic + ".", "task_started", "manager",
                "\"task_type\":\"content\",\"target_keyword\":\"" + topic + "\",\"priority\":\"normal\""));
        events.add(event(id, "manager", "Blog post on " + topic + ". Target keyword: \\\"" + topic
                + "\\\". About 1000 words, draft by end of day.", "task_assignment", "content_creator",
                "\"task_type\":\"content\",\"word_count\":1000,\"tokens\":" + (200 + random.nextInt(200))));
        int rounds = 1 + random.nextInt(6);
        boolean failed = random.nextInt(100) < 30;
        for (int r = 0; r < rounds; r++) {
            boolean toolError = random.nextInt(100) < 15;
            events.add(event(id, "market_researcher", "web_search(\\\"" + topic + " statistics " + (2020 + r) + "\\\")",
                    "tool_call", null, "\"tool\":\"web_search\",\"tokens\":" + (30 + random.nextInt(40))));
            events.add(toolError
                    ? event(id, "web_search", "ERROR: web search failed: timeout after 30s", "tool_result",
                            "market_researcher", "\"tool\":\"web_search\",\"error\":\"timeout after 30s\"")
                    : event(id, "web_search", "1. " + topic + " report " + (2020 + r) + ": " + random.nextInt(90)
                            + "% of teams ... 2. Industry survey ... 3. Vendor blog ...", "tool_result",
                            "market_researcher", "\"tool\":\"web_search\",\"results\":3"));
            events.add(event(id, "market_researcher", FILLER[random.nextInt(FILLER.length)] + " Key figure: "
                    + random.nextInt(100) + "% (source " + (2019 + random.nextInt(6)) + ").", "answer",
                    "content_creator", "\"tokens\":" + (100 + random.nextInt(300))));
            events.add(event(id, "content_creator", "Draft v" + (r + 1) + " on " + topic + ": "
                    + FILLER[random.nextInt(FILLER.length)], "update", "manager",
                    "\"draft_version\":" + (r + 1) + ",\"word_count\":" + (900 + random.nextInt(200)) + ",\"tokens\":"
                            + (300 + random.nextInt(500))));
            events.add(event(id, "manager", FILLER[2] + " Round " + (r + 1) + ".", "feedback", "content_creator",
                    "\"tokens\":" + (50 + random.nextInt(200))));
        }
        events.add(failed
                ? event(id, "system", "Task failed: deliverable rejected.", "task_failed", null,
                        "\"outcome\":\"failure\",\"error\":\"rejected\",\"duration_seconds\":" + (600 + random.nextInt(4000)))
                : event(id, "manager", "Approved and scheduled.", "task_completion", null,
                        "\"outcome\":\"success\",\"duration_seconds\":" + (600 + random.nextInt(4000))));
        return events;
    }

    private static String event(String taskId, String agent, String message, String type, String to, String metadata) {
        return ",\"team_name\":\"marketing-team\",\"task_id\":\"" + taskId + "\",\"agent_name\":\"" + agent
                + "\",\"message\":\"" + message + "\",\"message_type\":\"" + type + "\""
                + (to == null ? "" : ",\"to_agent\":\"" + to + "\"") + ",\"metadata\":{" + metadata + "}}";
    }
}
