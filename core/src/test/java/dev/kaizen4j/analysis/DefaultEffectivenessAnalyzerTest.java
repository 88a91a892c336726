package dev.kaizen4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.TaskCheckSpec;
import dev.kaizen4j.team.TeamSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DefaultEffectivenessAnalyzerTest {

    private static final String TEAM = "team";
    private static final Instant DAY_ONE = Instant.parse("2025-06-10T09:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2025-06-11T09:00:00Z");

    /** Builds one task's events, a minute apart. */
    private static final class TaskBuilder {
        private final String taskId;
        private Instant clock;
        private final List<ConversationEvent> events = new ArrayList<>();

        TaskBuilder(String taskId, Instant start) {
            this.taskId = taskId;
            this.clock = start;
        }

        TaskBuilder say(String agent, MessageType type, String message) {
            return say(agent, type, message, null, Map.of());
        }

        TaskBuilder say(String agent, MessageType type, String message, @Nullable String to, Map<String, Object> metadata) {
            events.add(new ConversationEvent(clock, TEAM, taskId, agent, message, type, to, metadata));
            clock = clock.plusSeconds(60);
            return this;
        }

        TaskBuilder after(Duration pause) {
            clock = clock.plus(pause);
            return this;
        }

        Conversation build() {
            return Conversation.of(TEAM, taskId, events);
        }
    }

    private static TaskBuilder task(String id, Instant start) {
        return new TaskBuilder(id, start);
    }

    private static EffectivenessReport analyze(TeamSpec team, Conversation... tasks) {
        return DefaultEffectivenessAnalyzer.create().analyze(List.of(tasks).stream(), team);
    }

    private static EffectivenessReport analyze(Conversation... tasks) {
        return analyze(TeamSpec.named(TEAM), tasks);
    }

    private static Conversation succeeded(String id, Instant start) {
        return task(id, start)
                .say("manager", MessageType.TASK_ASSIGNMENT, "Write the launch post for the new sync feature.", "writer",
                        Map.of())
                .say("writer", MessageType.TOOL_CALL, "write_draft(title)", null, Map.of("tool", "write_draft", "tokens", 100))
                .say("write_draft", MessageType.TOOL_RESULT, "Draft saved.", null, Map.of("tool", "write_draft"))
                .say("writer", MessageType.UPDATE, "The launch post draft is ready for review, 600 words.", "manager",
                        Map.of("tokens", 300))
                .say("manager", MessageType.TASK_COMPLETION, "Reviewed and approved.", null,
                        Map.of("duration_seconds", 240))
                .build();
    }

    private static Conversation failedOnTool(String id, Instant start) {
        return task(id, start)
                .say("manager", MessageType.TASK_ASSIGNMENT, "Research competitor pricing for the launch.", "researcher",
                        Map.of())
                .say("researcher", MessageType.TOOL_CALL, "web_search(\"competitor pricing\")", null,
                        Map.of("tool", "web_search"))
                .say("web_search", MessageType.TOOL_RESULT, "ERROR: timeout after 30s", null,
                        Map.of("tool", "web_search", "error", "timeout after 30s"))
                .say("researcher", MessageType.ERROR, "The search tool timed out, I cannot deliver the brief.", "manager",
                        Map.of("error", "web_search timeout"))
                .say("system", MessageType.TASK_FAILED, "Task failed: brief not delivered.", null,
                        Map.of("outcome", "failure"))
                .build();
    }

    @Test
    void givenCompletedAndFailedTasksOnTwoDays_whenAnalyzed_thenTeamMetricsFollowTheirDefinitions() {
        EffectivenessReport report = analyze(succeeded("T1", DAY_ONE), failedOnTool("T2", DAY_ONE),
                succeeded("T3", DAY_TWO));

        TeamMetrics metrics = report.metrics();
        assertThat(metrics.tasksTotal()).isEqualTo(3);
        assertThat(metrics.tasksCompleted()).isEqualTo(2);
        assertThat(metrics.tasksFailed()).isEqualTo(1);
        assertThat(metrics.successRate()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(metrics.averageCompletionSeconds()).isEqualTo(240);
        assertThat(metrics.p50DurationSeconds()).isEqualTo(240);
        assertThat(metrics.p95DurationSeconds()).isEqualTo(240);
        assertThat(metrics.events()).isEqualTo(15);
        // T2: the failed tool result and the researcher's error event report errors.
        assertThat(metrics.errorRate()).isCloseTo(2 / 15.0, within(1e-9));
        // Agent turns: 4 (T1) + 3 (T2) + 4 (T3); tool results and system excluded.
        assertThat(metrics.turnsPerTask()).isCloseTo(11 / 3.0, within(1e-9));
        assertThat(metrics.toolCalls()).isEqualTo(3);
        assertThat(metrics.toolErrorRate()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(metrics.tokensPerTask()).isEqualTo(400.0);
        // Agents seen: manager, writer, researcher; each task had two of them.
        assertThat(metrics.collaborationScore()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(metrics.improvementSuggestions()).isEqualTo(report.findings().size());

        assertThat(report.daily()).extracting(DailyMetrics::day)
                .containsExactly(LocalDate.parse("2025-06-10"), LocalDate.parse("2025-06-11"));
        assertThat(report.daily().get(0).metrics().tasksTotal()).isEqualTo(2);
        assertThat(report.daily().get(0).metrics().tasksFailed()).isEqualTo(1);
        assertThat(report.daily().get(1).metrics().successRate()).isEqualTo(1.0);
    }

    @Test
    void givenTasksOfSeveralAgents_whenAnalyzed_thenPerAgentMetricsCountTheirOwnWork() {
        EffectivenessReport report = analyze(succeeded("T1", DAY_ONE), failedOnTool("T2", DAY_ONE));

        AgentMetrics researcher = report.agent("researcher").orElseThrow();
        assertThat(researcher.messages()).isEqualTo(2);
        assertThat(researcher.toolCalls()).isEqualTo(1);
        assertThat(researcher.toolErrors()).isEqualTo(1);
        assertThat(researcher.errors()).isEqualTo(1);
        assertThat(researcher.tasksInvolved()).isEqualTo(1);
        assertThat(researcher.taskSuccessRate()).isZero();
        assertThat(researcher.failuresAttributed()).isEqualTo(1);
        assertThat(researcher.blameShare()).isEqualTo(1.0);

        AgentMetrics manager = report.agent("manager").orElseThrow();
        assertThat(manager.tasksInvolved()).isEqualTo(2);
        assertThat(manager.taskSuccessRate()).isEqualTo(0.5);
        assertThat(report.agent("web_search")).isEmpty();
        assertThat(report.agent("system")).isEmpty();
    }

    @Test
    void givenAToolCallThatFailedAndWasNotRetried_whenAttributed_thenTheCallerIsBlamedAtTheCall() {
        EffectivenessReport report = analyze(failedOnTool("T2", DAY_ONE));

        assertThat(report.attributions()).singleElement().satisfies(attribution -> {
            assertThat(attribution.taskId()).isEqualTo("T2");
            assertThat(attribution.agent()).isEqualTo("researcher");
            assertThat(attribution.step()).isEqualTo(1);
            assertThat(attribution.reason()).contains("web_search");
            assertThat(attribution.confidence()).isBetween(0.5, 1.0);
        });
        assertThat(report.ranking()).first().extracting(AgentRanking::agent).isEqualTo("researcher");
    }

    @Test
    void givenFailedTasksWithTheSameReason_whenAttributed_thenTheReportKeepsOneCopyOfTheReason() {
        // given: the same failure in three tasks, attributed in parallel
        DefaultEffectivenessAnalyzer analyzer = DefaultEffectivenessAnalyzer.builder().parallelism(2).build();

        // when
        EffectivenessReport report = analyzer.analyze(Stream.of(failedOnTool("T1", DAY_ONE),
                failedOnTool("T2", DAY_ONE), failedOnTool("T3", DAY_TWO)), TeamSpec.named(TEAM));

        // then
        assertThat(report.attributions()).extracting(FailureAttribution::taskId).containsExactly("T1", "T2", "T3");
        String reason = report.attributions().get(0).reason();
        assertThat(report.attributions()).allSatisfy(attribution -> assertThat(attribution.reason()).isSameAs(reason));
    }

    @Test
    void givenAnEarlyWrongClaimThatLaterStepsBuildOn_whenAttributed_thenTheClaimIsBlamedNotTheFinalMessage() {
        Conversation task = task("T1", DAY_ONE)
                .say("user", MessageType.TASK_STARTED, "How many visitors did the museum report in 2022?", "planner", Map.of())
                .say("planner", MessageType.TASK_ASSIGNMENT, "Plan: searcher finds the annual report, then we answer.",
                        "searcher", Map.of())
                .say("searcher", MessageType.ANSWER, "The annual report lists 8.9 million visitors for 2022.", "planner",
                        Map.of())
                .say("planner", MessageType.UPDATE, "Noted, using 8.9 million as the figure.", null, Map.of())
                .say("planner", MessageType.TASK_COMPLETION, "FINAL ANSWER: 8.9 million", null, Map.of())
                .say("system", MessageType.TASK_FAILED, "Expected 7.8 million.", null, Map.of("outcome", "failure"))
                .build();

        FailureAttribution attribution = analyze(task).attributions().get(0);

        assertThat(attribution.agent()).isEqualTo("searcher");
        assertThat(attribution.step()).isEqualTo(2);
    }

    @Test
    void givenAFailedTaskWithOnlySystemAndToolEvents_whenAnalyzed_thenNothingIsAttributed() {
        Conversation task = task("T1", DAY_ONE)
                .say("system", MessageType.TASK_STARTED, "Nightly export.", null, Map.of())
                .say("exporter", MessageType.TOOL_RESULT, "ERROR: disk full", null, Map.of("error", "disk full"))
                .say("system", MessageType.TASK_FAILED, "Export failed.", null, Map.of("outcome", "failure"))
                .build();

        EffectivenessReport report = analyze(task);

        assertThat(report.attributions()).isEmpty();
        assertThat(report.metrics().tasksFailed()).isEqualTo(1);
    }

    @Test
    void givenAHostCheckMissedInMostTasks_whenAnalyzed_thenItsFailureRateIsAFindingAndDrivesAttribution() {
        TaskCheckSpec keyword = new TaskCheckSpec("seo-keywords", "content tasks mention the target keyword", "writer",
                "content", "target_keyword");
        TeamSpec team = new TeamSpec(TEAM, "", "manager", List.of(AgentSpec.named("manager"), AgentSpec.named("writer")),
                List.of(keyword), null);
        Map<String, Object> brief = Map.of("task_type", "content", "target_keyword", "sustainable packaging");
        List<Conversation> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean mentions = i == 0;
            tasks.add(task("C" + i, DAY_ONE.plusSeconds(i * 3600L))
                    .say("manager", MessageType.TASK_ASSIGNMENT, "Blog post on our mailer boxes.", "writer", brief)
                    .say("writer", MessageType.UPDATE, mentions ? "Draft on sustainable packaging is ready."
                            : "Draft on eco-friendly shipping is ready.", "manager", Map.of())
                    .say("manager", MessageType.TASK_COMPLETION, mentions ? "Reviewed, approved." : "Reviewed: rejected.",
                            null, Map.of("outcome", mentions ? "success" : "failure"))
                    .build());
        }

        EffectivenessReport report = DefaultEffectivenessAnalyzer.create().analyze(tasks.stream(), team);

        Finding check = report.findings().stream().filter(f -> f.id().equals("check:seo-keywords")).findFirst()
                .orElseThrow();
        assertThat(check.kind()).isEqualTo("check");
        assertThat(check.count()).isEqualTo(3);
        assertThat(check.total()).isEqualTo(4);
        assertThat(check.title()).contains("75%");
        assertThat(check.severity()).isEqualTo(Severity.HIGH);
        assertThat(check.agents()).containsExactly("writer");
        assertThat(report.attributions()).hasSize(3).allSatisfy(attribution -> {
            assertThat(attribution.agent()).isEqualTo("writer");
            assertThat(attribution.step()).isEqualTo(1);
        });
    }

    @Test
    void givenRepeatedToolErrors_whenAnalyzed_thenAToolErrorsFindingNamesTheCallers() {
        EffectivenessReport report = analyze(failedOnTool("T1", DAY_ONE), failedOnTool("T2", DAY_ONE),
                succeeded("T3", DAY_ONE));

        Finding tool = finding(report, "tool-errors:web_search");
        assertThat(tool.count()).isEqualTo(2);
        assertThat(tool.total()).isEqualTo(2);
        assertThat(tool.agents()).containsExactly("researcher");
        assertThat(tool.evidence()).extracting(Evidence::taskId).containsExactly("T1", "T2");
    }

    @Test
    void givenAnAgentRepeatingItself_whenAnalyzed_thenARepetitionFindingNamesIt() {
        Conversation[] tasks = new Conversation[2];
        for (int i = 0; i < 2; i++) {
            tasks[i] = task("R" + i, DAY_ONE)
                    .say("writer", MessageType.UPDATE, "Here is the draft of the press release.", "reviewer", Map.of())
                    .say("reviewer", MessageType.FEEDBACK, "Add a customer quote please.", "writer", Map.of())
                    .say("writer", MessageType.UPDATE, "Here is the draft of the press release!", "reviewer", Map.of())
                    .say("reviewer", MessageType.TASK_COMPLETION, "We are going in circles.", null,
                            Map.of("outcome", "abandoned"))
                    .build();
        }

        EffectivenessReport report = analyze(tasks);

        Finding repetition = finding(report, "repetition:writer");
        assertThat(repetition.kind()).isEqualTo("repetition");
        assertThat(repetition.count()).isEqualTo(2);
        assertThat(repetition.evidence()).first().extracting(Evidence::step).isEqualTo(2);
        assertThat(finding(report, "ignored-input:writer").count()).isEqualTo(2);
    }

    @Test
    void givenAnAgentClosingWithAQuestionOpen_whenAnalyzed_thenPrematureTerminationIsFound() {
        Conversation[] tasks = new Conversation[2];
        for (int i = 0; i < 2; i++) {
            tasks[i] = task("P" + i, DAY_ONE)
                    .say("triage", MessageType.DELEGATION, "Routing the export question to the resolver.", "resolver",
                            Map.of())
                    .say("resolver", MessageType.ANSWER, "Use Billing, then Export CSV on the invoices page.", null, Map.of())
                    .say("writer", MessageType.QUESTION, "Does that also work on the mobile app?", "resolver", Map.of())
                    .say("supervisor", MessageType.TASK_COMPLETION, "Closing as solved.", null,
                            Map.of("outcome", "success"))
                    .build();
        }

        Finding premature = finding(analyze(tasks), "premature-termination:supervisor");

        assertThat(premature.count()).isEqualTo(2);
        assertThat(premature.evidence().get(0).excerpt()).contains("resolver");
    }

    @Test
    void givenApprovalsOfWorkThatFailed_whenAnalyzed_thenIncorrectVerificationIsFound() {
        Conversation[] tasks = new Conversation[2];
        for (int i = 0; i < 2; i++) {
            tasks[i] = task("V" + i, DAY_ONE)
                    .say("analyst", MessageType.ANSWER, "The filtered count of matching penguins is 132 in total.", null,
                            Map.of())
                    .say("verifier", MessageType.AGREEMENT, "Looks good to me.", null, Map.of())
                    .say("system", MessageType.TASK_FAILED, "Expected 44.", null, Map.of("outcome", "failure"))
                    .build();
        }

        Finding verification = finding(analyze(tasks), "incorrect-verification:verifier");

        assertThat(verification.count()).isEqualTo(2);
        assertThat(verification.rate()).isEqualTo(1.0);
    }

    @Test
    void givenASlowHandOff_whenAnalyzed_thenSlowHandoffCountsHandOffs() {
        Conversation[] tasks = new Conversation[2];
        for (int i = 0; i < 2; i++) {
            tasks[i] = task("H" + i, DAY_ONE)
                    .say("manager", MessageType.DELEGATION, "Please draft the newsletter intro.", "writer", Map.of())
                    .after(Duration.ofMinutes(45))
                    .say("writer", MessageType.UPDATE, "Intro drafted for the newsletter.", "manager", Map.of())
                    .say("manager", MessageType.TASK_COMPLETION, "Reviewed, approved.", null, Map.of())
                    .build();
        }

        Finding slow = finding(analyze(tasks), "slow-handoff:writer");

        assertThat(slow.count()).isEqualTo(2);
        assertThat(slow.total()).isEqualTo(2);
        assertThat(slow.evidence().get(0).excerpt()).contains("46 min");
    }

    @Test
    void givenResetsOffTopicTurnsAndToolsOutsideTheRole_whenAnalyzed_thenEachFailureModeIsFound() {
        TeamSpec team = new TeamSpec(TEAM, "", "lead", List.of(AgentSpec.named("lead"),
                new AgentSpec("writer", "Writer", "", "", "", List.of("write_draft"), null, Map.of())), List.of(), null);
        Conversation[] tasks = new Conversation[2];
        for (int i = 0; i < 2; i++) {
            tasks[i] = task("D" + i, DAY_ONE)
                    .say("lead", MessageType.TASK_ASSIGNMENT, "Newsletter on the spring product updates, 400 words.",
                            "writer", Map.of())
                    .say("writer", MessageType.UPDATE, "While researching I found our office coffee supplier changed"
                            + " beans; espresso quality dropped, so I compared grinders and roast levels instead.",
                            "lead", Map.of())
                    .say("writer", MessageType.TOOL_CALL, "web_search(\"grinders\")", null, Map.of("tool", "web_search"))
                    .say("lead", MessageType.UPDATE, "Let's start over from scratch with the newsletter.", "writer",
                            Map.of())
                    .say("writer", MessageType.TASK_COMPLETION, "Done.", null, Map.of("outcome", "partial"))
                    .build();
        }

        EffectivenessReport report = DefaultEffectivenessAnalyzer.create().analyze(List.of(tasks).stream(), team);

        assertThat(finding(report, "derailment:writer").evidence().get(0).step()).isEqualTo(1);
        assertThat(finding(report, "conversation-reset:lead").count()).isEqualTo(2);
        Finding role = finding(report, "role-violation:writer");
        assertThat(role.evidence().get(0).excerpt()).contains("web_search");
    }

    @Test
    void givenCleanTasks_whenAnalyzed_thenNoFailureModeIsReported() {
        EffectivenessReport report = analyze(succeeded("T1", DAY_ONE), succeeded("T2", DAY_ONE),
                succeeded("T3", DAY_TWO));

        assertThat(report.findings()).isEmpty();
        assertThat(report.attributions()).isEmpty();
        assertThat(report.ranking()).isEmpty();
    }

    @Test
    void givenFindingsAndAttributions_whenRanked_thenAgentsWithMoreBlameComeFirst() {
        Map<String, Object> none = new HashMap<>();
        Conversation wrongPlan = task("W1", DAY_ONE)
                .say("user", MessageType.TASK_STARTED, "Translate the onboarding FAQ into German.", "planner", none)
                .say("planner", MessageType.TASK_ASSIGNMENT, "Analyst, summarize the onboarding FAQ in English bullets.",
                        "analyst", none)
                .say("analyst", MessageType.ANSWER, "Summary: twelve questions about setup and billing.", "planner", none)
                .say("user", MessageType.FEEDBACK, "I asked for a German translation, not a summary.", null, none)
                .say("system", MessageType.TASK_FAILED, "Wrong deliverable.", null, Map.of("outcome", "failure"))
                .build();

        EffectivenessReport report = analyze(failedOnTool("T1", DAY_ONE), failedOnTool("T2", DAY_ONE), wrongPlan);

        assertThat(report.attributionsTo("planner")).singleElement().extracting(FailureAttribution::step).isEqualTo(1);
        assertThat(report.ranking()).extracting(AgentRanking::agent).startsWith("researcher", "planner");
        assertThat(report.ranking().get(0).reasons()).contains("2 failed tasks attributed", "tool-errors:web_search");
    }

    @Test
    void givenAVeryLongFailedTask_whenAnalyzed_thenTheAnalysisStaysFast() {
        TaskBuilder builder = task("LONG", DAY_ONE);
        for (int i = 0; i < 20_000; i++) {
            String agent = "agent" + (i % 4);
            builder.say(agent, i % 7 == 0 ? MessageType.QUESTION : MessageType.UPDATE,
                    "Step " + i + ": is the figure " + (i % 97) + " still wrong? Please check it again.",
                    "agent" + ((i + 1) % 5), Map.of());
        }
        Conversation task = builder.say("system", MessageType.TASK_FAILED, "Gave up.", null,
                Map.of("outcome", "failure")).build();

        EffectivenessReport report = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> analyze(task));

        assertThat(report.attributions()).hasSize(1);
    }

    private static Finding finding(EffectivenessReport report, String id) {
        return report.findings().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + id + " in " + report.findings()));
    }
}
