package dev.kaizen4j.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    private static ConversationEvent event(String agent, String to) {
        return new ConversationEvent(Instant.EPOCH, "t", "T-1", agent, "hello", MessageType.UPDATE, to, Map.of());
    }
}
