package dev.kaizen4j.samples.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketingTeamLogGeneratorTest {

    private static final String LOGS = "/examples/marketing-team/logs/";
    private static final List<String> REQUIRED_KEYS =
            List.of("timestamp", "team_name", "task_id", "agent_name", "message", "message_type");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void regeneratingTheWeekReproducesTheBundledLogsByteForByte(@TempDir Path directory) throws IOException {
        // given
        List<String> expectedNames = fileNames();

        // when
        MarketingTeamLogGenerator.generate(directory);

        // then
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(expectedNames);
        }
        for (String name : expectedNames) {
            assertThat(Files.readAllBytes(directory.resolve(name)))
                    .as(name)
                    .isEqualTo(bundled(name));
        }
    }

    @Test
    void everyLineIsAJsonObjectWithTheLogFormatKeysInOrder() throws IOException {
        for (String name : fileNames()) {
            // given
            String day = name.substring("marketing-team-".length(), name.length() - ".jsonl".length());
            String previousTimestamp = "";

            // when
            List<String> lines = lines(name);

            // then
            assertThat(lines).as(name).isNotEmpty();
            for (String line : lines) {
                JsonNode event = MAPPER.readTree(line);
                List<String> keys = new ArrayList<>();
                event.fieldNames().forEachRemaining(keys::add);
                assertThat(keys).as(line).startsWith(REQUIRED_KEYS.toArray(String[]::new));
                assertThat(keys.subList(REQUIRED_KEYS.size(), keys.size()))
                        .as(line)
                        .isIn(List.of("metadata"), List.of("to_agent", "metadata"));
                assertThat(event.get("metadata").isObject()).as(line).isTrue();
                assertThat(event.get("team_name").asText()).isEqualTo("marketing-team");
                assertThat(event.get("task_id").asText()).matches("TASK-\\d{3}");
                String timestamp = event.get("timestamp").asText();
                assertThat(timestamp).matches(day + "T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
                assertThat(timestamp).as("lines sorted by timestamp").isGreaterThanOrEqualTo(previousTimestamp);
                previousTimestamp = timestamp;
            }
        }
    }

    @Test
    void everyTaskStartsWithItsTypeAndEndsWithExactlyOneOutcomeEvent() {
        // given
        Map<String, List<JsonNode>> tasks = tasksOfTheWeek();

        // when / then
        assertThat(tasks).hasSizeBetween(80, 90);
        tasks.forEach((taskId, events) -> {
            assertThat(events.get(0).path("metadata").path("task_type").asText())
                    .as(taskId).isIn("content", "research", "campaign");
            List<JsonNode> outcomes = events.stream().filter(MarketingTeamLogGeneratorTest::isOutcome).toList();
            assertThat(outcomes).as(taskId).hasSize(1);
            assertThat(outcomes.get(0)).as(taskId + " ends with its outcome").isSameAs(events.get(events.size() - 1));
            JsonNode metadata = outcomes.get(0).get("metadata");
            assertThat(metadata.path("outcome").asText()).as(taskId).isIn("success", "partial", "failure");
            assertThat(metadata.path("duration_seconds").isNumber()).as(taskId).isTrue();
        });
    }

    @Test
    void eventsOfOverlappingTasksInterleaveWithinADay() {
        // given
        boolean interleaved = false;

        // when
        for (String name : fileNames()) {
            Set<String> finished = new HashSet<>();
            String current = null;
            for (String line : lines(name)) {
                String taskId = read(line).get("task_id").asText();
                if (!taskId.equals(current)) {
                    if (finished.contains(taskId)) {
                        interleaved = true;
                    }
                    if (current != null) {
                        finished.add(current);
                    }
                    current = taskId;
                }
            }
        }

        // then
        assertThat(interleaved).as("some task resumes after another task's events").isTrue();
    }

    @Test
    void theWeekShowsTheWeaknessesTheImprovementCycleShouldFind() {
        // given
        Map<String, List<JsonNode>> tasks = tasksOfTheWeek();
        int content = 0;
        int missingKeyword = 0;
        int succeeded = 0;
        int searches = 0;
        int failedSearches = 0;

        // when
        for (List<JsonNode> events : tasks.values()) {
            if (isOutcome(events.get(events.size() - 1))
                    && events.get(events.size() - 1).path("metadata").path("outcome").asText().equals("success")) {
                succeeded++;
            }
            if (events.stream().anyMatch(e -> e.path("metadata").path("task_type").asText().equals("content"))) {
                content++;
                String keyword = events.stream()
                        .map(e -> e.path("metadata").path("target_keyword").asText())
                        .filter(k -> !k.isEmpty())
                        .findFirst()
                        .orElseThrow()
                        .toLowerCase(Locale.ROOT);
                boolean used = events.stream()
                        .filter(e -> e.get("agent_name").asText().equals("content_creator"))
                        .anyMatch(e -> e.get("message").asText().toLowerCase(Locale.ROOT).contains(keyword));
                if (!used) {
                    missingKeyword++;
                }
            }
            for (JsonNode event : events) {
                if (event.get("agent_name").asText().equals("web_search")
                        && event.get("message_type").asText().equals("tool_result")) {
                    searches++;
                    if (event.path("metadata").has("error")) {
                        failedSearches++;
                    }
                }
            }
        }

        // then
        assertThat((double) content / tasks.size()).isBetween(0.5, 0.6);
        assertThat((double) missingKeyword / content).isBetween(0.70, 0.75);
        assertThat((double) failedSearches / searches).isBetween(0.35, 0.45);
        assertThat((double) succeeded / tasks.size()).isBetween(0.55, 0.65);
    }

    private static boolean isOutcome(JsonNode event) {
        String type = event.get("message_type").asText();
        return type.equals("task_completion") || type.equals("task_failed")
                || event.path("metadata").has("outcome");
    }

    private static List<String> fileNames() {
        List<String> names = new ArrayList<>();
        for (int d = 0; d < MarketingTeamLogGenerator.DAYS; d++) {
            LocalDate day = MarketingTeamLogGenerator.FIRST_DAY.plusDays(d);
            names.add(MarketingTeamLogGenerator.fileName(day));
        }
        return names;
    }

    private static Map<String, List<JsonNode>> tasksOfTheWeek() {
        Map<String, List<JsonNode>> tasks = new LinkedHashMap<>();
        for (String name : fileNames()) {
            for (String line : lines(name)) {
                JsonNode event = read(line);
                tasks.computeIfAbsent(event.get("task_id").asText(), id -> new ArrayList<>()).add(event);
            }
        }
        return tasks;
    }

    private static byte[] bundled(String name) {
        try (InputStream in = MarketingTeamLogGeneratorTest.class.getResourceAsStream(LOGS + name)) {
            assertThat(in).as("bundled resource " + LOGS + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        return new String(bundled(name), StandardCharsets.UTF_8).lines().toList();
    }

    private static JsonNode read(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
