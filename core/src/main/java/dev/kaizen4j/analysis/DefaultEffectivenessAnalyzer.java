package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.internal.Parallelism;
import dev.kaizen4j.analysis.internal.Detectors;
import dev.kaizen4j.analysis.internal.FailureAttributor.CheckFailure;
import dev.kaizen4j.analysis.internal.FailureAttributor;
import dev.kaizen4j.analysis.internal.MetricsTally.TaskMeasures;
import dev.kaizen4j.analysis.internal.MetricsTally;
import dev.kaizen4j.analysis.internal.TaskFindings;
import dev.kaizen4j.analysis.internal.TaskView;
import dev.kaizen4j.analysis.internal.Text;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.team.TeamSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The offline analyzer: measures the team, detects failure modes and attributes every failed task
 * in one streaming pass, with rules only (no LLM). Memory grows with the number of agents, tools,
 * days and failed tasks, not with the number of events.
 *
 * <p>Findings and their ids ({@code kind:subject}):
 * <ul>
 *   <li>{@code check:<name>} — a host-defined {@link TaskCheck} failed in some applicable tasks;</li>
 *   <li>{@code tool-errors:<tool>} — a tool's results report errors (rate over its calls);</li>
 *   <li>{@code repetition:<agent>} — step repetition and loops: the agent sent the same message
 *       (up to case, spacing and punctuation) twice within a task;</li>
 *   <li>{@code ignored-input:<agent>} — input addressed to the agent (question, challenge, feedback,
 *       proposal, hand-off) got no reply, a reply repeating its previous message, or replies sharing
 *       no word with it;</li>
 *   <li>{@code premature-termination:<agent>} — the agent closed the task (declared an outcome or
 *       wrote TERMINATE) while a question was unanswered, right after a failed tool result, or as
 *       partial/abandoned;</li>
 *   <li>{@code missing-verification:<agent>} — the agent closed the task with no check of the last
 *       deliverable: no feedback, challenge, review/verification wording or successful tool run
 *       after it;</li>
 *   <li>{@code incorrect-verification:<agent>} — the agent approved a deliverable and the task
 *       failed anyway;</li>
 *   <li>{@code derailment:<agent>} — a long message sharing (almost) no word with the task
 *       statement or the three turns before it;</li>
 *   <li>{@code conversation-reset:<agent>} — "let's start over" or the same task assigned again;</li>
 *   <li>{@code role-violation:<agent>} — a tool call outside the agent's spec, or a worker declaring
 *       the outcome of a task its manager takes part in;</li>
 *   <li>{@code slow-handoff:<agent>} — a hand-off or question addressed to the agent was picked up
 *       later than {@link Builder#slowHandoff(Duration)} (rate over hand-offs).</li>
 * </ul>
 * Except for checks, a finding is reported when it occurred at least
 * {@link Builder#minOccurrences(int)} times and in at least {@link Builder#minRate(double)} of the
 * cases. Its count and total are tasks (hand-offs for {@code slow-handoff}, results for
 * {@code tool-errors}).
 *
 * <p>Failure attribution scores every agent step of a failed task and blames the best one (the
 * earliest on a tie); the step is the 0-based index of the event within its task. The principles, all
 * checkable against the log: a failed host check; the step that first stated the figures or names of the
 * failed result (traced through tool calls back to an instruction, plan or hand-off that introduced what
 * the call used); an approval given without checking when a check was asked for; carrying on after a
 * failed call that was never retried; ending the task with a question unanswered or a reported result
 * unused; corrections and complaints; and, weighing least, what only words say (errors, giving up,
 * unverified assumptions). Speakers annotated as in {@code Orchestrator (thought)} are one agent. The
 * confidence is calibrated: on the generated evaluation logs, 0.8 is right about 80% of the time.
 *
 * <p>Blame never goes to {@code system}, {@code user}, {@code human}, to tool results or to code
 * executors (speakers such as {@code Computer_terminal}); the agent that called the tool or wrote the
 * code may be blamed. Tasks are examined by as many threads as {@link Builder#parallelism(int)} says (by
 * default one fewer than the processors) and merged in log order, so the report is the same whatever the
 * parallelism.
 */
public final class DefaultEffectivenessAnalyzer implements EffectivenessAnalyzer {

    private static final int MAX_EVIDENCE = 5;
    private static final int IN_FLIGHT = 64;
    /** How many distinct attribution reasons are shared at most: about 200 bytes each. */
    private static final int MAX_SHARED_REASONS = 16_384;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<TaskCheck> checks;
    private final double minToolErrorRate;
    private final double minRate;
    private final int minOccurrences;
    private final Duration slowHandoff;
    private final int parallelism;

    private DefaultEffectivenessAnalyzer(Builder builder) {
        this.parallelism = builder.parallelism;
        this.checks = List.copyOf(builder.checks);
        this.minToolErrorRate = builder.minToolErrorRate;
        this.minRate = builder.minRate;
        this.minOccurrences = builder.minOccurrences;
        this.slowHandoff = builder.slowHandoff;
    }

    /** An analyzer with the default settings and no extra checks. */
    public static DefaultEffectivenessAnalyzer create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public EffectivenessReport analyze(Stream<Conversation> conversations, TeamSpec team) {
        requireNonNull(conversations, "conversations");
        requireNonNull(team, "team");
        List<TaskCheck> allChecks = new ArrayList<>(checks);
        team.checks().forEach(spec -> allChecks.add(TaskCheck.from(spec)));
        Pass pass = new Pass(team, allChecks, new Detectors(team, slowHandoff));
        if (parallelism <= 1) {
            conversations.forEach(task -> pass.merge(pass.examine(task)));
            return pass.report();
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "kaizen4j-analyze-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<TaskResult>> inFlight = new ArrayDeque<>();
            Iterator<Conversation> tasks = conversations.iterator();
            while (tasks.hasNext()) {
                Conversation task = tasks.next();
                inFlight.addLast(pool.submit(() -> pass.examine(task)));
                if (inFlight.size() >= IN_FLIGHT) {
                    pass.merge(result(inFlight.removeFirst()));
                }
            }
            while (!inFlight.isEmpty()) {
                pass.merge(result(inFlight.removeFirst()));
            }
        } finally {
            pool.shutdownNow();
        }
        return pass.report();
    }

    private static TaskResult result(Future<TaskResult> future) {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while analyzing", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }

    /** Counts of one agent in one task. */
    private static final class AgentDelta {
        int messages;
        int toolCalls;
        int toolErrors;
        int errors;
        boolean spoke;
    }

    /** Counts of one tool in one task. */
    private static final class ToolDelta {
        int calls;
        int results;
        int errors;
        final Set<String> callersWithErrors = new LinkedHashSet<>();
        final List<Evidence> evidence = new ArrayList<>();
    }

    /** A check that applied to a task: whether it failed and where. */
    private record CheckResult(String name, boolean failed, int step) {}

    /** Everything one task contributes to the report; computed on any thread, merged in log order. */
    private record TaskResult(Conversation task, TaskMeasures measures, Map<String, AgentDelta> agents,
            Map<String, ToolDelta> tools, Set<String> toolSpeakers, TaskFindings found, List<CheckResult> checks,
            @Nullable FailureAttribution attribution) {}

    /** The state of one analysis pass. */
    private final class Pass {
        private final TeamSpec team;
        private final List<TaskCheck> checks;
        private final Detectors detectors;
        private final MetricsTally window = new MetricsTally();
        private final Map<LocalDate, MetricsTally> days = new TreeMap<>();
        /** Per agent, its prompt versions in the order first logged. */
        private final Map<String, Map<String, MetricsTally>> promptVersions = new TreeMap<>();
        private final Map<LocalDate, Set<String>> dayFindings = new TreeMap<>();
        private final Map<String, AgentTally> agents = new TreeMap<>();
        private final Set<String> toolSpeakers = new HashSet<>();
        private final Map<String, Boolean> speakers = new ConcurrentHashMap<>();
        private final Map<String, ToolTally> tools = new TreeMap<>();
        private final Map<String, CheckTally> checkTallies = new LinkedHashMap<>();
        /** By finding id; unordered, since the report sorts its findings. */
        private final Map<String, FindingTally> detected = new HashMap<>();
        private final List<FailureAttribution> attributions = new ArrayList<>();
        /** Reasons already kept, each as one instance shared by the attributions that give it. */
        private final Map<String, String> reasons = new HashMap<>();

        Pass(TeamSpec team, List<TaskCheck> checks, Detectors detectors) {
            this.team = team;
            this.checks = checks;
            this.detectors = detectors;
            checks.forEach(check -> checkTallies.put(check.name(), new CheckTally(check)));
            team.agents().forEach(agent -> agents.put(agent.name(), new AgentTally()));
        }

        /** The prompt versions each agent logged in {@code task} ({@code metadata.prompt_version}). */
        private static Map<String, Set<String>> promptVersionsOf(Conversation task) {
            Map<String, Set<String>> versions = new TreeMap<>();
            for (ConversationEvent event : task.events()) {
                if (event.metadata().get("prompt_version") instanceof String version && !version.isBlank()) {
                    versions.computeIfAbsent(event.agentName(), a -> new LinkedHashSet<>()).add(version);
                }
            }
            return versions;
        }

        /** Examines one task without touching the pass's state: safe on any thread. */
        TaskResult examine(Conversation task) {
            TaskView view = new TaskView(task, team, speakers);
            Map<String, AgentDelta> agentDeltas = new HashMap<>();
            Map<String, ToolDelta> toolDeltas = new HashMap<>();
            Set<String> toolLike = new HashSet<>();
            TaskMeasures measures = measure(view, agentDeltas, toolDeltas, toolLike);
            TaskFindings found = detectors.detect(view);
            List<CheckResult> checkResults = new ArrayList<>();
            List<CheckFailure> failedChecks = new ArrayList<>();
            for (TaskCheck check : checks) {
                if (check.appliesTo(task)) {
                    boolean failed = !check.passes(task);
                    int step = failed ? check.failureStep(task).orElse(task.events().size() - 1) : -1;
                    checkResults.add(new CheckResult(check.name(), failed, step));
                    if (failed) {
                        failedChecks.add(new CheckFailure(check.agent(), step, check.description()));
                    }
                }
            }
            FailureAttribution attribution = null;
            if (task.outcome().isFailed()) {
                attribution = FailureAttributor.attribute(view, failedChecks)
                        .map(blame -> new FailureAttribution(task.taskId(), blame.agent(), blame.step(),
                                blame.confidence(), blame.reason()))
                        .orElse(null);
            }
            return new TaskResult(task, measures, agentDeltas, toolDeltas, toolLike, found, checkResults, attribution);
        }

        /** Adds one examined task to the pass, in log order. */
        void merge(TaskResult result) {
            Conversation task = result.task();
            LocalDate day = LocalDate.ofInstant(task.start(), ZoneOffset.UTC);
            Set<String> foundToday = dayFindings.computeIfAbsent(day, d -> new HashSet<>());
            window.add(task, result.measures());
            days.computeIfAbsent(day, d -> new MetricsTally()).add(task, result.measures());
            promptVersionsOf(task).forEach((agent, versions) -> versions.forEach(version -> promptVersions
                    .computeIfAbsent(agent, a -> new LinkedHashMap<>())
                    .computeIfAbsent(version, v -> new MetricsTally()).add(task, result.measures())));
            toolSpeakers.addAll(result.toolSpeakers());
            result.agents().forEach((name, delta) -> {
                AgentTally agent = agent(name);
                agent.messages += delta.messages;
                agent.toolCalls += delta.toolCalls;
                agent.toolErrors += delta.toolErrors;
                agent.errors += delta.errors;
                if (delta.spoke) {
                    agent.tasks++;
                    if (task.outcome().isCompleted()) {
                        agent.succeeded++;
                    }
                }
            });
            result.tools().forEach((name, delta) -> {
                ToolTally tool = tools.computeIfAbsent(name, t -> new ToolTally());
                tool.calls += delta.calls;
                tool.results += delta.results;
                tool.errors += delta.errors;
                tool.callersWithErrors.addAll(delta.callersWithErrors);
                for (Evidence evidence : delta.evidence) {
                    if (tool.evidence.size() < MAX_EVIDENCE) {
                        tool.evidence.add(evidence);
                    }
                }
            });
            TaskFindings found = result.found();
            found.exposures().forEach((id, exposure) ->
                    detected.computeIfAbsent(id, k -> new FindingTally(exposure.kind(), exposure.agent()))
                            .total += exposure.count());
            found.occurrences().forEach((id, occurrence) -> {
                FindingTally tally = detected.get(id);
                tally.count += occurrence.count();
                if (tally.evidence.size() < MAX_EVIDENCE) {
                    tally.evidence.add(new Evidence(task.taskId(), occurrence.step(), occurrence.excerpt()));
                }
                foundToday.add(id);
            });
            for (CheckResult check : result.checks()) {
                CheckTally tally = checkTallies.get(check.name());
                tally.applicable++;
                if (check.failed()) {
                    tally.failed++;
                    tally.evidence(task, check.step());
                    foundToday.add("check:" + check.name());
                }
            }
            FailureAttribution attribution = result.attribution();
            if (attribution != null) {
                attributions.add(withSharedReason(attribution));
                agent(attribution.agent()).failuresAttributed++;
            }
        }

        private TaskMeasures measure(TaskView view, Map<String, AgentDelta> agentDeltas,
                Map<String, ToolDelta> toolDeltas, Set<String> toolLike) {
            Conversation task = view.task();
            long errors = 0;
            long turns = 0;
            long calls = 0;
            long results = 0;
            long resultErrors = 0;
            long tokens = 0;
            boolean loggedTokens = false;
            for (int step = 0; step < view.size(); step++) {
                ConversationEvent event = view.event(step);
                boolean error = event.isError();
                if (!event.metadata().isEmpty() && event.metadata().get("tokens") != null) {
                    OptionalLong logged = event.tokens();
                    if (logged.isPresent()) {
                        loggedTokens = true;
                        tokens += logged.getAsLong();
                    }
                }
                if (view.isToolResult(step)) {
                    results++;
                    error |= view.isToolFailure(step);
                    if (!event.isFromNonAgent() && event.type() != MessageType.TOOL_RESULT) {
                        toolLike.add(event.agentName());
                    }
                    String tool = event.tool().orElse(event.agentName());
                    ToolDelta delta = toolDeltas.computeIfAbsent(tool, t -> new ToolDelta());
                    delta.results++;
                    int caller = view.callerOf(step);
                    if (view.isToolFailure(step)) {
                        resultErrors++;
                        delta.errors++;
                        if (caller >= 0) {
                            String agent = view.event(caller).agentName();
                            delta.callersWithErrors.add(agent);
                            agentDeltas.computeIfAbsent(agent, a -> new AgentDelta()).toolErrors++;
                        }
                        if (delta.evidence.size() < MAX_EVIDENCE) {
                            delta.evidence.add(new Evidence(task.taskId(), step,
                                    Text.excerpt(event.error().orElse(event.message()), 150)));
                        }
                    }
                } else if (view.isAgentStep(step)) {
                    turns++;
                    AgentDelta agent = agentDeltas.computeIfAbsent(event.agentName(), a -> new AgentDelta());
                    agent.spoke = true;
                    agent.messages++;
                    if (error) {
                        agent.errors++;
                    }
                    if (event.type() == MessageType.TOOL_CALL) {
                        calls++;
                        agent.toolCalls++;
                        toolDeltas.computeIfAbsent(event.tool().orElse(event.toAgent() == null ? "tool"
                                : event.toAgent()), t -> new ToolDelta()).calls++;
                    }
                }
                if (error) {
                    errors++;
                }
            }
            int teamAgents = 0;
            for (Map.Entry<String, AgentDelta> agent : agentDeltas.entrySet()) {
                if (agent.getValue().spoke && (team.agents().isEmpty() || team.agent(agent.getKey()).isPresent())) {
                    teamAgents++;
                }
            }
            return new TaskMeasures(view.size(), errors, turns, calls, results, resultErrors,
                    loggedTokens ? tokens : -1, teamAgents);
        }

        /**
         * The attribution with its reason as the same instance as an equal earlier reason: the report keeps
         * one attribution per failed task, and many reasons repeat, so a long log keeps one copy of each.
         */
        private FailureAttribution withSharedReason(FailureAttribution attribution) {
            String reason = attribution.reason();
            String shared = reasons.get(reason);
            if (shared == null) {
                if (reasons.size() < MAX_SHARED_REASONS) {
                    reasons.put(reason, reason);
                }
                return attribution;
            }
            return shared == reason ? attribution : new FailureAttribution(attribution.taskId(), attribution.agent(),
                    attribution.step(), attribution.confidence(), shared);
        }

        private AgentTally agent(String name) {
            return agents.computeIfAbsent(name, n -> new AgentTally());
        }

        EffectivenessReport report() {
            List<Finding> findings = new ArrayList<>();
            for (CheckTally tally : checkTallies.values()) {
                if (tally.failed > 0) {
                    findings.add(tally.finding());
                }
            }
            tools.forEach((tool, tally) -> {
                int total = Math.max(tally.results, tally.calls);
                if (tally.errors >= 2 && total > 0 && (double) tally.errors / total >= minToolErrorRate) {
                    findings.add(new Finding("tool-errors:" + tool, "tool-errors",
                            tool + " failed in " + percent(tally.errors, total) + " of calls (" + tally.errors
                                    + " of " + total + ")",
                            Severity.ofRate((double) tally.errors / total), List.copyOf(tally.callersWithErrors),
                            tally.errors, total, tally.evidence));
                }
            });
            detected.forEach((id, tally) -> {
                if (tally.count >= minOccurrences && tally.total > 0 && (double) tally.count / tally.total >= minRate
                        && !isNonAgent(tally.agent)) {
                    findings.add(tally.finding(id));
                }
            });
            findings.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::rate,
                    Comparator.reverseOrder()).thenComparing(Finding::id));

            int totalBlame = attributions.size();
            List<AgentMetrics> agentMetrics = new ArrayList<>();
            agents.forEach((name, tally) -> {
                if (!toolSpeakers.contains(name) || team.agent(name).isPresent()) {
                    agentMetrics.add(new AgentMetrics(name, tally.messages, tally.toolCalls, tally.toolErrors,
                            tally.errors, tally.tasks, ratio(tally.succeeded, tally.tasks), tally.failuresAttributed,
                            ratio(tally.failuresAttributed, totalBlame)));
                }
            });
            int teamSize = team.agents().isEmpty() ? agentMetrics.size() : team.agents().size();
            Set<String> findingIds = new HashSet<>();
            findings.forEach(finding -> findingIds.add(finding.id()));
            window.suggestions(findings.size());
            List<DailyMetrics> daily = new ArrayList<>();
            days.forEach((day, tally) -> {
                Set<String> seen = new HashSet<>(dayFindings.getOrDefault(day, Set.of()));
                seen.retainAll(findingIds);
                tally.suggestions(seen.size());
                daily.add(new DailyMetrics(day, tally.metrics(team.name(), teamSize)));
            });
            List<PromptVersionMetrics> byVersion = new ArrayList<>();
            if (promptVersions.values().stream().anyMatch(versions -> versions.size() > 1)) {
                promptVersions.forEach((agent, versions) -> versions.forEach((version, tally) ->
                        byVersion.add(new PromptVersionMetrics(agent, version, tally.metrics(team.name(), teamSize)))));
            }
            return new EffectivenessReport(team.name(), window.metrics(team.name(), teamSize), agentMetrics,
                    findings, attributions, rank(findings, agentMetrics), daily, byVersion);
        }

        /**
         * Scores each agent: the confidence of every failure attributed to it, plus, for each
         * finding naming it, its rate weighted by severity (high 1, medium 0.6, low 0.3) times 3.
         */
        private List<AgentRanking> rank(List<Finding> findings, List<AgentMetrics> agentMetrics) {
            Map<String, Double> blame = new LinkedHashMap<>();
            attributions.forEach(a -> blame.merge(a.agent(), a.confidence(), Double::sum));
            List<AgentRanking> ranking = new ArrayList<>();
            for (AgentMetrics agent : agentMetrics) {
                if (isNonAgent(agent.agent())) {
                    continue;
                }
                double score = blame.getOrDefault(agent.agent(), 0.0);
                List<String> reasons = new ArrayList<>();
                if (agent.failuresAttributed() > 0) {
                    reasons.add(agent.failuresAttributed() + " failed tasks attributed");
                }
                for (Finding finding : findings) {
                    if (finding.concerns(agent.agent())) {
                        double weight = switch (finding.severity()) {
                            case HIGH -> 1.0;
                            case MEDIUM -> 0.6;
                            case LOW -> 0.3;
                        };
                        score += 3 * weight * finding.rate();
                        reasons.add(finding.id());
                    }
                }
                if (score > 0) {
                    ranking.add(new AgentRanking(agent.agent(), Math.round(score * 1000) / 1000.0, reasons));
                }
            }
            ranking.sort(Comparator.comparingDouble(AgentRanking::score).reversed().thenComparing(AgentRanking::agent));
            return ranking;
        }

        private boolean isNonAgent(String name) {
            return ConversationEvent.NON_AGENT_SPEAKERS.contains(name.toLowerCase(Locale.ROOT))
                    || (toolSpeakers.contains(name) && team.agent(name).isEmpty())
                    || (!team.agents().isEmpty() && team.agent(name).isEmpty() && tools.containsKey(name));
        }
    }

    static String percent(long count, long total) {
        return total == 0 ? "0%" : Math.round(100.0 * count / total) + "%";
    }

    private static double ratio(long count, long total) {
        return total == 0 ? 0 : (double) count / total;
    }

    private static final class AgentTally {
        int messages;
        int toolCalls;
        int toolErrors;
        int errors;
        int tasks;
        int succeeded;
        int failuresAttributed;
    }

    private static final class ToolTally {
        int calls;
        int results;
        int errors;
        final Set<String> callersWithErrors = new LinkedHashSet<>();
        final List<Evidence> evidence = new ArrayList<>();
    }

    /** Counts of one detector for one agent. */
    private final class FindingTally {
        final String kind;
        final String agent;
        int count;
        int total;
        final List<Evidence> evidence = new ArrayList<>();

        FindingTally(String kind, String agent) {
            this.kind = kind;
            this.agent = agent;
        }

        Finding finding(String id) {
            String share = percent(count, total) + " of ";
            String counts = " (" + count + " of " + total + ")";
            String title = switch (kind) {
                case Detectors.REPETITION -> agent + " repeated itself in " + share + "its tasks" + counts;
                case Detectors.IGNORED_INPUT -> agent + " ignored input addressed to it in " + share
                        + "the tasks where it got some" + counts;
                case Detectors.PREMATURE_TERMINATION -> agent + " closed " + share
                        + "its tasks too early, with questions open or errors unfixed" + counts;
                case Detectors.MISSING_VERIFICATION -> agent + " closed " + share
                        + "its tasks without verifying the final result" + counts;
                case Detectors.INCORRECT_VERIFICATION -> agent + " approved work that then failed in " + share
                        + "its approvals" + counts;
                case Detectors.DERAILMENT -> agent + " drifted off the task in " + share + "its tasks" + counts;
                case Detectors.CONVERSATION_RESET -> agent + " restarted the conversation in " + share + "its tasks"
                        + counts;
                case Detectors.ROLE_VIOLATION -> agent + " acted outside its role in " + share + "its tasks"
                        + counts;
                case Detectors.SLOW_HANDOFF -> agent + " took longer than " + slowHandoff.toMinutes()
                        + " min to pick up " + share + "hand-offs to it" + counts;
                default -> agent + ": " + kind + " in " + share + "cases" + counts;
            };
            return new Finding(id, kind, title, Severity.ofRate((double) count / total), List.of(agent), count, total,
                    evidence);
        }
    }

    private static final class CheckTally {
        final TaskCheck check;
        int applicable;
        int failed;
        final List<Evidence> evidence = new ArrayList<>();

        CheckTally(TaskCheck check) {
            this.check = check;
        }

        void evidence(Conversation task, int step) {
            if (evidence.size() < MAX_EVIDENCE) {
                evidence.add(new Evidence(task.taskId(), step, Text.excerpt(task.events().get(step).message(), 150)));
            }
        }

        Finding finding() {
            String scope = check.description();
            return new Finding("check:" + check.name(), "check",
                    "'" + scope + "' missed in " + percent(failed, applicable) + " of applicable tasks (" + failed
                            + " of " + applicable + ")",
                    Severity.ofRate((double) failed / applicable), List.of(check.agent()), failed, applicable,
                    evidence);
        }
    }

    /** Settings for {@link DefaultEffectivenessAnalyzer}. */
    public static final class Builder {
        private final List<TaskCheck> checks = new ArrayList<>();
        private double minToolErrorRate = 0.1;
        private double minRate = 0.1;
        private int minOccurrences = 2;
        private Duration slowHandoff = Duration.ofMinutes(30);
        private int parallelism = Parallelism.EXAMINING_DEFAULT;

        private Builder() {}

        /** Adds a host-defined check; the report gives its failure rate as a finding. */
        public Builder check(TaskCheck check) {
            checks.add(requireNonNull(check, "check"));
            return this;
        }

        /** The tool error rate from which repeated tool errors become a finding. Default 0.1. */
        public Builder minToolErrorRate(double rate) {
            this.minToolErrorRate = checkRate(rate);
            return this;
        }

        /** The rate from which a detected failure mode becomes a finding. Default 0.1. */
        public Builder minRate(double rate) {
            this.minRate = checkRate(rate);
            return this;
        }

        /** How many cases a failure mode needs before it becomes a finding. Default 2. */
        public Builder minOccurrences(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("count must be positive: " + count);
            }
            this.minOccurrences = count;
            return this;
        }

        /** How long an agent may take to pick up a hand-off before it counts as slow. Default 30 minutes. */
        public Builder slowHandoff(Duration threshold) {
            requireNonNull(threshold, "threshold");
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("threshold must not be negative: " + threshold);
            }
            this.slowHandoff = threshold;
            return this;
        }

        /**
         * How many threads examine tasks; 1 examines them on the caller's thread. Results are merged
         * in log order, so the report does not depend on it. Host checks may then run on several
         * threads at once. Default: the number of processors less one (reading the log has threads of
         * its own), at least 1 and at most 4.
         */
        public Builder parallelism(int threads) {
            this.parallelism = Parallelism.requirePositive(threads);
            return this;
        }

        private static double checkRate(double rate) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rate must be within [0, 1]: " + rate);
            }
            return rate;
        }

        public DefaultEffectivenessAnalyzer build() {
            return new DefaultEffectivenessAnalyzer(this);
        }
    }
}
