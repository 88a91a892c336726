package dev.kaizen4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaizen4j.analysis.internal.AgentNames;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.team.TeamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Failure attribution on hand-labelled logs of three kinds of teams: orchestrator and workers, an
 * expert group with a code executor, and a product team logging typed tool calls. Each
 * {@code *-expected.json} sidecar holds the agent and step that caused every failed task. These logs were
 * written together with earlier versions of the rules; {@code AttributionEvaluationTest} measures the
 * attributor on generated logs it was not written for.
 */
class LabelledAttributionAccuracyTest {

    private static final double AGENT_FLOOR = 0.85;
    private static final double STEP_FLOOR = 0.75;

    @Test
    void attributesLabelledFailuresToTheRightAgentAndStep() throws Exception {
        Path dir = Path.of(getClass().getResource("/analysis/labelled").toURI());
        Map<String, FailureAttribution> attributed = attributeAll(dir);

        for (String set : List.of("dev", "heldout")) {
            List<JsonNode> expected = expected(dir.resolve(set + "-expected.json"));
            int agents = 0;
            int steps = 0;
            StringBuilder misses = new StringBuilder();
            for (JsonNode label : expected) {
                FailureAttribution got = attributed.get(label.get("task_id").asText());
                boolean agent = got != null && got.agent().equals(label.get("agent").asText());
                boolean step = agent && got.step() == label.get("step").asInt();
                agents += agent ? 1 : 0;
                steps += step ? 1 : 0;
                if (!step) {
                    misses.append(String.format(Locale.ROOT, "%n  %s: expected %s@%d, got %s", label.get("task_id").asText(),
                            label.get("agent").asText(), label.get("step").asInt(),
                            got == null ? "nothing" : got.agent() + "@" + got.step() + " (" + got.reason() + ")"));
                }
            }
            double agentAccuracy = (double) agents / expected.size();
            double stepAccuracy = (double) steps / expected.size();
            System.out.printf(Locale.ROOT, "Attribution accuracy on %s (%d failed tasks): agent %.0f%%, step %.0f%%%s%n",
                    set, expected.size(), agentAccuracy * 100, stepAccuracy * 100, misses);

            assertThat(agentAccuracy).as("agent-level accuracy on " + set).isGreaterThanOrEqualTo(AGENT_FLOOR);
            assertThat(stepAccuracy).as("step-level accuracy on " + set).isGreaterThanOrEqualTo(STEP_FLOOR);
        }
    }

    @Test
    void neverBlamesNonAgentsOrToolsInLabelledLogs() throws Exception {
        Path dir = Path.of(getClass().getResource("/analysis/labelled").toURI());
        for (Path log : logs(dir)) {
            try (Stream<Conversation> tasks = JsonlConversationSource.of(log).conversations(ConversationQuery.all())) {
                List<Conversation> all = tasks.toList();
                EffectivenessReport report = DefaultEffectivenessAnalyzer.create().analyze(all.stream(), TeamSpec.named("t"));
                for (FailureAttribution attribution : report.attributions()) {
                    Conversation task = all.stream().filter(c -> c.taskId().equals(attribution.taskId())).findFirst()
                            .orElseThrow();
                    var event = task.events().get(attribution.step());
                    assertThat(AgentNames.base(event.agentName())).isEqualTo(attribution.agent());
                    assertThat(event.isBlameable()).as(attribution.toString()).isTrue();
                    assertThat(attribution.agent()).isNotIn("system", "user", "human", "Computer_terminal",
                            "ComputerTerminal", "executor");
                }
            }
        }
    }

    @Test
    void givenAnyParallelism_whenAnalyzed_thenTheReportIsTheSame() throws Exception {
        Path dir = Path.of(getClass().getResource("/analysis/labelled").toURI());
        for (Path log : logs(dir)) {
            List<Conversation> all;
            try (Stream<Conversation> tasks = JsonlConversationSource.of(log).conversations(ConversationQuery.all())) {
                all = tasks.toList();
            }
            TeamSpec team = TeamSpec.named("t");
            EffectivenessReport sequential = DefaultEffectivenessAnalyzer.builder().parallelism(1).build()
                    .analyze(all.stream(), team);
            EffectivenessReport parallel = DefaultEffectivenessAnalyzer.builder().parallelism(3).build()
                    .analyze(all.stream(), team);

            assertThat(parallel).isEqualTo(sequential);
        }
    }

    private static Map<String, FailureAttribution> attributeAll(Path dir) throws IOException {
        Map<String, FailureAttribution> attributed = new HashMap<>();
        for (Path log : logs(dir)) {
            try (Stream<Conversation> tasks = JsonlConversationSource.of(log).conversations(ConversationQuery.all())) {
                DefaultEffectivenessAnalyzer.create().analyze(tasks, TeamSpec.named(log.getFileName().toString()))
                        .attributions().forEach(attribution -> attributed.put(attribution.taskId(), attribution));
            }
        }
        return attributed;
    }

    private static List<Path> logs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private static List<JsonNode> expected(Path sidecar) throws IOException {
        try (InputStream in = Files.newInputStream(sidecar)) {
            List<JsonNode> labels = new ArrayList<>();
            Json.plain().readTree(in).get("attributions").forEach(labels::add);
            return labels;
        }
    }
}
