package dev.kaizen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.publish.PatchFileChangePublisher;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.source.ConversationSource;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.team.TeamSpecLoader;
import dev.kaizen4j.testing.Fixtures;
import dev.kaizen4j.validation.ValidationResult;
import dev.kaizen4j.validation.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImprovementCycleTest {

    private static final Clock CLOCK = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private TeamSpec team;
    private Path logs;

    @BeforeEach
    void writeTeam() throws IOException {
        Files.createDirectories(directory.resolve("agents"));
        Files.writeString(directory.resolve("agents/Researcher.java"), """
                package agents;

                public final class Researcher {
                    private static final int MAX_RETRIES = 0;

                    public String search(String query) {
                        return "results for " + query;
                    }
                }
                """);
        Files.writeString(directory.resolve("team.yaml"), """
                name: demo
                manager: lead
                agents:
                  - name: lead
                    system_prompt: You lead the team.
                  - name: writer
                    system_prompt: |
                      You write posts for {{brand}}.
                  - name: researcher
                    system_prompt: You research topics.
                    source_file: agents/Researcher.java
                checks:
                  - name: keyword
                    description: posts mention the keyword
                    agent: writer
                    task_type: post
                    deliverable_mentions: keyword
                """);
        team = TeamSpecLoader.load(directory.resolve("team.yaml"));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            String task = "T" + i;
            String keyword = i <= 4 ? "widgets" : "gadgets";
            String draft = i <= 4 ? "Here is a post about tools." : "Here is a post about gadgets.";
            lines.append(event(task, "lead", "task_assignment", "Write a post",
                    "{\"task_type\":\"post\",\"keyword\":\"" + keyword + "\"}", i, 0));
            lines.append(event(task, "writer", "proposal", draft, "{}", i, 1));
            lines.append(event(task, "system", i <= 4 ? "task_failed" : "task_completion", "done",
                    "{\"outcome\":\"" + (i <= 4 ? "failure" : "success") + "\"}", i, 2));
        }
        for (int i = 7; i <= 10; i++) {
            String task = "T" + i;
            lines.append(event(task, "researcher", "tool_call", "search", "{\"tool\":\"web_search\"}", i, 0));
            lines.append(event(task, "web_search", "tool_result", "",
                    i <= 9 ? "{\"tool\":\"web_search\",\"error\":\"timeout\"}" : "{\"tool\":\"web_search\"}", i, 1));
            lines.append(event(task, "system", "task_completion", "done", "{\"outcome\":\"success\"}", i, 2));
        }
        lines.append("this line is not JSON\n");
        logs = Files.writeString(directory.resolve("logs.jsonl"), lines.toString());
    }

    @Test
    void givenLogsWithProblems_whenRun_thenRequestsReachTheBackChannelAndTheLedger() {
        FileBackChannel channel = new FileBackChannel(directory.resolve("requests"), CLOCK);
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));

        CycleResult result = cycle(channel, ledger).build().run();

        assertThat(result.report().metrics().tasksTotal()).isEqualTo(10);
        assertThat(result.outcomes()).extracting(o -> o.proposal().agent())
                .containsExactlyInAnyOrder("writer", "researcher", "researcher");
        assertThat(result.outcomes()).extracting(ProposalOutcome::proposal)
                .hasAtLeastOneElementOfType(CodeModification.class)
                .hasAtLeastOneElementOfType(PromptRefinement.class);
        assertThat(result.submitted()).hasSize(3);
        assertThat(channel.requests()).hasSize(3);
        assertThat(ledger.records()).allSatisfy(r -> assertThat(r.status()).isEqualTo(RequestStatus.SUBMITTED));
        assertThat(result.skippedInputCount()).isEqualTo(1);
        assertThat(result.skippedInput()).singleElement().satisfies(problem -> {
            assertThat(problem.location()).endsWith("logs.jsonl");
            assertThat(problem.line()).isEqualTo(31);
        });
    }

    @Test
    void givenTheSameLogs_whenRunTwice_thenTheSecondRunSubmitsNothing() {
        FileBackChannel channel = new FileBackChannel(directory.resolve("requests"), CLOCK);
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        cycle(channel, ledger).build().run();

        CycleResult second = cycle(channel, ledger).build().run();

        assertThat(second.submitted()).isEmpty();
        assertThat(second.suppressedAsDuplicate()).hasSize(3);
        assertThat(channel.requests()).hasSize(3);
    }

    @Test
    void givenACycleRunning_whenTheSameInstanceRunsOnAnotherThread_thenThatRunIsRefusedAndTheFirstCompletes()
            throws Exception {
        CountDownLatch firstReading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        ConversationSource logsSource = JsonlConversationSource.builder(logs).lingerLines(0).build();
        ImprovementCycle cycle = cycle(new FlakyBackChannel(), new InMemoryImprovementLedger())
                .source((query, problems) -> {
                    if (reads.incrementAndGet() == 1) {
                        firstReading.countDown();
                        await(release);
                    }
                    return logsSource.conversations(query, problems);
                })
                .build();
        CompletableFuture<CycleResult> first = CompletableFuture.supplyAsync(cycle::run);
        assertThat(firstReading.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(cycle::run)
                .isInstanceOfSatisfying(KaizenException.class, refused -> assertThat(refused.isRetriable()).isTrue())
                .hasMessageContaining("already running").hasMessageContaining("demo");

        release.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS).submitted()).hasSize(3);
        assertThat(cycle.run().suppressedAsDuplicate()).hasSize(3);
    }

    @Test
    void givenTwoRuntimesSharingALedgerFile_whenTheyRunAtOnce_thenEachRequestIsSubmittedOnce() throws Exception {
        CyclicBarrier bothAnalyzing = new CyclicBarrier(2);
        Map<String, AtomicInteger> submits = new ConcurrentHashMap<>();
        BackChannel counting = new FlakyBackChannel() {
            @Override
            public synchronized Submission submit(ImprovementRequest request) {
                submits.computeIfAbsent(request.id(), id -> new AtomicInteger()).incrementAndGet();
                return super.submit(request);
            }
        };
        ConversationSource logsSource = JsonlConversationSource.builder(logs).lingerLines(0).build();
        Path file = directory.resolve("ledger.jsonl");
        Callable<CycleResult> runtime = () -> cycle(counting, new FileImprovementLedger(file))
                .source((query, problems) -> {
                    await(bothAnalyzing);
                    return logsSource.conversations(query, problems);
                })
                .build().run();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<CycleResult> results;
        try {
            List<Future<CycleResult>> running = List.of(pool.submit(runtime), pool.submit(runtime));
            results = List.of(running.get(0).get(60, TimeUnit.SECONDS), running.get(1).get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        assertThat(submits).hasSize(3).allSatisfy((id, count) -> assertThat(count).hasValue(1));
        assertThat(results.stream().mapToInt(r -> r.submitted().size()).sum()).isEqualTo(3);
        assertThat(results.stream().mapToInt(r -> r.suppressedAsDuplicate().size()).sum()).isEqualTo(3);
        assertThat(new FileImprovementLedger(file).records()).hasSize(3).allSatisfy(record -> assertThat(record.history())
                .extracting(e -> e.status())
                .containsExactly(RequestStatus.PENDING_SUBMISSION, RequestStatus.SUBMITTED));
    }

    @Test
    void givenAnApproval_whenTheNextCycleRuns_thenItIsRecordedAndPublishedAsAPatch() {
        FileBackChannel channel = new FileBackChannel(directory.resolve("requests"), CLOCK);
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        CycleResult first = cycle(channel, ledger).build().run();
        String approved = first.submitted().get(0).requestId();
        channel.decide(approved, Verdict.APPROVED, "alice", "good");

        CycleResult second = cycle(channel, ledger).changePublisher(PatchFileChangePublisher.builder(directory.resolve("patches"))
                        .teamSpec(directory.resolve("team.yaml")).build())
                .build().run();

        assertThat(second.decisions()).singleElement().satisfies(update -> {
            assertThat(update.requestId()).isEqualTo(approved);
            assertThat(update.published()).isNotNull();
        });
        RequestRecord record = ledger.find(approved).orElseThrow();
        assertThat(record.status()).isEqualTo(RequestStatus.PUBLISHED);
        assertThat(record.history()).extracting(e -> e.status()).containsSubsequence(
                RequestStatus.PENDING_SUBMISSION, RequestStatus.SUBMITTED, RequestStatus.APPROVED, RequestStatus.PUBLISHED);
        assertThat(directory.resolve("patches").resolve(approved + ".patch")).content().contains("Approved-by: alice");
    }

    @Test
    void givenNeedsWorkNotes_whenTheNextCycleRuns_thenARevisedRequestLinkedToTheEarlierOneIsSubmitted() throws IOException {
        FileBackChannel channel = new FileBackChannel(directory.resolve("requests"), CLOCK);
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        ProposalOutcome earlier = cycle(channel, ledger).build().run().submitted().stream()
                .filter(outcome -> outcome.proposal() instanceof PromptRefinement
                        && outcome.proposal().agent().equals("writer"))
                .findFirst().orElseThrow();
        channel.decide(earlier.requestId(), Verdict.NEEDS_WORK, "bob", "Cite where the keyword comes from");

        CycleResult second = cycle(channel, ledger).build().run();

        ProposalOutcome revised = second.submitted().stream()
                .filter(outcome -> outcome.proposal().agent().equals("writer")).findFirst().orElseThrow();
        RequestRecord record = ledger.find(revised.requestId()).orElseThrow();
        assertThat(record.request().revises()).isEqualTo(earlier.requestId());
        assertThat(revised.requestId()).isNotEqualTo(earlier.requestId());
        assertThat(((PromptRefinement) revised.proposal()).proposed()).contains("- Cite where the keyword comes from.");
        assertThat(directory.resolve("requests").resolve(revised.requestId() + ".md")).content()
                .contains("**Revises:** `" + earlier.requestId() + "`");
        assertThat(directory.resolve("requests").resolve(revised.requestId() + ".json")).content()
                .contains("\"revises\" : \"" + earlier.requestId() + "\"");

        CycleResult third = cycle(channel, ledger).build().run();

        assertThat(third.submitted()).isEmpty();
        assertThat(third.plan().transcript()).noneSatisfy(turn ->
                assertThat(turn.message()).contains("Cite where the keyword comes from"));
    }

    @Test
    void givenNeedsWorkNotes_whenTheNextCycleRuns_thenTheDiscussionHearsThem() {
        FileBackChannel channel = new FileBackChannel(directory.resolve("requests"), CLOCK);
        FileImprovementLedger ledger = new FileImprovementLedger(directory.resolve("ledger.jsonl"));
        String id = cycle(channel, ledger).build().run().submitted().get(0).requestId();
        channel.decide(id, Verdict.NEEDS_WORK, "bob", "Say where the keyword comes from");

        CycleResult second = cycle(channel, ledger).build().run();

        assertThat(ledger.find(id).orElseThrow().status()).isEqualTo(RequestStatus.NEEDS_WORK);
        assertThat(second.plan().transcript()).anySatisfy(turn ->
                assertThat(turn.message()).contains("Say where the keyword comes from"));
    }

    @Test
    void givenABackChannelOutage_whenRun_thenRequestsStayPendingAndTheNextRunSubmitsThemOnce() {
        FlakyBackChannel channel = new FlakyBackChannel();
        ImprovementLedger ledger = new InMemoryImprovementLedger();
        channel.down.set(true);

        CycleResult first = cycle(channel, ledger).build().run();

        assertThat(first.pendingSubmission()).hasSize(3);
        assertThat(ledger.records()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RequestStatus.PENDING_SUBMISSION);
            assertThat(r.lastNote()).contains("service unavailable");
        });

        channel.down.set(false);
        CycleResult second = cycle(channel, ledger).build().run();

        assertThat(second.retried()).hasSize(3).allSatisfy(o -> assertThat(o.status()).isEqualTo(RequestStatus.SUBMITTED));
        assertThat(second.submitted()).isEmpty();
        assertThat(channel.submitted).hasSize(3);
    }

    @Test
    void givenAnotherRuntimeHoldsTheLeftOverRequests_whenRunAgain_thenTheyAreNotRetriedHere() {
        FlakyBackChannel channel = new FlakyBackChannel();
        InMemoryImprovementLedger shared = new InMemoryImprovementLedger();
        channel.down.set(true);
        cycle(channel, shared).build().run();
        channel.down.set(false);
        List<String> askedFor = new ArrayList<>();
        // a shared ledger on which another runtime claimed every left-over request
        ImprovementLedger claimedElsewhere = new ImprovementLedger() {
            @Override
            public void append(LedgerEntry entry) {
                shared.append(entry);
            }

            @Override
            public boolean appendIfAbsent(LedgerEntry entry) {
                return shared.appendIfAbsent(entry);
            }

            @Override
            public List<RequestRecord> records() {
                return shared.records();
            }

            @Override
            public List<RequestRecord> claimRetries(String team, String holder, Instant now, Duration hold) {
                askedFor.add(team);
                return List.of();
            }
        };

        CycleResult second = cycle(channel, claimedElsewhere).build().run();

        assertThat(askedFor).containsExactly("demo");
        assertThat(second.retried()).isEmpty();
        assertThat(channel.submitted).isEmpty();
        assertThat(shared.records()).allSatisfy(r -> assertThat(r.status()).isEqualTo(RequestStatus.PENDING_SUBMISSION));
    }

    @Test
    void givenOneOfTwoChannelsDown_whenRunAgain_thenOnlyThatChannelIsRetriedAndTheRequestStaysDecidable() {
        FlakyBackChannel slack = new FlakyBackChannel("slack");
        FlakyBackChannel github = new FlakyBackChannel("github:acme/agents");
        BackChannel both = BackChannel.composite(slack, github);
        ImprovementLedger ledger = new InMemoryImprovementLedger();
        github.down.set(true);

        CycleResult first = cycle(both, ledger).build().run();

        assertThat(first.submitted()).hasSize(3);
        assertThat(ledger.records()).allSatisfy(r -> assertThat(r.submission().isPartial()).isTrue());

        github.down.set(false);
        CycleResult second = cycle(both, ledger).build().run();

        assertThat(second.retried()).hasSize(3).allSatisfy(o -> assertThat(o.status()).isEqualTo(RequestStatus.SUBMITTED));
        assertThat(slack.calls).as("channels that took the request are not asked again").hasValue(3);
        assertThat(github.submitted).hasSize(3);
        assertThat(ledger.records()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RequestStatus.SUBMITTED);
            assertThat(r.submission().isPartial()).isFalse();
        });
    }

    @Test
    void givenAThrowingBackChannel_whenRun_thenTheCycleCompletesAndKeepsTheRequests() {
        BackChannel throwing = new BackChannel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Submission submit(ImprovementRequest request) {
                throw new IllegalStateException("bug in plugin");
            }

            @Override
            public Optional<ReviewDecision> decisionFor(Submission submission) {
                throw new IllegalStateException("bug in plugin");
            }
        };
        ImprovementLedger ledger = new InMemoryImprovementLedger();

        CycleResult result = cycle(throwing, ledger).build().run();

        assertThat(result.pendingSubmission()).hasSize(3);
        assertThat(ledger.records()).hasSize(3);
    }

    @Test
    void givenARateLimit_whenRun_thenOnlyThatManyAreSubmittedAndTheRestComeNextCycle() {
        FlakyBackChannel channel = new FlakyBackChannel();
        ImprovementLedger ledger = new InMemoryImprovementLedger();

        CycleResult first = cycle(channel, ledger).maxSubmissionsPerCycle(1).build().run();
        CycleResult second = cycle(channel, ledger).maxSubmissionsPerCycle(1).build().run();

        assertThat(first.submitted()).hasSize(1);
        assertThat(first.suppressedByRateLimit()).hasSize(2);
        assertThat(second.submitted()).hasSize(1);
        assertThat(channel.submitted).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void givenAValidatorThatRejects_whenRun_thenNothingLeavesTheProcessAndTheRejectionIsAudited() {
        FlakyBackChannel channel = new FlakyBackChannel();
        ImprovementLedger ledger = new InMemoryImprovementLedger();

        CycleResult result = cycle(channel, ledger)
                .codeValidator((current, proposed) -> ValidationResult.rejected(
                        List.of(new Violation("process-execution", "new use of Runtime.exec", 7, 9, "exec(cmd)"))))
                .build().run();

        assertThat(result.rejectedByValidation()).singleElement()
                .satisfies(o -> assertThat(o.note()).contains("process-execution").contains("line 7"));
        assertThat(channel.submitted).noneMatch(id -> id.equals(result.rejectedByValidation().get(0).requestId()));
        assertThat(ledger.find(result.rejectedByValidation().get(0).requestId())).get()
                .extracting(RequestRecord::status).isEqualTo(RequestStatus.REJECTED_BY_VALIDATION);
    }

    @Test
    void givenAutoApprovalOfPrompts_whenRun_thenPromptsAreApprovedButCodeWaitsForAHuman() {
        FlakyBackChannel channel = new FlakyBackChannel();
        ImprovementLedger ledger = new InMemoryImprovementLedger();

        CycleResult result = cycle(channel, ledger).autoApprovePromptRefinements(true).build().run();

        assertThat(result.outcomes()).allSatisfy(outcome -> assertThat(outcome.status()).isEqualTo(
                outcome.proposal() instanceof PromptRefinement ? RequestStatus.APPROVED : RequestStatus.SUBMITTED));
        assertThat(ledger.records()).filteredOn(r -> r.status() == RequestStatus.APPROVED)
                .allSatisfy(r -> assertThat(r.decision().reviewer()).isEqualTo(ImprovementCycle.AUTO_APPROVER));
    }

    private ImprovementCycle.Builder cycle(BackChannel channel, ImprovementLedger ledger) {
        return ImprovementCycle.builder()
                .team(team)
                .source(JsonlConversationSource.builder(logs).lingerLines(0).build())
                .backChannel(channel)
                .ledger(ledger)
                .clock(CLOCK);
    }

    private static void await(Object gate) {
        try {
            if (gate instanceof CountDownLatch latch) {
                assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
            } else {
                ((CyclicBarrier) gate).await(30, TimeUnit.SECONDS);
            }
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static String event(String task, String agent, String type, String message, String metadata, int minute,
            int second) {
        return String.format("{\"timestamp\":\"2025-06-10T10:%02d:%02d\",\"team_name\":\"demo\",\"task_id\":\"%s\","
                + "\"agent_name\":\"%s\",\"message\":\"%s\",\"message_type\":\"%s\",\"metadata\":%s}%n",
                minute, second, task, agent, message, type, metadata);
    }

    /** A back-channel that can be switched off, recording what it accepted. */
    private static class FlakyBackChannel implements BackChannel {
        final AtomicBoolean down = new AtomicBoolean();
        final List<String> submitted = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        private final String name;

        FlakyBackChannel() {
            this("flaky");
        }

        FlakyBackChannel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Submission submit(ImprovementRequest request) {
            calls.incrementAndGet();
            if (down.get()) {
                return Submission.failed(name(), request.id(), "service unavailable", true);
            }
            if (!submitted.contains(request.id())) {
                submitted.add(request.id());
            }
            return Submission.submitted(name(), request.id(), "ext-" + request.id(), null);
        }

        @Override
        public Optional<ReviewDecision> decisionFor(Submission submission) {
            return Optional.empty();
        }
    }
}
