package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.llm.LlmUsage;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.source.SourceProblem;
import java.time.Instant;
import java.util.List;

/**
 * What one run of the {@link ImprovementCycle} did.
 *
 * @param team the team
 * @param startedAt when the run started
 * @param finishedAt when it finished
 * @param report the analysis
 * @param plan the plan from the discussion
 * @param outcomes what became of each proposal
 * @param retried earlier requests whose submission was retried in this run
 * @param decisions decisions picked up from back-channels in this run
 * @param skippedInput input the source skipped (first {@value ImprovementCycle#MAX_REPORTED_PROBLEMS})
 * @param skippedInputCount how much input was skipped in all
 * @param errors every failure of the run: submissions a back-channel did not take, publications that
 *     failed, ledger reads and writes that failed, model calls that failed or whose answers stayed
 *     invalid after a repair; the cycle went on without each failed step's output
 * @param llmUsage the model calls of this run and their tokens; empty when the cycle ran offline
 */
public record CycleResult(
        String team,
        Instant startedAt,
        Instant finishedAt,
        EffectivenessReport report,
        ImprovementPlan plan,
        List<ProposalOutcome> outcomes,
        List<ProposalOutcome> retried,
        List<DecisionUpdate> decisions,
        List<SourceProblem> skippedInput,
        long skippedInputCount,
        List<CycleError> errors,
        LlmUsage llmUsage) {

    public CycleResult {
        requireNonNull(team, "team");
        requireNonNull(report, "report");
        requireNonNull(plan, "plan");
        outcomes = List.copyOf(outcomes);
        retried = List.copyOf(retried);
        decisions = List.copyOf(decisions);
        skippedInput = List.copyOf(skippedInput);
        errors = List.copyOf(errors);
        requireNonNull(llmUsage, "llmUsage");
    }

    /** A result of a run without errors and without an LLM. */
    public CycleResult(String team, Instant startedAt, Instant finishedAt, EffectivenessReport report,
            ImprovementPlan plan, List<ProposalOutcome> outcomes, List<ProposalOutcome> retried,
            List<DecisionUpdate> decisions, List<SourceProblem> skippedInput, long skippedInputCount) {
        this(team, startedAt, finishedAt, report, plan, outcomes, retried, decisions, skippedInput, skippedInputCount,
                List.of(), LlmUsage.none());
    }

    /** Whether any step failed in this run; see {@link #errors()}. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors of one kind. */
    public List<CycleError> errors(CycleError.Kind kind) {
        requireNonNull(kind, "kind");
        return errors.stream().filter(error -> error.kind() == kind).toList();
    }

    /** Proposals that were submitted to a back-channel in this run (auto-approved ones included). */
    public List<ProposalOutcome> submitted() {
        return outcomes.stream().filter(o -> o.submission() != null && o.submission().isSubmitted()).toList();
    }

    public List<ProposalOutcome> rejectedByValidation() {
        return withStatus(RequestStatus.REJECTED_BY_VALIDATION);
    }

    public List<ProposalOutcome> suppressedAsDuplicate() {
        return withStatus(RequestStatus.SUPPRESSED_DUPLICATE);
    }

    public List<ProposalOutcome> suppressedByRateLimit() {
        return withStatus(RequestStatus.SUPPRESSED_RATE_LIMITED);
    }

    /** Proposals whose submission failed; they stay in the ledger and are retried next run. */
    public List<ProposalOutcome> pendingSubmission() {
        return withStatus(RequestStatus.PENDING_SUBMISSION);
    }

    private List<ProposalOutcome> withStatus(RequestStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }
}
