package dev.kaizen4j.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmAssistedAnalyzerTest {

    @TempDir
    Path directory;

    @Test
    void givenALowConfidenceAttribution_whenAnalyzed_thenTheModelCorrectsItAndMetricsStayMeasured() {
        ScriptedChatModel model = ScriptedChatModel.answering(LlmFixtures.review("TASK-4", "content_creator", 1));
        LlmAssistant assistant = LlmAssistant.of(model);
        EffectivenessReport measured = LlmFixtures.report();

        EffectivenessReport report = assistant.analyzer(LlmFixtures.analyzerReturning(measured)).analyze(
                Stream.of(LlmFixtures.successfulTask("TASK-1"), LlmFixtures.ambiguousTask()),
                LlmFixtures.team(directory));

        assertThat(report.metrics()).isEqualTo(measured.metrics());
        assertThat(report.agents()).isEqualTo(measured.agents());
        assertThat(report.findings()).isEqualTo(measured.findings());
        assertThat(report.ranking()).isEqualTo(measured.ranking());
        assertThat(report.attributions().get(0)).isEqualTo(measured.attributions().get(0));
        FailureAttribution corrected = report.attributions().get(1);
        assertThat(corrected.taskId()).isEqualTo("TASK-4");
        assertThat(corrected.agent()).isEqualTo("content_creator");
        assertThat(corrected.step()).isEqualTo(1);
        assertThat(corrected.reason()).startsWith("reattributed by LLM review (was manager at step 0)");
        String prompt = ScriptedChatModel.allText(model.requests().get(0));
        assertThat(prompt).contains("Draft ready: launch planning in 5 steps.").doesNotContain("TASK-2\",\"outcome");
    }

    @Test
    void givenAReviewBlamingTheSystem_whenAnalyzed_thenItIsRefusedAndTheMeasuredAttributionKept() {
        String blamesSystem = LlmFixtures.review("TASK-4", "system", 2);
        ScriptedChatModel model = ScriptedChatModel.answering(blamesSystem, blamesSystem);
        LlmAssistant assistant = LlmAssistant.of(model);
        EffectivenessReport measured = LlmFixtures.report();

        EffectivenessReport report = assistant.analyzer(LlmFixtures.analyzerReturning(measured)).analyze(
                Stream.of(LlmFixtures.ambiguousTask()), LlmFixtures.team(directory));

        assertThat(report).isEqualTo(measured);
        assertThat(assistant.errors()).singleElement().asString().startsWith("attribution-review:")
                .contains("is not an event written by agent 'system'");
    }

    @Test
    void givenOnlyConfidentAttributions_whenAnalyzed_thenNoCallIsMade() {
        ScriptedChatModel model = ScriptedChatModel.answering("{}");
        LlmAssistant assistant = LlmAssistant.builder().model(model).ambiguityThreshold(0.3).build();

        EffectivenessReport report = assistant.analyzer(LlmFixtures.analyzerReturning(LlmFixtures.report()))
                .analyze(Stream.of(LlmFixtures.ambiguousTask()), LlmFixtures.team(directory));

        assertThat(model.requests()).isEmpty();
        assertThat(report).isEqualTo(LlmFixtures.report());
    }
}
