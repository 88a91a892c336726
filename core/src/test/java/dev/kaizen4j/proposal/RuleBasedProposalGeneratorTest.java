package dev.kaizen4j.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.AgentRanking;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.Severity;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.discussion.Revision;
import dev.kaizen4j.discussion.RuleBasedFacilitator;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleBasedProposalGeneratorTest {

    private static final Finding MISSED_CHECK = new Finding("check:seo-keywords", "check",
            "'content tasks mention the target keyword' missed in 71% of applicable tasks (32 of 45)", Severity.HIGH,
            List.of("writer"), 32, 45, List.of(new Evidence("T1", 3, "draft")));
    private static final Finding TOOL_ERRORS = new Finding("tool-errors:web_search", "tool-errors",
            "web_search failed in 43% of calls (36 of 84)", Severity.MEDIUM, List.of("researcher"), 36, 84,
            List.of(new Evidence("T9", 2, "timeout")));

    @TempDir
    Path directory;

    @Test
    void givenAMissedCheck_thenTheAgentsSystemPromptLearnsTheRequirementAndTheRationaleCarriesTheRate() {
        TeamSpec team = team(null);

        List<Proposal> proposals = generate(team, List.of(MISSED_CHECK), List.of(), "writer");

        assertThat(proposals).singleElement().isInstanceOfSatisfying(PromptRefinement.class, refinement -> {
            assertThat(refinement.field()).isEqualTo(PromptField.SYSTEM_PROMPT);
            assertThat(refinement.proposed()).startsWith("You write posts for {{brand}}.\n\nLessons from past tasks:\n- ")
                    .contains("content tasks mention the target keyword")
                    .endsWith("\n")
                    .doesNotContain("71%");
            assertThat(refinement.rationale()).contains("missed in 71%").contains("T1");
        });
    }

    @Test
    void givenTheSameFindingWithAnotherRate_thenTheProposalKeepsItsFingerprint() {
        Finding laterWeek = new Finding(MISSED_CHECK.id(), "check",
                "'content tasks mention the target keyword' missed in 40% of applicable tasks (4 of 10)", Severity.MEDIUM,
                List.of("writer"), 4, 10, List.of());

        Proposal first = generate(team(null), List.of(MISSED_CHECK), List.of(), "writer").get(0);
        Proposal second = generate(team(null), List.of(laterWeek), List.of(), "writer").get(0);

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void givenRepeatedToolErrorsAndAZeroRetryLimitInTheSource_thenACodeChangeRaisesIt() throws IOException {
        Files.writeString(directory.resolve("Researcher.java"), """
                class Researcher {
                    // how often a failed search is retried
                    private static final int MAX_SEARCH_RETRIES = 0;
                    private static final int MAX_RESULTS = 5;
                }
                """);

        List<Proposal> proposals = generate(team("Researcher.java"), List.of(TOOL_ERRORS), List.of(), "researcher");

        assertThat(proposals).filteredOn(CodeModification.class::isInstance).singleElement()
                .isInstanceOfSatisfying(CodeModification.class, code -> {
                    assertThat(code.category()).isEqualTo(ModificationCategory.ADJUST_PARAMETERS);
                    assertThat(code.proposedCode()).contains("// how often a failed search is retried")
                            .contains("MAX_SEARCH_RETRIES = 2;").contains("MAX_RESULTS = 5;");
                    assertThat(code.diff()).contains("-    private static final int MAX_SEARCH_RETRIES = 0;")
                            .contains("+    private static final int MAX_SEARCH_RETRIES = 2;");
                });
        assertThat(proposals).filteredOn(PromptRefinement.class::isInstance).singleElement()
                .satisfies(p -> assertThat(((PromptRefinement) p).proposed()).contains("When the web_search tool fails"));
    }

    @Test
    void givenASourceThatAlreadyRetries_thenNoCodeChangeIsProposed() throws IOException {
        Files.writeString(directory.resolve("Researcher.java"),
                "class Researcher { private static final int MAX_RETRIES = 3; }\n");

        List<Proposal> proposals = generate(team("Researcher.java"), List.of(TOOL_ERRORS), List.of(), "researcher");

        assertThat(proposals).noneMatch(CodeModification.class::isInstance);
    }

    @Test
    void givenALessonThePromptAlreadyHas_thenNothingIsProposedAgain() {
        PromptRefinement applied = (PromptRefinement) generate(team(null), List.of(MISSED_CHECK), List.of(), "writer").get(0);
        TeamSpec improved = new TeamSpec("demo", "", "lead", List.of(
                new AgentSpec("lead", "", "", "", "You lead.", List.of(), null, Map.of()),
                new AgentSpec("writer", "", "", "", applied.proposed(), List.of(), null, Map.of())), List.of(), null);

        assertThat(generate(improved, List.of(MISSED_CHECK), List.of(), "writer")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "ignored-input, answer it explicitly",
        "premature-termination, Do not close a task while a question is unanswered",
        "missing-verification, check the final deliverable",
        "incorrect-verification, Approve work only when it meets every requirement",
        "derailment, Stay on the task",
        "conversation-reset, Do not restart a task from scratch",
        "role-violation, Stay within your role",
        "slow-handoff, Pick up work handed to you promptly"
    })
    void givenAFailureModeFinding_thenTheAgentLearnsTheMatchingLesson(String kind, String lesson) {
        Finding finding = new Finding(kind + ":writer", kind, "writer showed " + kind + " in 30% of its tasks (3 of 10)",
                Severity.MEDIUM, List.of("writer"), 3, 10, List.of(new Evidence("T4", 1, "excerpt")));

        List<Proposal> proposals = generate(team(null), List.of(finding), List.of(), "writer");

        assertThat(proposals).singleElement().isInstanceOfSatisfying(PromptRefinement.class,
                refinement -> assertThat(refinement.proposed()).contains(lesson));
    }

    @Test
    void givenAnAgentWithoutAKnownPrompt_thenNoPromptRefinementIsInvented() {
        TeamSpec unknown = TeamSpec.named("demo");

        assertThat(generate(unknown, List.of(MISSED_CHECK), List.of(), "writer")).isEmpty();
    }

    @Test
    void givenNeedsWorkNotesObjectingToALesson_thenTheRevisionDropsItKeepsTheOthersAndGetsItsOwnFingerprint() {
        Finding repetition = new Finding("repetition:writer", "repetition", "writer repeated itself in 30% of tasks",
                Severity.MEDIUM, List.of("writer"), 3, 10, List.of(new Evidence("T4", 2, "again")));
        PromptRefinement earlier = (PromptRefinement) generate(team(null), List.of(MISSED_CHECK, repetition), List.of(),
                "writer").get(0);
        assertThat(earlier.proposed()).contains("same message twice", "target keyword");
        Revision revision = new Revision("demo-1234abcd", earlier, "bob",
                "Drop the lesson about sending the same message twice; cite the source of every keyword");

        List<Proposal> proposals = generate(team(null), List.of(MISSED_CHECK, repetition), List.of(), "writer",
                List.of(revision));

        assertThat(proposals).singleElement().isInstanceOfSatisfying(PromptRefinement.class, revised -> {
            assertThat(revised.proposed()).doesNotContain("same message twice")
                    .contains("target keyword", "- Cite the source of every keyword.");
            assertThat(revised.fingerprint()).isNotEqualTo(earlier.fingerprint());
            assertThat(revision.revisedBy(revised)).isTrue();
            assertThat(revised.rationale()).startsWith("Revises demo-1234abcd after bob asked for more work")
                    .contains("Dropped the lesson \"Do not send the same message twice in a task");
        });
    }

    @Test
    void givenNotesTheGeneratorCannotActOn_thenNoCopyOfTheEarlierProposalIsMade() {
        PromptRefinement earlier = (PromptRefinement) generate(team(null), List.of(MISSED_CHECK), List.of(), "writer")
                .get(0);
        Revision revision = new Revision("demo-1234abcd", earlier, "bob", "Hmm, not sure about this one.");

        assertThat(generate(team(null), List.of(MISSED_CHECK), List.of(), "writer", List.of(revision))).isEmpty();
    }

    @Test
    void givenNotesAskingForAnotherRetryLimit_thenTheRevisedCodeChangeUsesIt() throws IOException {
        Files.writeString(directory.resolve("Researcher.java"),
                "class Researcher {\n    private static final int MAX_SEARCH_RETRIES = 0;\n}\n");
        CodeModification earlier = (CodeModification) generate(team("Researcher.java"), List.of(TOOL_ERRORS), List.of(),
                "researcher").stream().filter(CodeModification.class::isInstance).findFirst().orElseThrow();
        Revision revision = new Revision("demo-feedbeef", earlier, "carol", "Two is too many for a paid API; use 1 retry");

        List<Proposal> proposals = generate(team("Researcher.java"), List.of(TOOL_ERRORS), List.of(), "researcher",
                List.of(revision));

        assertThat(proposals).filteredOn(CodeModification.class::isInstance).singleElement()
                .isInstanceOfSatisfying(CodeModification.class, code -> {
                    assertThat(code.proposedCode()).contains("MAX_SEARCH_RETRIES = 1;");
                    assertThat(code.rationale()).contains("Revises demo-feedbeef", "Uses 1 as asked");
                });
    }

    private List<Proposal> generate(TeamSpec team, List<Finding> findings, List<FailureAttribution> attributions,
            String agent, List<Revision> revisions) {
        EffectivenessReport report = new EffectivenessReport("demo", metrics(), List.of(), findings, attributions,
                List.of(new AgentRanking(agent, 7, findings.stream().map(Finding::id).toList())));
        ImprovementPlan plan = RuleBasedFacilitator.create().facilitate(report, team, List.of()).withRevisions(revisions);
        return new RuleBasedProposalGenerator().generate(report, plan, team);
    }

    private List<Proposal> generate(TeamSpec team, List<Finding> findings, List<FailureAttribution> attributions,
            String agent) {
        EffectivenessReport report = new EffectivenessReport("demo", metrics(), List.of(), findings, attributions,
                List.of(new AgentRanking(agent, 7, findings.stream().map(Finding::id).toList())));
        ImprovementPlan plan = RuleBasedFacilitator.create().facilitate(report, team, List.of());
        return new RuleBasedProposalGenerator().generate(report, plan, team);
    }

    private TeamSpec team(String researcherSource) {
        return new TeamSpec("demo", "", "lead", List.of(
                new AgentSpec("lead", "", "", "", "You lead.", List.of(), null, Map.of()),
                new AgentSpec("writer", "", "", "", "You write posts for {{brand}}.\n", List.of(), null, Map.of()),
                new AgentSpec("researcher", "", "", "", "You research.", List.of("web_search"), researcherSource,
                        Map.of())),
                List.of(), directory);
    }

    private static TeamMetrics metrics() {
        return new TeamMetrics("demo", null, null, 10, 5, 5, 0.5, 60, 60, 90, 0.5, 0.1, 4, 10, 0.4, null, 2, 0);
    }
}
