package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.team.TeamSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The offline analyzer: measures the team in one streaming pass and finds problems with rules, no
 * LLM needed.
 *
 * <p>Findings come from the host's {@link TaskCheck}s (those of the team spec and those registered
 * on the builder), from repeated tool errors and from step repetition (an agent sending the same
 * message again within a task).
 *
 * <p>Failure attribution, for every failed task, takes the first rule that applies:
 * <ol>
 *   <li>a check the task failed: the check's agent, at its last message in the task;</li>
 *   <li>the first error written by an agent: that agent, at that event;</li>
 *   <li>the first failed tool result: the agent whose tool call it answered, at that call;</li>
 *   <li>otherwise the last agent message before the task ended, with low confidence.</li>
 * </ol>
 * Blame never goes to {@code system}, {@code user}, {@code human} or to tool results.
 */
public final class DefaultEffectivenessAnalyzer implements EffectivenessAnalyzer {

    private static final int MAX_EVIDENCE = 5;

    private final List<TaskCheck> checks;
    private final double minToolErrorRate;

    private DefaultEffectivenessAnalyzer(Builder builder) {
        this.checks = List.copyOf(builder.checks);
        this.minToolErrorRate = builder.minToolErrorRate;
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
        Pass pass = new Pass(team, allChecks);
        conversations.forEach(pass::accept);
        return pass.report(minToolErrorRate);
    }

    /** The state of one analysis pass; grows with the number of agents, tools and failures only. */
    private static final class Pass {
        private final TeamSpec team;
        private final List<TaskCheck> checks;
        private final Map<String, AgentTally> agents = new TreeMap<>();
        private final Map<String, ToolTally> tools = new TreeMap<>();
        private final Map<String, CheckTally> checkTallies = new LinkedHashMap<>();
        private final Map<String, RepetitionTally> repetitions = new TreeMap<>();
        private final List<FailureAttribution> attributions = new ArrayList<>();
        private final DurationSample durations = new DurationSample();
        private int tasks;
        private int completed;
        private int failed;
        private double completedSeconds;
        private long events;
        private long errorEvents;
        private long agentTurns;
        private long toolCalls;
        private long toolResults;
        private long toolResultErrors;
        private long tokens;
        private int tasksWithTokens;
        private double collaborationSum;
        private Instant from;
        private Instant to;

        Pass(TeamSpec team, List<TaskCheck> checks) {
            this.team = team;
            this.checks = checks;
            checks.forEach(check -> checkTallies.put(check.name(), new CheckTally(check)));
            team.agents().forEach(agent -> agents.put(agent.name(), new AgentTally()));
        }

        void accept(Conversation task) {
            tasks++;
            from = from == null || task.start().isBefore(from) ? task.start() : from;
            to = to == null || task.end().isAfter(to) ? task.end() : to;
            double seconds = task.durationSeconds();
            durations.add(seconds);
            if (task.outcome().isCompleted()) {
                completed++;
                completedSeconds += seconds;
            } else if (task.outcome().isFailed()) {
                failed++;
            }

            Set<String> speakers = new LinkedHashSet<>();
            long taskTokens = 0;
            boolean loggedTokens = false;
            Map<String, String> lastToolCaller = new HashMap<>();
            String anyLastCaller = null;
            List<ConversationEvent> taskEvents = task.events();
            for (int step = 0; step < taskEvents.size(); step++) {
                ConversationEvent event = taskEvents.get(step);
                events++;
                if (event.isError()) {
                    errorEvents++;
                }
                if (event.tokens().isPresent()) {
                    loggedTokens = true;
                    taskTokens += event.tokens().getAsLong();
                }
                if (event.type() == MessageType.TOOL_RESULT) {
                    toolResults++;
                    String tool = event.tool().orElse(event.agentName());
                    String caller = lastToolCaller.getOrDefault(tool, anyLastCaller);
                    ToolTally tally = tools.computeIfAbsent(tool, t -> new ToolTally());
                    tally.results++;
                    if (event.isError()) {
                        toolResultErrors++;
                        tally.errors++;
                        if (caller != null) {
                            tally.callersWithErrors.add(caller);
                            agent(caller).toolErrors++;
                        }
                        tally.evidence(task.taskId(), step, event);
                    }
                    continue;
                }
                if (!event.isBlameable()) {
                    continue;
                }
                agentTurns++;
                speakers.add(event.agentName());
                AgentTally agent = agent(event.agentName());
                agent.messages++;
                if (event.isError()) {
                    agent.errors++;
                }
                if (event.type() == MessageType.TOOL_CALL) {
                    toolCalls++;
                    agent.toolCalls++;
                    String tool = event.tool().orElse(event.toAgent() == null ? "tool" : event.toAgent());
                    lastToolCaller.put(tool, event.agentName());
                    anyLastCaller = event.agentName();
                    tools.computeIfAbsent(tool, t -> new ToolTally()).calls++;
                }
            }
            if (loggedTokens) {
                tokens += taskTokens;
                tasksWithTokens++;
            }
            int teamSize = Math.max(team.agents().isEmpty() ? agents.size() : team.agents().size(), 1);
            collaborationSum += Math.min(1.0, (double) speakers.size() / teamSize);
            for (String speaker : speakers) {
                AgentTally agent = agent(speaker);
                agent.tasks++;
                if (task.outcome().isCompleted()) {
                    agent.succeeded++;
                }
            }
            detectRepetition(task);
            List<TaskCheck> failedChecks = new ArrayList<>();
            for (TaskCheck check : checks) {
                if (check.appliesTo(task)) {
                    CheckTally tally = checkTallies.get(check.name());
                    tally.applicable++;
                    if (!check.passes(task)) {
                        tally.failed++;
                        failedChecks.add(check);
                        OptionalInt step = check.failureStep(task);
                        tally.evidence(task, step.orElse(taskEvents.size() - 1));
                    }
                }
            }
            if (task.outcome().isFailed()) {
                attribute(task, failedChecks).ifPresent(attribution -> {
                    attributions.add(attribution);
                    agent(attribution.agent()).failuresAttributed++;
                });
            }
        }

