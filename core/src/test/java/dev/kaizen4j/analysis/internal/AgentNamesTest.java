package dev.kaizen4j.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.AgentMetrics;
import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.team.TeamSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AgentNamesTest {

    @Test
    void annotationsInParenthesesAreDropped() {
        assertThat(AgentNames.base("Orchestrator (thought)")).isEqualTo("Orchestrator");
        assertThat(AgentNames.base("Orchestrator (-> WebSurfer)")).isEqualTo("Orchestrator");
        assertThat(AgentNames.base("Planner (plan) (v2) ")).isEqualTo("Planner");
        assertThat(AgentNames.base("WebSurfer")).isEqualTo("WebSurfer");
    }

    @Test
    void aNameThatIsOnlyAnAnnotationOrHasNoneIsKept() {
        assertThat(AgentNames.base("(anonymous)")).isEqualTo("(anonymous)");
        assertThat(AgentNames.base("f(x)")).isEqualTo("f(x)");
        assertThat(AgentNames.base("")).isEmpty();
    }

    @Test
    void normalizedEventsNameTheBaseAgentAndTakeTheAddresseeFromAnArrow() {
        List<ConversationEvent> events = List.of(
                event("Orchestrator (thought)", null),
                event("Orchestrator (-> WebSurfer)", null),
                event("WebSurfer", "Orchestrator (thought)"));

        List<ConversationEvent> normalized = AgentNames.normalize(events);

        assertThat(normalized).extracting(ConversationEvent::agentName)
                .containsExactly("Orchestrator", "Orchestrator", "WebSurfer");
        assertThat(normalized).extracting(ConversationEvent::toAgent).containsExactly(null, "WebSurfer", "Orchestrator");
    }

    @Test
    void eventsWithoutAnnotationsAreReturnedAsTheyAre() {
        List<ConversationEvent> events = List.of(event("Coder", null), event("Planner", "Coder"));

        assertThat(AgentNames.normalize(events)).isSameAs(events);
    }

    @Test
    void theAnalyzerCountsAndBlamesAnAnnotatedAgentAsOneAgent() {
        List<ConversationEvent> events = List.of(
                new ConversationEvent(Instant.EPOCH, "t", "T-1", "user", "What is the population of Varn?",
                        MessageType.TASK_STARTED, "Orchestrator", Map.of()),
                event("Orchestrator (thought)", null),
                new ConversationEvent(Instant.EPOCH, "t", "T-1", "Orchestrator (-> WebSurfer)",
                        "Please look up the population of Varn.", MessageType.DELEGATION, null, Map.of()),
                new ConversationEvent(Instant.EPOCH, "t", "T-1", "WebSurfer", "The page says 4,210.",
                        MessageType.ANSWER, "Orchestrator", Map.of()),
                new ConversationEvent(Instant.EPOCH, "t", "T-1", "Orchestrator (final answer)", "We gave up: not found.",
                        MessageType.DECISION, null, Map.of()),
                new ConversationEvent(Instant.EPOCH, "t", "T-1", "system", "failed", MessageType.TASK_FAILED, null,
                        Map.of("outcome", "failure")));

        EffectivenessReport report = DefaultEffectivenessAnalyzer.create()
                .analyze(Stream.of(Conversation.of("t", "T-1", events)),
                        TeamSpec.named("t"));

        assertThat(report.agents()).extracting(AgentMetrics::agent)
                .containsExactlyInAnyOrder("Orchestrator", "WebSurfer");
        assertThat(report.agents()).filteredOn(agent -> agent.agent().equals("Orchestrator"))
                .singleElement().extracting(AgentMetrics::messages).isEqualTo(3);
        assertThat(report.attributions()).singleElement().satisfies(attribution -> {
            assertThat(attribution.agent()).isEqualTo("Orchestrator");
            assertThat(attribution.step()).isEqualTo(4);
        });
    }

    private static ConversationEvent event(String agent, String to) {
        return new ConversationEvent(Instant.EPOCH, "t", "T-1", agent, "hello", MessageType.UPDATE, to, Map.of());
    }
}
