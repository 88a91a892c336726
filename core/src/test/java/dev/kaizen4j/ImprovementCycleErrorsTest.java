package dev.kaizen4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.testing.Fixtures;
import dev.kaizen4j.validation.ValidationResult;
import dev.kaizen4j.validation.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retry path's validation and the errors a run reports. */
class ImprovementCycleErrorsTest {

    private static final Clock CLOCK = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final SwitchableChannel channel = new SwitchableChannel();

    @Test
    void givenPendingRequestsThatNoLongerPassValidation_whenRetried_thenTheyAreRecordedAsRejectedAndNotSubmitted() {
        ImprovementLedger ledger = new InMemoryImprovementLedger();
        channel.down = true;
        CycleResult first = cycle(ledger, List.of(Fixtures.codeModification(), Fixtures.promptRefinement("a")))
                .build().run();
        assertThat(first.pendingSubmission()).hasSize(2);

        channel.down = false;
        CycleResult second = cycle(ledger, List.of())
                .codeValidator((current, proposed) -> ValidationResult.rejected(
                        List.of(new Violation("process-execution", "new use of Runtime.exec", 3, 5, "exec(cmd)"))))
                .build().run();

        String code = ImprovementRequest.idFor(Fixtures.codeModification());
        String prompt = ImprovementRequest.idFor(Fixtures.promptRefinement("a"));
        assertThat(channel.submitted).containsExactly(prompt);
        assertThat(second.retried()).filteredOn(o -> o.requestId().equals(code)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RequestStatus.REJECTED_BY_VALIDATION);
            assertThat(o.submission()).isNull();
            assertThat(o.validation().ruleIds()).containsExactly("process-execution");
            assertThat(o.note()).contains("process-execution").contains("line 3");
        });
        RequestRecord rejected = ledger.find(code).orElseThrow();
        assertThat(rejected.status()).isEqualTo(RequestStatus.REJECTED_BY_VALIDATION);
        assertThat(rejected.lastNote()).contains("process-execution");
        assertThat(ledger.find(prompt).orElseThrow().status()).isEqualTo(RequestStatus.SUBMITTED);

        CycleResult third = cycle(ledger, List.of()).build().run();
        assertThat(third.retried()).isEmpty();
        assertThat(channel.submitted).containsExactly(prompt);
    }

    @Test
    void givenABackChannelOutage_whenRun_thenEachFailedSubmissionIsATypedRetriableError() {
        channel.down = true;

        CycleResult result = cycle(new InMemoryImprovementLedger(),
                List.of(Fixtures.codeModification(), Fixtures.promptRefinement("a"))).build().run();

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.errors()).hasSize(2).allSatisfy(error -> {
            assertThat(error.kind()).isEqualTo(CycleError.Kind.SUBMISSION);
            assertThat(error.channel()).isEqualTo("switchable");
            assertThat(error.message()).contains("service unavailable");
            assertThat(error.retriable()).isTrue();
        });
        assertThat(result.errors()).extracting(CycleError::requestId).containsExactly(
                ImprovementRequest.idFor(Fixtures.codeModification()),
                ImprovementRequest.idFor(Fixtures.promptRefinement("a")));
        assertThat(result.errors(CycleError.Kind.SUBMISSION)).hasSize(2);
        assertThat(result.errors(CycleError.Kind.LEDGER)).isEmpty();
    }

    @Test
    void givenAPermanentSubmissionFailure_whenRun_thenTheErrorSaysItIsNotRetriable() {
        channel.permanent = true;

        CycleResult result = cycle(new InMemoryImprovementLedger(), List.of(Fixtures.promptRefinement("a")))
                .build().run();

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(CycleError.Kind.SUBMISSION);
            assertThat(error.retriable()).isFalse();
        });
    }

    @Test
    void givenAPublisherThatFails_whenAnAutoApprovedChangeIsPublished_thenThePublicationErrorIsReported() {
        CycleResult result = cycle(new InMemoryImprovementLedger(), List.of(Fixtures.promptRefinement("a")))
                .autoApprovePromptRefinements(true)
                .changePublisher((request, approval) -> {
                    throw new KaizenException(KaizenException.Kind.RETRIABLE, "repository unreachable");
                })
                .build().run();

        assertThat(result.outcomes()).singleElement().extracting(ProposalOutcome::status)
                .isEqualTo(RequestStatus.APPROVED);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(CycleError.Kind.PUBLICATION);
            assertThat(error.requestId()).isEqualTo(ImprovementRequest.idFor(Fixtures.promptRefinement("a")));
            assertThat(error.message()).contains("repository unreachable");
            assertThat(error.retriable()).isTrue();
        });
    }

    @Test
    void givenAnApprovalWhosePublicationFails_whenDecisionsAreSynced_thenThePublicationErrorIsReported() {
        ImprovementLedger ledger = new InMemoryImprovementLedger();
        cycle(ledger, List.of(Fixtures.promptRefinement("a"))).build().run();
        channel.approveAll = true;

        CycleResult result = cycle(ledger, List.of())
                .changePublisher((request, approval) -> {
                    throw new KaizenException(KaizenException.Kind.RETRIABLE, "repository unreachable");
                })
                .build().run();

        assertThat(result.decisions()).singleElement().satisfies(update -> assertThat(update.publishError()).isNotNull());
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(CycleError.Kind.PUBLICATION);
            assertThat(error.message()).contains("repository unreachable");
        });
    }

    @Test
    void givenDecisionsThatCannotBeRead_whenRun_thenEachIsARetriableDecisionErrorWithItsSecretsMasked() {
        ImprovementLedger ledger = new InMemoryImprovementLedger();
        cycle(ledger, List.of(Fixtures.promptRefinement("a"))).build().run();
        channel.unreadable = "401 from https://chat.example with token xoxb-123456789012-123456789012-abcdefghijklmnopqrstuvwx";

        CycleResult result = cycle(ledger, List.of()).build().run();

        String request = ImprovementRequest.idFor(Fixtures.promptRefinement("a"));
        assertThat(result.decisions()).isEmpty();
        assertThat(result.errors(CycleError.Kind.DECISION)).singleElement().satisfies(error -> {
            assertThat(error.requestId()).isEqualTo(request);
            assertThat(error.channel()).isEqualTo("switchable");
            assertThat(error.retriable()).isTrue();
            assertThat(error.message()).contains("the decision could not be read: 401 from https://chat.example")
                    .doesNotContain("xoxb-123456789012");
        });
        assertThat(ledger.find(request).orElseThrow().status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void givenALedgerThatCannotBeWritten_whenRun_thenNothingIsSubmittedAndTheLedgerErrorsAreReported() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("state"), "a file where a directory should be");
        ImprovementLedger ledger = new FileImprovementLedger(notADirectory.resolve("ledger.jsonl"));

        CycleResult result = cycle(ledger, List.of(Fixtures.codeModification(), Fixtures.promptRefinement("a")))
                .build().run();

        assertThat(channel.submitted).isEmpty();
        assertThat(result.submitted()).isEmpty();
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.errors()).allSatisfy(error -> {
            assertThat(error.kind()).isEqualTo(CycleError.Kind.LEDGER);
            assertThat(error.message()).contains("cannot use ledger");
            assertThat(error.retriable()).isTrue();
        });
        assertThat(result.errors()).extracting(CycleError::requestId).contains(
                ImprovementRequest.idFor(Fixtures.codeModification()),
                ImprovementRequest.idFor(Fixtures.promptRefinement("a")));
    }

    @Test
    void givenALedgerThatCannotBeRead_whenRun_thenTheRunCompletesWithLedgerErrorsAndSubmitsNothing() throws IOException {
        Path ledgerFile = Files.createDirectories(directory.resolve("ledger.jsonl"));

        CycleResult result = cycle(new FileImprovementLedger(ledgerFile), List.of(Fixtures.promptRefinement("a")))
                .build().run();

        assertThat(channel.submitted).isEmpty();
        assertThat(result.errors()).isNotEmpty().allSatisfy(error ->
                assertThat(error.kind()).isEqualTo(CycleError.Kind.LEDGER));
        assertThat(result.errors()).anySatisfy(error -> assertThat(error.message()).startsWith("reading pending"));
    }

    @Test
    void givenACleanRun_whenItFinishes_thenThereAreNoErrors() {
        CycleResult result = cycle(new InMemoryImprovementLedger(), List.of(Fixtures.promptRefinement("a")))
                .build().run();

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.errors()).isEmpty();
        assertThat(channel.submitted).hasSize(1);
    }

    @Test
    void givenAnError_whenPrinted_thenItIsOneLineNamingKindRequestAndChannel() {
        CycleError error = new CycleError(CycleError.Kind.SUBMISSION, "team-1234", "github", "HTTP 503", true);

        assertThat(error).hasToString("submission team-1234 on github: HTTP 503 (retried next run)");
        assertThat(new CycleError(CycleError.Kind.LLM, null, null, "plan: no answer", false))
                .hasToString("llm: plan: no answer");
    }

    private ImprovementCycle.Builder cycle(ImprovementLedger ledger, List<Proposal> proposals) {
        TeamMetrics metrics = new TeamMetrics(Fixtures.TEAM, null, null, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0);
        EffectivenessReport report = new EffectivenessReport(Fixtures.TEAM, metrics, List.of(), List.of(), List.of(),
                List.of());
        return ImprovementCycle.builder()
                .team(TeamSpec.named(Fixtures.TEAM))
                .source((query, problems) -> Stream.empty())
                .analyzer((conversations, team) -> report)
                .facilitator((r, team, feedback) -> new ImprovementPlan(List.of(), List.of(), List.of(), List.of()))
                .proposalGenerator((r, plan, team) -> proposals)
                .backChannel(channel)
                .ledger(ledger)
                .clock(CLOCK);
    }

    /** A back-channel that can be down, refuse for good, or approve everything it holds. */
    private static final class SwitchableChannel implements BackChannel {
        boolean down;
        boolean permanent;
        boolean approveAll;
        /** Why reading decisions fails, if it does. */
        String unreadable;
        final List<String> submitted = new ArrayList<>();

        @Override
        public String name() {
            return "switchable";
        }

        @Override
        public Submission submit(ImprovementRequest request) {
            if (down || permanent) {
                return Submission.failed(name(), request.id(), down ? "service unavailable" : "forbidden", down);
            }
            if (!submitted.contains(request.id())) {
                submitted.add(request.id());
            }
            return Submission.submitted(name(), request.id(), request.id(), null);
        }

        @Override
        public Optional<ReviewDecision> decisionFor(Submission submission) {
            if (unreadable != null) {
                throw new KaizenException(KaizenException.Kind.RETRIABLE, unreadable);
            }
            return approveAll ? Optional.of(new ReviewDecision(Verdict.APPROVED, "alice", "ok",
                    Fixtures.NOW)) : Optional.empty();
        }
    }
}