        private void detectRepetition(Conversation task) {
            Map<String, Integer> seen = new HashMap<>();
            List<ConversationEvent> taskEvents = task.events();
            for (int step = 0; step < taskEvents.size(); step++) {
                ConversationEvent event = taskEvents.get(step);
                if (!event.isBlameable() || event.message().length() < 12) {
                    continue;
                }
                String key = event.agentName() + '\u0000' + normalize(event.message());
                Integer first = seen.putIfAbsent(key, step);
                if (first != null) {
                    RepetitionTally tally = repetitions.computeIfAbsent(event.agentName(), a -> new RepetitionTally());
                    if (tally.lastTask == null || !tally.lastTask.equals(task.taskId())) {
                        tally.tasks++;
                        tally.lastTask = task.taskId();
                        if (tally.evidence.size() < MAX_EVIDENCE) {
                            tally.evidence.add(new Evidence(task.taskId(), step, event.message()));
                        }
                    }
                    return;
                }
            }
        }

        private static String normalize(String message) {
            return message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        }

        private Optional<FailureAttribution> attribute(Conversation task, List<TaskCheck> failedChecks) {
            List<ConversationEvent> taskEvents = task.events();
            for (TaskCheck check : failedChecks) {
                OptionalInt step = check.failureStep(task);
                if (step.isPresent()) {
                    return Optional.of(new FailureAttribution(task.taskId(), check.agent(), step.getAsInt(), 0.8,
                            "failed the check '" + check.description() + "'"));
                }
            }
            for (int step = 0; step < taskEvents.size(); step++) {
                ConversationEvent event = taskEvents.get(step);
                if (event.isBlameable() && event.isError()) {
                    return Optional.of(new FailureAttribution(task.taskId(), event.agentName(), step, 0.7,
                            "reported an error: " + excerpt(event.error().orElse(event.message()))));
                }
            }
            int lastCall = -1;
            for (int step = 0; step < taskEvents.size(); step++) {
                ConversationEvent event = taskEvents.get(step);
                if (event.type() == MessageType.TOOL_CALL && event.isBlameable()) {
                    lastCall = step;
                } else if (event.type() == MessageType.TOOL_RESULT && event.isError() && lastCall >= 0) {
                    ConversationEvent call = taskEvents.get(lastCall);
                    return Optional.of(new FailureAttribution(task.taskId(), call.agentName(), lastCall, 0.6,
                            "its call to " + call.tool().orElse("a tool") + " failed and the task did not recover"));
                }
            }
            for (int step = taskEvents.size() - 1; step >= 0; step--) {
                ConversationEvent event = taskEvents.get(step);
                if (event.isBlameable()) {
                    return Optional.of(new FailureAttribution(task.taskId(), event.agentName(), step, 0.3,
                            "last agent to act before the task failed"));
                }
            }
            return Optional.empty();
        }

        private AgentTally agent(String name) {
            return agents.computeIfAbsent(name, n -> new AgentTally());
        }

