package dev.kaizen4j.discussion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.AgentMetrics;
import dev.kaizen4j.analysis.AgentRanking;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.Severity;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.TeamSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBasedFacilitatorTest {

    private static final TeamSpec TEAM = new TeamSpec("demo", "", "lead", List.of(
            new AgentSpec("lead", "", "", "", "You lead.", List.of(), null, Map.of()),
            new AgentSpec("writer", "", "", "", "You write.", List.of(), null, Map.of()),
            new AgentSpec("editor", "", "", "", "You edit.", List.of(), null, Map.of())), List.of(), null);

    private static final Finding FINDING = new Finding("check:keyword", "check", "'keyword' missed in 80% (8 of 10)",
            Severity.HIGH, List.of("writer"), 8, 10, List.of());

    @Test
    void givenARankedAgentWithAFinding_thenTheManagerOpensTheAgentReflectsAndThePlanAddressesIt() {
        EffectivenessReport report = report(List.of(FINDING),
                List.of(new FailureAttribution("T1", "writer", 2, 0.8, "missed the keyword")),
                List.of(new AgentRanking("writer", 9, List.of(FINDING.id()))));

        ImprovementPlan plan = RuleBasedFacilitator.create().facilitate(report, TEAM, List.of("Be specific"));

        assertThat(plan.transcript()).extracting(DiscussionTurn::speaker).containsExactly("lead", "lead", "writer", "lead");
        assertThat(plan.transcript().get(0).message()).contains("10 tasks").contains("success rate 50%");
        assertThat(plan.transcript().get(1).message()).contains("Be specific");
        assertThat(plan.transcript().get(2).message()).contains("T1").contains("missed in 80%");
        assertThat(plan.improvements()).singleElement().satisfies(improvement -> {
            assertThat(improvement.priority()).isEqualTo(1);
            assertThat(improvement.agent()).isEqualTo("writer");
            assertThat(improvement.findingIds()).containsExactly(FINDING.id());
        });
        assertThat(plan.struggles()).containsExactly(FINDING.title());
        assertThat(plan.wentWell()).anyMatch(line -> line.startsWith("editor")).noneMatch(line -> line.startsWith("writer"));
    }

    @Test
    void givenOnlyAStrayLowConfidenceAttribution_thenTheAgentIsLeftAlone() {
        EffectivenessReport report = report(List.of(),
                List.of(new FailureAttribution("T1", "lead", 5, 0.3, "last agent to act")),
                List.of(new AgentRanking("lead", 0.3, List.of("1 failed tasks attributed"))));

        ImprovementPlan plan = RuleBasedFacilitator.create().facilitate(report, TEAM, List.of());

        assertThat(plan.improvements()).isEmpty();
        assertThat(plan.transcript()).last().extracting(DiscussionTurn::message).isEqualTo("Nothing needs changing this time.");
    }

    private static EffectivenessReport report(List<Finding> findings, List<FailureAttribution> attributions,
            List<AgentRanking> ranking) {
        TeamMetrics metrics = new TeamMetrics("demo", null, null, 10, 5, 5, 0.5, 60, 60, 90, 0.6, 0.1, 4, 0, 0, null,
                findings.size(), 0);
        List<AgentMetrics> agents = List.of(
                new AgentMetrics("lead", 10, 0, 0, 0, 10, 0.5, 0, 0),
                new AgentMetrics("writer", 10, 0, 0, 0, 10, 0.5, 1, 1),
                new AgentMetrics("editor", 10, 0, 0, 0, 10, 0.5, 0, 0));
        return new EffectivenessReport("demo", metrics, agents, findings, attributions, ranking);
    }
}
