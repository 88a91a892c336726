package dev.kaizen4j.notifier.supabase.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.contract.ContractRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueRowTest {

    @Test
    void givenAPromptRefinement_whenMadeARow_thenTheStatesHoldTheFieldAndThePrompts() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        QueueRow row = QueueRow.of(request);

        assertThat(row.requestId()).isEqualTo(request.id());
        assertThat(row.fingerprint()).isEqualTo(request.fingerprint());
        assertThat(row.teamName()).isEqualTo(request.team());
        assertThat(row.requestType()).isEqualTo("prompt");
        assertThat(row.agentName()).isEqualTo(request.proposal().agent());
        assertThat(row.currentState()).containsOnlyKeys("field", "prompt")
                .containsEntry("prompt", request.proposal().before());
        assertThat(row.proposedState()).containsEntry("prompt", request.proposal().after())
                .containsEntry("field", row.category());
        assertThat(row.rationale()).isEqualTo(request.proposal().rationale());
        assertThat(row.effectivenessMetrics()).isEqualTo(request.metrics());
        assertThat(row.title()).isEqualTo(request.title());
        assertThat(row.diff()).isEqualTo(request.proposal().diff()).contains("Use the target keyword.");
    }

    @Test
    void givenACodeModification_whenMadeARow_thenTheStatesHoldThePathAndTheCode() {
        ImprovementRequest request = ContractRequests.codeRequest();

        QueueRow row = QueueRow.of(request);

        assertThat(row.requestType()).isEqualTo("code");
        assertThat(row.currentState()).containsOnlyKeys("path", "code")
                .containsEntry("path", ContractRequests.codeModification().file());
        assertThat(row.proposedState().get("code")).contains("MAX_SEARCH_RETRIES = 2;");
        assertThat(row.category()).isEqualTo(ContractRequests.codeModification().category().key());
    }

    @Test
    void givenAnUnknownRequestType_whenBuilt_thenItIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> new QueueRow("r", "f", "t", "config", "a", Map.of(), Map.of(), "why", Map.of(),
                "title", null, "diff"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'config'");
    }
}