        EffectivenessReport report(double minToolErrorRate) {
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
            repetitions.forEach((agent, tally) -> {
                AgentTally agentTally = agent(agent);
                if (tally.tasks >= 2) {
                    findings.add(new Finding("repetition:" + agent, "repetition",
                            agent + " repeated itself in " + percent(tally.tasks, agentTally.tasks) + " of its tasks ("
                                    + tally.tasks + " of " + agentTally.tasks + ")",
                            Severity.ofRate((double) tally.tasks / Math.max(1, agentTally.tasks)), List.of(agent),
                            tally.tasks, Math.max(tally.tasks, agentTally.tasks), tally.evidence));
                }
            });
            findings.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::rate,
                    Comparator.reverseOrder()).thenComparing(Finding::id));

            int totalBlame = attributions.size();
            List<AgentMetrics> agentMetrics = new ArrayList<>();
            agents.forEach((name, tally) -> agentMetrics.add(new AgentMetrics(name, tally.messages, tally.toolCalls,
                    tally.toolErrors, tally.errors, tally.tasks, ratio(tally.succeeded, tally.tasks),
                    tally.failuresAttributed, ratio(tally.failuresAttributed, totalBlame))));

            TeamMetrics metrics = new TeamMetrics(team.name(), from, to, tasks, completed, failed,
                    ratio(completed, tasks), completed == 0 ? 0 : completedSeconds / completed,
                    durations.percentile(50), durations.percentile(95), tasks == 0 ? 0 : collaborationSum / tasks,
                    ratio(errorEvents, events), tasks == 0 ? 0 : (double) agentTurns / tasks, toolCalls,
                    ratio(toolResultErrors, toolResults),
                    tasksWithTokens == 0 ? null : (double) tokens / tasksWithTokens, findings.size());
            return new EffectivenessReport(team.name(), metrics, agentMetrics, findings, attributions,
                    rank(findings, agentMetrics));
        }

        private List<AgentRanking> rank(List<Finding> findings, List<AgentMetrics> agentMetrics) {
            List<AgentRanking> ranking = new ArrayList<>();
            for (AgentMetrics agent : agentMetrics) {
                if (isNonAgent(agent.agent())) {
                    continue;
                }
                double score = agent.failuresAttributed();
                List<String> reasons = new ArrayList<>();
                if (agent.failuresAttributed() > 0) {
                    reasons.add(agent.failuresAttributed() + " failed tasks attributed");
                }
                for (Finding finding : findings) {
                    if (finding.concerns(agent.agent())) {
                        score += finding.rate() * 10;
                        reasons.add(finding.id());
                    }
                }
                if (score > 0) {
                    ranking.add(new AgentRanking(agent.agent(), score, reasons));
                }
            }
            ranking.sort(Comparator.comparingDouble(AgentRanking::score).reversed().thenComparing(AgentRanking::agent));
            return ranking;
        }

        private boolean isNonAgent(String name) {
            return ConversationEvent.NON_AGENT_SPEAKERS.contains(name.toLowerCase(Locale.ROOT))
                    || (!team.agents().isEmpty() && team.agent(name).isEmpty() && tools.containsKey(name));
        }
    }

    static String percent(long count, long total) {
        return total == 0 ? "0%" : Math.round(100.0 * count / total) + "%";
    }

    private static double ratio(long count, long total) {
        return total == 0 ? 0 : (double) count / total;
    }

    private static String excerpt(String text) {
        return text.length() <= 120 ? text : text.substring(0, 119) + "…";
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

        void evidence(String taskId, int step, ConversationEvent event) {
            if (evidence.size() < MAX_EVIDENCE) {
                evidence.add(new Evidence(taskId, step, event.error().orElse(event.message())));
            }
        }
    }

    private static final class RepetitionTally {
        int tasks;
        String lastTask;
        final List<Evidence> evidence = new ArrayList<>();
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
                evidence.add(new Evidence(task.taskId(), step, task.events().get(step).message()));
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

    /** Task durations, kept to compute percentiles; a double per task. */
    private static final class DurationSample {
        private double[] values = new double[256];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** Nearest-rank percentile; 0 when empty. */
        double percentile(int p) {
            if (size == 0) {
                return 0;
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * size);
            return sorted[Math.max(0, rank - 1)];
        }
    }

    /** Settings for {@link DefaultEffectivenessAnalyzer}. */
    public static final class Builder {
        private final List<TaskCheck> checks = new ArrayList<>();
        private double minToolErrorRate = 0.1;

        private Builder() {}

        /** Adds a host-defined check; the report gives its failure rate as a finding. */
        public Builder check(TaskCheck check) {
            checks.add(requireNonNull(check, "check"));
            return this;
        }

        /** The tool error rate from which repeated tool errors become a finding. Default 0.1. */
        public Builder minToolErrorRate(double rate) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rate must be within [0, 1]: " + rate);
            }
            this.minToolErrorRate = rate;
            return this;
        }

        public DefaultEffectivenessAnalyzer build() {
            return new DefaultEffectivenessAnalyzer(this);
        }
    }
}
