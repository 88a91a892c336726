package dev.kaizen4j.samples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.CycleResult;
import dev.kaizen4j.ImprovementCycle;
import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import dev.kaizen4j.recorder.JsonlConversationSink;
import dev.kaizen4j.recorder.Langchain4jRecorder;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.TeamSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResearchTeamTest {

    @TempDir
    Path directory;

    /** A clock a second further on every reading, so events are ordered and durations are real. */
    static Clock ticking(Instant start) {
        AtomicLong ticks = new AtomicLong();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return start.plusSeconds(ticks.getAndIncrement());
            }
        };
    }

    private List<Conversation> recordAWeek() {
        Path logs = directory.resolve("logs");
        try (Langchain4jRecorder recorder = Langchain4jRecorder.create(ResearchTeam.TEAM,
                JsonlConversationSink.builder(logs).prefix(ResearchTeam.TEAM)
                        .clock(Clock.fixed(Instant.parse("2025-06-10T09:00:00Z"), ZoneOffset.UTC)).build(),
                ticking(Instant.parse("2025-06-10T09:00:00Z")))) {
            ResearchTeam team = new ResearchTeam(recorder);
            for (String topic : ResearchTeam.TOPICS) {
                team.run(topic);
            }
        }
        try (Stream<Conversation> tasks = JsonlConversationSource.of(logs).conversations(ConversationQuery.all())) {
            return tasks.toList();
        }
    }

    @Test
    void theRecordedLogHoldsEachTaskWithItsAgentsToolCallsHandOffsTokensAndOutcome() {
        List<Conversation> tasks = recordAWeek();

        assertThat(tasks).hasSize(ResearchTeam.TOPICS.size());
        assertThat(tasks).extracting(Conversation::outcome).containsExactly(TaskOutcome.SUCCESS, TaskOutcome.FAILURE,
                TaskOutcome.SUCCESS, TaskOutcome.FAILURE, TaskOutcome.SUCCESS, TaskOutcome.SUCCESS);
        Conversation failed = tasks.get(1);
        assertThat(failed.agents()).contains("researcher", "writer");
        assertThat(failed.events()).anySatisfy(event -> {
            assertThat(event.agentName()).isEqualTo("research_team");
            assertThat(event.type()).isEqualTo(MessageType.DELEGATION);
            assertThat(event.toAgent()).isEqualTo("researcher");
        });
        ConversationEvent call = failed.events().stream().filter(event -> event.type() == MessageType.TOOL_CALL)
                .findFirst().orElseThrow();
        assertThat(call.agentName()).isEqualTo("researcher");
        assertThat(call.tool()).contains("web_search");
        ConversationEvent result = failed.events().stream().filter(event -> event.type() == MessageType.TOOL_RESULT)
                .findFirst().orElseThrow();
        assertThat(result.agentName()).isEqualTo("web_search");
        assertThat(result.toAgent()).isEqualTo("researcher");
        assertThat(result.error()).hasValueSatisfying(error -> assertThat(error).contains("search backend timed out"));
        assertThat(failed.events()).anySatisfy(event -> {
            assertThat(event.agentName()).isEqualTo("researcher");
            assertThat(event.tokens()).isPresent();
            assertThat(event.metadataString("system_instructions")).contains(ResearchTeam.RESEARCHER_PROMPT);
        });
        assertThat(failed.events().get(failed.events().size() - 1).metadataString("marked_by")).contains("host");
    }

    @Test
    void theRecordedLogFeedsAnImprovementCycleThatAttributesEveryFailureAndFindsTheFailingTool() {
        recordAWeek();
        TeamSpec spec = new TeamSpec(ResearchTeam.TEAM, "Researches and writes articles", null, List.of(
                new AgentSpec("researcher", "Researcher", "Find sourced facts", "", ResearchTeam.RESEARCHER_PROMPT,
                        List.of("web_search"), null, Map.of()),
                new AgentSpec("writer", "Writer", "Write articles", "", ResearchTeam.WRITER_PROMPT, List.of(), null,
                        Map.of())), List.of(), null);

        CycleResult result = ImprovementCycle.builder()
                .team(spec)
                .source(JsonlConversationSource.of(directory.resolve("logs")))
                .backChannel(new FileBackChannel(directory.resolve("requests")))
                .ledger(new FileImprovementLedger(directory.resolve("ledger.jsonl")))
                .build()
                .run();

        assertThat(result.report().metrics().tasksTotal()).isEqualTo(6);
        assertThat(result.report().metrics().tasksFailed()).isEqualTo(2);
        assertThat(result.report().attributions()).hasSize(2)
                .allSatisfy(attribution -> assertThat(attribution.agent()).isIn("researcher", "writer"));
        assertThat(result.report().findings()).anySatisfy(finding -> {
            assertThat(finding.id()).isEqualTo("tool-errors:web_search");
            assertThat(finding.agents()).contains("researcher");
        });
        assertThat(result.report().agent("researcher")).isPresent();
        assertThat(result.hasErrors()).isFalse();
    }
}
