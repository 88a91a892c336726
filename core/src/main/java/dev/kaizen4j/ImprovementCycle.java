package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.discussion.Facilitator;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.discussion.Revision;
import dev.kaizen4j.discussion.RuleBasedFacilitator;
import dev.kaizen4j.internal.CrashPoints;
import dev.kaizen4j.ledger.IllegalTransitionException;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.llm.LlmAssistant;
import dev.kaizen4j.llm.LlmUsage;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.TimeWindow;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.proposal.ProposalGenerator;
import dev.kaizen4j.proposal.RuleBasedProposalGenerator;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.redaction.Redactor;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.ConversationSource;
import dev.kaizen4j.source.SourceProblem;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.validation.DefaultPromptValidator;
import dev.kaizen4j.validation.JavaParserSafeCodeValidator;
import dev.kaizen4j.validation.PromptValidator;
import dev.kaizen4j.validation.SafeCodeValidator;
import dev.kaizen4j.validation.ValidationResult;
import dev.kaizen4j.verify.CrossTeamSuggester;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One improvement cycle of a team: read its conversations, analyze them, discuss, propose, validate,
 * de-duplicate, rate-limit and submit to humans, recording every step in the ledger.
 *
 * <pre>{@code
 * ImprovementCycle cycle = ImprovementCycle.builder()
 *         .team(TeamSpecLoader.load(Path.of("team.yaml")))
 *         .source(JsonlConversationSource.of(Path.of("logs/")))
 *         .backChannel(new FileBackChannel(Path.of(".kaizen4j/requests")))
 *         .ledger(new FileImprovementLedger(Path.of(".kaizen4j/ledger.jsonl")))
 *         .build();
 * CycleResult result = cycle.run();
 * }</pre>
 *
 * <p>Every stage has an offline default, so a cycle needs no network and no LLM. A cycle never
 * changes an agent: code changes always wait for a human approval, and prompt changes are
 * auto-approved only when the host opts in with {@link Builder#autoApprovePromptRefinements}.
 * Running the cycle again on the same logs submits nothing new: proposals are identified by their
 * fingerprint, and the ledger remembers every fingerprint it has seen.
 *
 * <p>With {@link Builder#llm(LlmAssistant)} the analysis, discussion and proposals run on an LLM; its
 * proposals pass the same validation, de-duplication, rate limit and approval. Every request is
 * {@linkplain Builder#redactor redacted} before it is recorded or sent to a back-channel, except the
 * texts a change would publish: those are checked instead, and a proposal whose code or prompt holds
 * a secret is rejected with rule {@code secret}, so what was validated is what gets published.
 *
 * <p>A failed step (a submission, a publication, a ledger read or write, a model call) never stops a
 * run: it is reported in {@link CycleResult#errors()} and, where it can be, retried by the next run.
 * Pending submissions are validated again before they are retried.
 *
 * <p>Thread safety: thread-safe, but one instance runs one cycle at a time: {@link #run()} called
 * while the same instance is running on another thread fails at once with a retriable
 * {@link KaizenException} (it neither waits nor runs twice). {@link #syncDecisions()} may run
 * concurrently with a cycle. Several instances, threads or processes may share one ledger: each new
 * request is claimed atomically with {@link ImprovementLedger#appendIfAbsent}, so it is submitted
 * once, and the ledger refuses a second decision or publication of a request.
 *
 * <p>Ownership: the cycle creates nothing that holds a connection. It uses the back-channel, ledger,
 * publisher and source it is given and closes none of them; whoever created them closes them (the
 * runner closes the channels and publishers it made from providers). When the back-channel receives
 * decisions as events, the cycle registers a {@link DecisionSync#listener listener} on it at build time,
 * unless built with {@link Builder#listenForDecisions(boolean) listenForDecisions(false)}.
 */
public final class ImprovementCycle {

    /** How many skipped-input problems a result lists; all are counted. */
    public static final int MAX_REPORTED_PROBLEMS = 100;

    static final String AUTO_APPROVER = "policy:auto-approve-prompt-refinements";

    private static final Logger log = LoggerFactory.getLogger(ImprovementCycle.class);
    /** How long this cycle holds the left-over requests it retries, on a ledger shared with other runtimes. */
    private static final Duration RETRY_CLAIM = Duration.ofMinutes(10);

    private final TeamSpec team;
    private final ConversationSource source;
    private final TimeWindow window;
    private final EffectivenessAnalyzer analyzer;
    private final Facilitator facilitator;
    private final ProposalGenerator generator;
    private final SafeCodeValidator codeValidator;
    private final PromptValidator promptValidator;
    private final BackChannel backChannel;
    private final ImprovementLedger ledger;
    private final @Nullable ChangePublisher publisher;
    private final int maxSubmissionsPerCycle;
    private final boolean autoApprovePromptRefinements;
    private final Clock clock;
    /** Who claims retries on a shared ledger: this cycle object, in this process. */
    private final String runtime = "cycle-" + UUID.randomUUID();
    private final DecisionSync decisionSync;
    private final @Nullable LlmAssistant llm;
    private final Redactor redactor;
    private final AtomicBoolean running = new AtomicBoolean();
    private final @Nullable CrossTeamSuggester crossTeam;

    private ImprovementCycle(Builder builder) {
        this.team = requireNonNull(builder.team, "team is required");
        this.source = requireNonNull(builder.source, "source is required");
        this.backChannel = requireNonNull(builder.backChannel, "backChannel is required");
        this.window = builder.window;
        this.llm = builder.llm;
        this.analyzer = llm == null ? builder.analyzer : llm.analyzer(builder.analyzer);
        this.facilitator = llm == null ? builder.facilitator : llm.facilitator();
        this.generator = llm == null ? builder.generator : llm.proposalGenerator();
        this.redactor = builder.redactor;
        this.crossTeam = builder.crossTeam;
        this.codeValidator = builder.codeValidator;
        this.promptValidator = builder.promptValidator;
        this.ledger = builder.ledger;
        this.publisher = builder.publisher;
        this.maxSubmissionsPerCycle = builder.maxSubmissionsPerCycle;
        this.autoApprovePromptRefinements = builder.autoApprovePromptRefinements;
        this.clock = builder.clock;
        this.decisionSync = new DecisionSync(ledger, backChannel, publisher, clock);
        if (builder.listenForDecisions) {
            backChannel.decisionsTo(decisionSync.listener(team.name()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one cycle: retries submissions that failed earlier, picks up decisions, analyzes the
     * window, discusses, proposes and submits.
     *
     * @throws KaizenException when the source cannot be read at all (a missing log path, say);
     *     malformed lines are skipped and reported in the result instead; or, retriable, when this
     *     instance is already running a cycle on another thread
     */
    public CycleResult run() {
        if (!running.compareAndSet(false, true)) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE, "a cycle of team " + team.name()
                    + " is already running on this ImprovementCycle; one instance runs one cycle at a time");
        }
        try {
            return runAlone();
        } finally {
            running.set(false);
        }
    }

    private CycleResult runAlone() {
        Instant startedAt = clock.instant();
        if (llm != null) {
            llm.beginCycle();
        }
        List<CycleError> errors = new ArrayList<>();
        List<ProposalOutcome> retried = retryPendingSubmissions(errors);
        List<DecisionUpdate> decisions = syncDecisions(errors);

        List<SourceProblem> problems = new ArrayList<>();
        AtomicLong problemCount = new AtomicLong();
        EffectivenessReport report;
        try (Stream<Conversation> conversations = source.conversations(new ConversationQuery(team.name(), window),
                problem -> {
                    if (problemCount.incrementAndGet() <= MAX_REPORTED_PROBLEMS) {
                        problems.add(problem);
                    }
                })) {
            report = analyzer.analyze(conversations, team);
        }
        List<Revision> revisions = revisionsRequested(errors);
        ImprovementPlan plan = facilitator.facilitate(report, team, revisions.stream()
                .map(r -> r.requestId() + " (" + r.proposal().summary() + "): " + r.notes()).toList());
        if (plan.revisions().isEmpty()) {
            plan = plan.withRevisions(revisions);
        }
        List<Proposal> proposals = new ArrayList<>(generator.generate(report, plan, team));
        if (crossTeam != null) {
            proposals.addAll(crossTeam.suggestFor(team, ledger));
        }

        CrashPoints.hold(CrashPoints.Point.CYCLE_PROPOSING);
        List<ProposalOutcome> outcomes = new ArrayList<>();
        Set<String> seenThisCycle = new HashSet<>();
        int submissions = 0;
        for (Proposal proposal : proposals) {
            String requestId = ImprovementRequest.idFor(proposal);
            try {
                ProposalOutcome outcome = consider(proposal, requestId, report, plan, seenThisCycle,
                        submissions < maxSubmissionsPerCycle, errors);
                if (outcome.submission() != null) {
                    submissions++;
                }
                outcomes.add(outcome);
            } catch (LedgerFailure failure) {
                errors.add(failure.error());
            }
        }
        if (llm != null) {
            // A failed model call is made again by the next cycle.
            llm.errors().forEach(error -> errors.add(new CycleError(CycleError.Kind.LLM, null, null, error, true)));
        }
        LlmUsage usage = llm == null ? LlmUsage.none() : llm.usage();
        return new CycleResult(team.name(), startedAt, clock.instant(), report, plan, outcomes, retried, decisions,
                problems, problemCount.get(), errors, usage);
    }

    private ProposalOutcome consider(Proposal proposal, String requestId, EffectivenessReport report,
            ImprovementPlan plan, Set<String> seenThisCycle, boolean underRateLimit, List<CycleError> errors) {
        ValidationResult validation = validate(proposal);
        if (!validation.isAccepted()) {
            recordRejection(proposal, report, plan, validation);
            return new ProposalOutcome(redactor.redact(proposal), requestId, RequestStatus.REJECTED_BY_VALIDATION,
                    validation, null, violations(validation));
        }
        Optional<RequestRecord> known = read(requestId, () -> ledger.findByFingerprint(proposal.fingerprint()));
        if (!seenThisCycle.add(proposal.fingerprint())
                || known.filter(r -> r.status() != RequestStatus.REJECTED_BY_VALIDATION).isPresent()) {
            String note = known.map(r -> "already " + r.status().name().toLowerCase() + " as " + r.requestId())
                    .orElse("proposed twice in this cycle");
            return new ProposalOutcome(redactor.redact(proposal), requestId, RequestStatus.SUPPRESSED_DUPLICATE,
                    validation, null, note);
        }
        if (!underRateLimit) {
            return new ProposalOutcome(redactor.redact(proposal), requestId, RequestStatus.SUPPRESSED_RATE_LIMITED,
                    validation, null,
                    "at most " + maxSubmissionsPerCycle + " submissions per cycle; proposed again next cycle");
        }
        ImprovementRequest request = request(proposal, report, plan, true);
        // The claim is atomic across runtimes sharing the ledger: of several proposing this change, one submits it.
        if (!claim(LedgerEntry.of(clock.instant(), request, RequestStatus.PENDING_SUBMISSION, null))) {
            return new ProposalOutcome(redactor.redact(proposal), requestId, RequestStatus.SUPPRESSED_DUPLICATE,
                    validation, null, "claimed by another runtime sharing the ledger");
        }
        CrashPoints.reach(CrashPoints.Point.CYCLE_CLAIMED);
        return submit(request, validation, null, errors);
    }

    /**
     * Reads the back-channel's decisions on this team's submitted requests, records them in the
     * ledger and, when a {@link ChangePublisher} is configured, publishes approved changes (also
     * retrying publications that failed before).
     */
    public SyncResult syncDecisions() {
        return decisionSync.syncTeam(team.name());
    }

    private List<DecisionUpdate> syncDecisions(List<CycleError> errors) {
        SyncResult sync;
        try {
            sync = syncDecisions();
        } catch (RuntimeException failure) {
            // The sync itself turns channel and publisher failures into values; what escapes is the ledger.
            errors.add(ledgerError("syncing decisions", failure));
            return List.of();
        }
        sync.errors().forEach(error -> errors.add(new CycleError(error.kind(), error.requestId(), error.channel(),
                redactor.redact(error.message()), error.retriable())));
        sync.updates().forEach(update -> publicationError(update, errors));
        return sync.updates();
    }

    private void publicationError(DecisionUpdate update, List<CycleError> errors) {
        if (update.publishError() != null) {
            errors.add(new CycleError(CycleError.Kind.PUBLICATION, update.requestId(), null,
                    "publishing the approved change failed: " + redactor.redact(update.publishError()), true));
        }
    }

    /**
     * Submits again the requests whose submission failed earlier, after validating them again: the
     * validators or the redactor may have changed since, and a request that no longer passes is
     * recorded as rejected by validation instead of being sent.
     */
    private List<ProposalOutcome> retryPendingSubmissions(List<CycleError> errors) {
        List<RequestRecord> pending;
        try {
            pending = ledger.claimRetries(team.name(), runtime, clock.instant(), RETRY_CLAIM);
        } catch (RuntimeException failure) {
            errors.add(ledgerError("reading pending submissions", failure));
            return List.of();
        }
        List<ProposalOutcome> retried = new ArrayList<>();
        for (RequestRecord record : pending) {
            ImprovementRequest request = record.request();
            try {
                ValidationResult validation = validate(request.proposal());
                Submission previous = record.status() == RequestStatus.SUBMITTED ? record.submission() : null;
                if (validation.isAccepted()) {
                    retried.add(submit(request, validation, previous, errors));
                    continue;
                }
                String note = violations(validation);
                if (previous != null) {
                    // Already before reviewers on some channels: those decide; the others are not sent it.
                    retried.add(new ProposalOutcome(redactor.redact(request.proposal()), request.id(),
                            RequestStatus.SUBMITTED, validation, previous,
                            "no longer passes validation, not sent to the remaining channels: " + note));
                    continue;
                }
                record(LedgerEntry.transition(clock.instant(), record, RequestStatus.REJECTED_BY_VALIDATION,
                        "no longer passes validation, not submitted: " + note));
                retried.add(new ProposalOutcome(redactor.redact(request.proposal()), request.id(),
                        RequestStatus.REJECTED_BY_VALIDATION, validation, null,
                        "no longer passes validation, not submitted: " + note));
            } catch (LedgerFailure failure) {
                errors.add(failure.error());
            }
        }
        return retried;
    }

    /**
     * Submits a request, or, given the {@code previous} partial submission of a request already
     * submitted to some channels, retries the channels that failed.
     */
    private ProposalOutcome submit(ImprovementRequest request, ValidationResult validation,
            @Nullable Submission previous, List<CycleError> errors) {
        Submission submission;
        try {
            submission = previous == null ? backChannel.submit(request) : backChannel.retry(request, previous);
        } catch (RuntimeException failure) {
            // The contract says channels return failures; a buggy channel must not stop the cycle.
            log.warn("Back-channel {} threw while submitting {}", backChannel.name(), request.id(), failure);
            submission = Submission.failed(backChannel.name(), request.id(), failure.toString(), true);
        }
        RequestRecord record = read(request.id(), () -> ledger.find(request.id())).orElseThrow(
                () -> new LedgerFailure(request.id(), "the ledger lost request " + request.id(), null));
        if (record.status() == RequestStatus.SUBMITTED) {
            // A partly submitted request stays submitted, now with the channels that took it on retry.
            record(LedgerEntry.transition(clock.instant(), record, RequestStatus.SUBMITTED,
                    "retried the failed channels of " + submission.channel()).withSubmission(submission));
            if (submission.isPartial()) {
                errors.add(new CycleError(CycleError.Kind.SUBMISSION, request.id(), submission.channel(),
                        "still partly submitted: " + redactor.redact(String.valueOf(submission.error())), true));
            }
            return new ProposalOutcome(redactor.redact(request.proposal()), request.id(), RequestStatus.SUBMITTED,
                    validation, submission, submission.isPartial() ? "still partly submitted, kept for retry"
                            : "now submitted to every channel");
        }
        if (!submission.isSubmitted()) {
            String error = redactor.redact(String.valueOf(submission.error()));
            errors.add(new CycleError(CycleError.Kind.SUBMISSION, request.id(), submission.channel(),
                    "submission failed: " + error, submission.retriable()));
            Optional<ProposalOutcome> raced = recordUnlessRaced(LedgerEntry.transition(clock.instant(), record,
                    RequestStatus.PENDING_SUBMISSION, "submission to " + submission.channel() + " failed: " + error)
                    .withSubmission(submission), request, validation);
            if (raced.isPresent()) {
                return raced.get();
            }
            return new ProposalOutcome(redactor.redact(request.proposal()), request.id(),
                    RequestStatus.PENDING_SUBMISSION, validation, submission,
                    "submission failed, kept for retry: " + error);
        }
        CrashPoints.reach(CrashPoints.Point.CYCLE_SUBMITTED);
        Optional<ProposalOutcome> raced = recordUnlessRaced(LedgerEntry.transition(clock.instant(), record,
                RequestStatus.SUBMITTED, "submitted to " + submission.channel()).withSubmission(submission), request,
                validation);
        if (raced.isPresent()) {
            return raced.get();
        }
        if (autoApprovePromptRefinements && request.proposal() instanceof PromptRefinement) {
            ReviewDecision approval = new ReviewDecision(Verdict.APPROVED, AUTO_APPROVER,
                    "prompt refinements are auto-approved by the host's policy", clock.instant());
            RequestRecord submitted = read(request.id(), () -> ledger.find(request.id())).orElseThrow();
            record(LedgerEntry.transition(clock.instant(), submitted, RequestStatus.APPROVED, approval.notes())
                    .withDecision(approval));
            decisionSync.notify(submission, RequestStatus.APPROVED, approval.notes());
            publicationError(decisionSync.publish(request, approval), errors);
            return new ProposalOutcome(redactor.redact(request.proposal()), request.id(), RequestStatus.APPROVED,
                    validation, submission, "submitted to " + submission.channel() + " and auto-approved");
        }
        return new ProposalOutcome(redactor.redact(request.proposal()), request.id(), RequestStatus.SUBMITTED,
                validation, submission,
                "submitted to " + submission.channel() + (submission.link() == null ? "" : ": " + submission.link()));
    }

    /**
     * The validators' verdict plus the secret check: the proposal's texts are published as they are,
     * so a text holding a secret is refused rather than masked.
     */
    private ValidationResult validate(Proposal proposal) {
        ValidationResult validation = proposal instanceof CodeModification code
                ? codeValidator.validate(code)
                : promptValidator.validate((PromptRefinement) proposal);
        return validation.and(ProposalSecrets.check(redactor, proposal));
    }

    private String violations(ValidationResult validation) {
        // A validator's snippet may quote the proposal; the redactor keeps secrets out of notes.
        return redactor.redact(String.join("; ", validation.violations().stream().map(Object::toString).toList()));
    }

    private void recordRejection(Proposal proposal, EffectivenessReport report, ImprovementPlan plan,
            ValidationResult validation) {
        if (read(ImprovementRequest.idFor(proposal), () -> ledger.findByFingerprint(proposal.fingerprint()))
                .isPresent()) {
            return;
        }
        record(LedgerEntry.of(clock.instant(), request(proposal, report, plan, false),
                RequestStatus.REJECTED_BY_VALIDATION, violations(validation)));
    }

    private CycleError ledgerError(String what, RuntimeException failure) {
        return new CycleError(CycleError.Kind.LEDGER, null, null,
                what + " failed: " + redactor.redact(String.valueOf(failure.getMessage())), true);
    }

    private boolean claim(LedgerEntry entry) {
        try {
            return ledger.appendIfAbsent(entry);
        } catch (RuntimeException failure) {
            throw new LedgerFailure(entry.requestId(), "claiming the request failed: "
                    + redactor.redact(String.valueOf(failure.getMessage())), failure);
        }
    }

    /**
     * Records {@code entry}, or, when another runtime moved the request on first (both retried the
     * same pending request; the channel is idempotent on the fingerprint), returns that outcome.
     */
    private Optional<ProposalOutcome> recordUnlessRaced(LedgerEntry entry, ImprovementRequest request,
            ValidationResult validation) {
        try {
            ledger.append(entry);
            return Optional.empty();
        } catch (IllegalTransitionException raced) {
            RequestRecord now = read(request.id(), () -> ledger.find(request.id())).orElseThrow();
            log.info("Request {} is already {} by another runtime: {}", request.id(), now.status(), raced.getMessage());
            return Optional.of(new ProposalOutcome(redactor.redact(request.proposal()), request.id(),
                    RequestStatus.SUPPRESSED_DUPLICATE, validation, now.submission(),
                    "already " + now.status().name().toLowerCase(Locale.ROOT) + " by another runtime"));
        } catch (RuntimeException failure) {
            throw new LedgerFailure(entry.requestId(), "recording " + entry.status().name().toLowerCase(Locale.ROOT)
                    + " failed: " + redactor.redact(String.valueOf(failure.getMessage())), failure);
        }
    }

    private void record(LedgerEntry entry) {
        try {
            ledger.append(entry);
        } catch (RuntimeException failure) {
            throw new LedgerFailure(entry.requestId(), "recording " + entry.status().name().toLowerCase()
                    + " failed: " + redactor.redact(String.valueOf(failure.getMessage())), failure);
        }
    }

    private <T> T read(String requestId, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException failure) {
            throw new LedgerFailure(requestId,
                    "reading the ledger failed: " + redactor.redact(String.valueOf(failure.getMessage())), failure);
        }
    }

    private List<Revision> revisionsRequested(List<CycleError> errors) {
        try {
            return revisionsRequested();
        } catch (RuntimeException failure) {
            errors.add(ledgerError("reading reviewer notes", failure));
            return List.of();
        }
    }

    /** This team's requests sent back with "needs work" that no later request revises yet. */
    private List<Revision> revisionsRequested() {
        List<RequestRecord> records = ledger.records();
        Set<String> revised = new HashSet<>();
        records.forEach(record -> {
            if (record.request().revises() != null) {
                revised.add(record.request().revises());
            }
        });
        return records.stream()
                .filter(record -> record.status() == RequestStatus.NEEDS_WORK && record.decision() != null)
                .filter(record -> record.request().team().equals(team.name()) && !revised.contains(record.requestId()))
                .map(record -> new Revision(record.requestId(), record.request().proposal(),
                        record.decision().reviewer(), record.decision().notes()))
                .toList();
    }

    /**
     * The request as recorded and sent. Findings, metrics, the discussion, the title, the rationale
     * and the evidence are redacted. The proposal's texts are kept verbatim when {@code accepted}:
     * validation checked them, secrets included, and they are what a publisher publishes. A rejected
     * proposal is never published, so its texts are redacted too.
     */
    private ImprovementRequest request(Proposal proposal, EffectivenessReport report, ImprovementPlan plan,
            boolean accepted) {
        List<Finding> findings = report.findings().stream()
                .filter(finding -> proposal.evidence().stream().anyMatch(e -> e.startsWith(finding.id())))
                .toList();
        if (findings.isEmpty()) {
            findings = report.findingsFor(proposal.agent());
        }
        String revises = plan.revisions().stream().filter(revision -> revision.revisedBy(proposal))
                .map(Revision::requestId).findFirst().orElse(null);
        ImprovementRequest redacted = redactor.redact(new ImprovementRequest(ImprovementRequest.idFor(proposal),
                proposal.fingerprint(), team.name(), ImprovementRequest.titleFor(proposal), proposal, findings,
                metricsSnapshot(report.metrics()), plan.transcript(), clock.instant(), revises));
        if (!accepted) {
            return redacted;
        }
        return new ImprovementRequest(redacted.id(), redacted.fingerprint(), redacted.team(), redacted.title(),
                withTextsOf(proposal, redacted.proposal()), redacted.findings(), redacted.metrics(),
                redacted.discussion(), redacted.createdAt(), redacted.revises());
    }

    /** The redacted proposal with the original's code or prompt texts. */
    private static Proposal withTextsOf(Proposal original, Proposal redacted) {
        if (original instanceof CodeModification code) {
            return new CodeModification(code.team(), code.agent(), code.file(), code.currentCode(), code.proposedCode(),
                    redacted.rationale(), code.category(), redacted.evidence());
        }
        PromptRefinement prompt = (PromptRefinement) original;
        return new PromptRefinement(prompt.team(), prompt.agent(), prompt.field(), prompt.current(), prompt.proposed(),
                redacted.rationale(), redacted.evidence());
    }

    /** A ledger read or write failed: whatever depended on it is not done, and the run reports it. */
    private static final class LedgerFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String requestId;

        LedgerFailure(String requestId, String message, @Nullable Throwable cause) {
            super(message, cause);
            this.requestId = requestId;
        }

        CycleError error() {
            return new CycleError(CycleError.Kind.LEDGER, requestId, null, getMessage(), true);
        }
    }

    private static Map<String, Double> metricsSnapshot(TeamMetrics metrics) {
        Map<String, Double> snapshot = new LinkedHashMap<>();
        snapshot.put("tasks_total", (double) metrics.tasksTotal());
        snapshot.put("success_rate", metrics.successRate());
        snapshot.put("error_rate", metrics.errorRate());
        snapshot.put("collaboration_score", metrics.collaborationScore());
        snapshot.put("average_completion_seconds", metrics.averageCompletionSeconds());
        snapshot.put("tool_error_rate", metrics.toolErrorRate());
        return snapshot;
    }

    /** Settings for an {@link ImprovementCycle}. Team, source and back-channel are required. */
    public static final class Builder {
        private @Nullable TeamSpec team;
        private @Nullable ConversationSource source;
        private @Nullable BackChannel backChannel;
        private TimeWindow window = TimeWindow.all();
        private EffectivenessAnalyzer analyzer = DefaultEffectivenessAnalyzer.create();
        private Facilitator facilitator = RuleBasedFacilitator.create();
        private ProposalGenerator generator = new RuleBasedProposalGenerator();
        private SafeCodeValidator codeValidator = new JavaParserSafeCodeValidator();
        private PromptValidator promptValidator = new DefaultPromptValidator();
        private ImprovementLedger ledger = new InMemoryImprovementLedger();
        private @Nullable ChangePublisher publisher;
        private int maxSubmissionsPerCycle = 5;
        private boolean autoApprovePromptRefinements;
        private boolean listenForDecisions = true;
        private Clock clock = Clock.systemUTC();
        private @Nullable LlmAssistant llm;
        private Redactor redactor = Redactor.defaults();
        private @Nullable CrossTeamSuggester crossTeam;

        private Builder() {}

        /** The team to improve; its name selects the conversations. Required. */
        public Builder team(TeamSpec team) {
            this.team = requireNonNull(team, "team");
            return this;
        }

        /** Where the team's conversations come from. Required. */
        public Builder source(ConversationSource source) {
            this.source = requireNonNull(source, "source");
            return this;
        }

        /** Where requests go for human review. Required. */
        public Builder backChannel(BackChannel backChannel) {
            this.backChannel = requireNonNull(backChannel, "backChannel");
            return this;
        }

        /** The tasks to analyze, by start time. Default: all. */
        public Builder window(TimeWindow window) {
            this.window = requireNonNull(window, "window");
            return this;
        }

        /** Default: {@link DefaultEffectivenessAnalyzer}. */
        public Builder analyzer(EffectivenessAnalyzer analyzer) {
            this.analyzer = requireNonNull(analyzer, "analyzer");
            return this;
        }

        /** Default: {@link RuleBasedFacilitator}. */
        public Builder facilitator(Facilitator facilitator) {
            this.facilitator = requireNonNull(facilitator, "facilitator");
            return this;
        }

        /** Default: {@link RuleBasedProposalGenerator}. */
        public Builder proposalGenerator(ProposalGenerator generator) {
            this.generator = requireNonNull(generator, "generator");
            return this;
        }

        /** Default: {@link JavaParserSafeCodeValidator}. */
        public Builder codeValidator(SafeCodeValidator codeValidator) {
            this.codeValidator = requireNonNull(codeValidator, "codeValidator");
            return this;
        }

        /** Default: {@link DefaultPromptValidator}. */
        public Builder promptValidator(PromptValidator promptValidator) {
            this.promptValidator = requireNonNull(promptValidator, "promptValidator");
            return this;
        }

        /** The outbox and audit trail. Default: in memory, which forgets fingerprints between runs. */
        public Builder ledger(ImprovementLedger ledger) {
            this.ledger = requireNonNull(ledger, "ledger");
            return this;
        }

        /** Publishes approved changes (pull requests, patches). Default: none. */
        public Builder changePublisher(ChangePublisher publisher) {
            this.publisher = requireNonNull(publisher, "publisher");
            return this;
        }

        /** At most this many new requests are submitted per run; the rest wait. Default 5. */
        public Builder maxSubmissionsPerCycle(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxSubmissionsPerCycle must not be negative: " + max);
            }
            this.maxSubmissionsPerCycle = max;
            return this;
        }

        /**
         * Whether prompt refinements are approved without a human once submitted. Code changes always
         * need a human. Default false.
         */
        public Builder autoApprovePromptRefinements(boolean autoApprove) {
            this.autoApprovePromptRefinements = autoApprove;
            return this;
        }

        /**
         * Whether the cycle registers a listener on the back-channel at build time, so that decisions made
         * as events (Slack buttons, Postgres notifications) are recorded as they arrive; that opens the
         * channel's connection for them (a Slack Socket Mode socket, a listening database connection).
         * Default true. A cycle built for one {@link #run()} and closed right after does without: each run
         * reads the decisions made meanwhile by asking the channel.
         */
        public Builder listenForDecisions(boolean listen) {
            this.listenForDecisions = listen;
            return this;
        }

        /**
         * Runs the analysis, discussion and proposals on an LLM: the {@link #analyzer analyzer} is
         * wrapped by {@link LlmAssistant#analyzer}, and the assistant's facilitator and proposal
         * generator replace the configured ones. Default: none, the cycle runs offline.
         */
        public Builder llm(LlmAssistant llm) {
            this.llm = requireNonNull(llm, "llm");
            return this;
        }

        /**
         * Masks secrets in every request before it is recorded in the ledger and sent to the
         * back-channel, and finds them in the texts a change would publish, which are refused rather
         * than masked. Default: {@link Redactor#defaults()}.
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = requireNonNull(redactor, "redactor");
            return this;
        }

        /** Default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Offers, in every cycle, other teams' changes verified effective (by at least the suggester's lift
         * threshold) to this team's agents of the same role, as proposals that go through the same
         * validation, de-duplication, rate limit and approval as the cycle's own. Off by default.
         */
        public Builder crossTeamSuggestions(CrossTeamSuggester suggester) {
            this.crossTeam = requireNonNull(suggester, "suggester");
            return this;
        }

        public ImprovementCycle build() {
            return new ImprovementCycle(this);
        }
    }
}
