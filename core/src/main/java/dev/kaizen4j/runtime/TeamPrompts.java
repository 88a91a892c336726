package dev.kaizen4j.runtime;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.experiment.Rollout;
import dev.kaizen4j.experiment.Variant;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.team.TeamSpecLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team's current prompts, read from its team spec, for the agents' runtime: the spec in the
 * team's repository is the source of truth, so a merged change to it is what the agents run.
 *
 * <pre>{@code
 * TeamPrompts prompts = TeamPrompts.fromFile(Path.of("teams/marketing-team/team.yaml"));
 * String system = prompts.systemPrompt("content_creator");   // the merged text, reloaded when the file changes
 * }</pre>
 *
 * <p>Each agent's texts carry a {@linkplain AgentPrompts#version() version}, a short hash of its prompt
 * texts, to log with every event the agent writes ({@code metadata.prompt_version}).
 *
 * <p>A spec read from a file is checked for changes at most once per {@link Builder#checkInterval}
 * (default one second; a call in between costs a volatile read) and reloaded when its content
 * changed; {@link #reload()} does it on demand. A spec on the classpath is read once and on
 * {@link #reload()}. A spec edited into something invalid (bad YAML, a missing field) never reaches
 * the agents: the last good version keeps being served, and the error, with file and line, is in
 * {@link #problem()} and goes to the {@link Builder#onProblem problem listener} (by default a log
 * warning) once per distinct error.
 *
 * <p>{@link #agent(String, String)} takes the task an agent works on: an {@link Builder#variants
 * variant selector} (an experiment's rollout) may serve another variant of the texts per task.
 *
 * <p>Thread-safe.
 */
public final class TeamPrompts {

    private static final Logger log = LoggerFactory.getLogger(TeamPrompts.class);
    private static final Pattern LINE = Pattern.compile("\\bline (\\d+)\\b");

    /**
     * Serves other texts than the spec's for some tasks, for example an experiment's treatment.
     * Implementations are thread-safe and cheap: they run on every call.
     */
    @FunctionalInterface
    public interface VariantSelector {

        /** The texts to serve for {@code taskId}: {@code current}, or a variant of it. */
        AgentPrompts apply(AgentPrompts current, String taskId);
    }

    /**
     * Why the spec could not be (re)loaded; the last good version is still served.
     *
     * @param origin the file or resource
     * @param line the line the error is on, or -1 when unknown
     * @param message what is wrong, naming file and line
     * @param at when it was noticed
     */
    public record Problem(String origin, int line, String message, Instant at) {

        public Problem {
            requireNonNull(origin, "origin");
            requireNonNull(message, "message");
            requireNonNull(at, "at");
        }
    }

    private record Snapshot(TeamSpec team, Map<String, AgentPrompts> agents, String contentVersion,
            @Nullable FileTime modified, long size) {}

    private final Source source;
    private final Clock clock;
    private final long checkIntervalMillis;
    private final VariantSelector variants;
    private final Consumer<Problem> onProblem;
    private final AtomicLong nextCheck = new AtomicLong();
    private volatile Snapshot snapshot;
    private volatile @Nullable Problem problem;

    private TeamPrompts(Builder builder) {
        this.source = requireNonNull(builder.source, "a team spec file or classpath resource is required");
        this.clock = builder.clock;
        this.checkIntervalMillis = builder.checkInterval.toMillis();
        this.variants = builder.variants;
        this.onProblem = builder.onProblem;
        Snapshot first = load(null);
        if (first == null) {
            throw KaizenException.invalidInput(Objects.requireNonNull(problem).message());
        }
        this.snapshot = first;
        this.nextCheck.set(clock.millis() + checkIntervalMillis);
    }

    /** The prompts of the team spec in {@code file}, reloaded when it changes. */
    public static TeamPrompts fromFile(Path file) {
        return builder().file(file).build();
    }

    /** The prompts of the team spec on the classpath at {@code resource}, for example {@code teams/team.yaml}. */
    public static TeamPrompts fromClasspath(String resource) {
        return builder().classpath(resource, TeamPrompts.class.getClassLoader()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The current texts of {@code agent}.
     *
     * @throws KaizenException ({@code INVALID_INPUT}) if the spec has no such agent
     */
    public AgentPrompts agent(String agent) {
        requireNonNull(agent, "agent");
        AgentPrompts prompts = current().agents().get(agent);
        if (prompts == null) {
            throw KaizenException.invalidInput("team spec " + source.origin() + " has no agent '" + agent
                    + "'; it has " + current().agents().keySet());
        }
        return prompts;
    }

    /**
     * The texts of {@code agent} for the task {@code taskId}: the current ones, or the variant the
     * {@link Builder#variants variant selector} chooses for that task.
     */
    public AgentPrompts agent(String agent, String taskId) {
        requireNonNull(taskId, "taskId");
        return variants.apply(agent(agent), taskId);
    }

    /** The current system prompt of {@code agent}. */
    public String systemPrompt(String agent) {
        return agent(agent).systemPrompt();
    }

    /** The current text of one prompt field of {@code agent}. */
    public String prompt(String agent, PromptField field) {
        return agent(agent).prompt(field);
    }

    /** The version of {@code agent}'s current texts. */
    public String version(String agent) {
        return agent(agent).version();
    }

    /** The whole team spec as last loaded successfully. */
    public TeamSpec team() {
        return current().team();
    }

    /** Why the latest (re)load failed, while the last good version is served; empty once a load succeeds. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Reads the spec again now.
     *
     * @return whether a new version was loaded; false when the content is unchanged or invalid (see
     *     {@link #problem()})
     */
    public synchronized boolean reload() {
        Snapshot previous = snapshot;
        Snapshot loaded = load(previous);
        nextCheck.set(clock.millis() + checkIntervalMillis);
        if (loaded == null || loaded == previous) {
            return false;
        }
        snapshot = loaded;
        return !loaded.contentVersion().equals(previous.contentVersion());
    }

    private Snapshot current() {
        long now = clock.millis();
        long due = nextCheck.get();
        if (source.watchable() && now >= due && nextCheck.compareAndSet(due, now + checkIntervalMillis)) {
            synchronized (this) {
                Snapshot previous = snapshot;
                if (source.changedSince(previous.modified(), previous.size())) {
                    Snapshot loaded = load(previous);
                    if (loaded != null) {
                        snapshot = loaded;
                    }
                }
            }
        }
        return snapshot;
    }

    /** The spec as read now; {@code previous} when the content is the same; null when it is invalid. */
    private @Nullable Snapshot load(@Nullable Snapshot previous) {
        try {
            Source.Read read = source.read();
            String contentVersion = AgentPrompts.versionOf(new String(read.bytes(), StandardCharsets.UTF_8));
            if (previous != null && previous.contentVersion().equals(contentVersion)) {
                problem = null;
                return new Snapshot(previous.team(), previous.agents(), contentVersion, read.modified(), read.size());
            }
            TeamSpec team = TeamSpecLoader.parse(new ByteArrayInputStream(read.bytes()), source.origin(), source.json(),
                    source.baseDirectory());
            Map<String, AgentPrompts> agents = new LinkedHashMap<>();
            for (AgentSpec agent : team.agents()) {
                agents.put(agent.name(), AgentPrompts.of(agent));
            }
            problem = null;
            if (previous != null) {
                log.info("Reloaded team spec {}", source.origin());
            }
            return new Snapshot(team, Map.copyOf(agents), contentVersion, read.modified(), read.size());
        } catch (IOException | RuntimeException failure) {
            report(failure);
            return null;
        }
    }

    private void report(Exception failure) {
        String message = failure instanceof KaizenException ? failure.getMessage()
                : "cannot read team spec " + source.origin() + ": " + failure.getMessage();
        Matcher line = LINE.matcher(String.valueOf(message));
        Problem noticed = new Problem(source.origin(), line.find() ? Integer.parseInt(line.group(1)) : -1,
                String.valueOf(message), clock.instant());
        Problem before = problem;
        problem = noticed;
        if (before == null || !before.message().equals(noticed.message())) {
            try {
                onProblem.accept(noticed);
            } catch (RuntimeException listenerFailure) {
                log.warn("The team prompts' problem listener failed: {}", listenerFailure.toString());
            }
        }
    }

    /** Where the spec is read from. */
    private interface Source {

        record Read(byte[] bytes, @Nullable FileTime modified, long size) {}

        String origin();

        boolean json();

        @Nullable Path baseDirectory();

        boolean watchable();

        boolean changedSince(@Nullable FileTime modified, long size);

        Read read() throws IOException;
    }

    private record FileSource(Path file) implements Source {

        @Override
        public String origin() {
            return file.toString();
        }

        @Override
        public boolean json() {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        }

        @Override
        public Path baseDirectory() {
            return file.toAbsolutePath().getParent();
        }

        @Override
        public boolean watchable() {
            return true;
        }

        @Override
        public boolean changedSince(@Nullable FileTime modified, long size) {
            try {
                return !Files.getLastModifiedTime(file).equals(modified) || Files.size(file) != size;
            } catch (IOException gone) {
                return true; // reading it reports the problem
            }
        }

        @Override
        public Read read() throws IOException {
            FileTime modified = Files.getLastModifiedTime(file);
            byte[] bytes = Files.readAllBytes(file);
            return new Read(bytes, modified, bytes.length);
        }
    }

    private record ClasspathSource(String resource, ClassLoader loader) implements Source {

        @Override
        public String origin() {
            return "classpath:" + resource;
        }

        @Override
        public boolean json() {
            return resource.toLowerCase(Locale.ROOT).endsWith(".json");
        }

        @Override
        public @Nullable Path baseDirectory() {
            return null;
        }

        @Override
        public boolean watchable() {
            return false;
        }

        @Override
        public boolean changedSince(@Nullable FileTime modified, long size) {
            return false;
        }

        @Override
        public Read read() throws IOException {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw KaizenException.invalidInput("team spec " + origin() + " not found on the classpath");
                }
                byte[] bytes = in.readAllBytes();
                return new Read(bytes, null, bytes.length);
            }
        }
    }

    /** Configures {@link TeamPrompts}; a file or a classpath resource is required. */
    public static final class Builder {
        private @Nullable Source source;
        private Clock clock = Clock.systemUTC();
        private Duration checkInterval = Duration.ofSeconds(1);
        private VariantSelector variants = (current, taskId) -> current;
        private Consumer<Problem> onProblem = problem -> log.warn("Team spec not reloaded, still serving the last"
                + " good version: {}", problem.message());

        private Builder() {}

        /** The team spec file, watched for changes. */
        public Builder file(Path file) {
            this.source = new FileSource(requireNonNull(file, "file"));
            return this;
        }

        /** The team spec as a classpath resource, read once and on {@link TeamPrompts#reload()}. */
        public Builder classpath(String resource, ClassLoader loader) {
            requireNonNull(resource, "resource");
            requireNonNull(loader, "loader");
            this.source = new ClasspathSource(resource.startsWith("/") ? resource.substring(1) : resource, loader);
            return this;
        }

        /** How often a file is checked for changes at most; default one second. */
        public Builder checkInterval(Duration interval) {
            requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("checkInterval must not be negative: " + interval);
            }
            this.checkInterval = interval;
            return this;
        }

        /** Serves other texts per task (an experiment's rollout); default: the spec's texts for every task. */
        public Builder variants(VariantSelector selector) {
            this.variants = requireNonNull(selector, "selector");
            return this;
        }

        /**
         * Rolls out {@code treatmentText} as {@code agent}'s {@code field} to the tasks {@code rollout}
         * assigns to treatment, as GrowthBook's SDKs would assign them; the control tasks keep the
         * spec's text. Both arms are served with their variant and the experiment's key, which
         * {@link PromptVersionedEventLog} logs as {@code metadata.variant} and {@code metadata.experiment}
         * for the verifier; tasks outside the rollout's coverage get the spec's texts and no variant.
         * Replaces any other {@link #variants variant selector}.
         */
        public Builder experiment(String agent, PromptField field, Rollout rollout, String treatmentText) {
            requireNonNull(agent, "agent");
            requireNonNull(field, "field");
            requireNonNull(rollout, "rollout");
            requireNonNull(treatmentText, "treatmentText");
            return variants((current, taskId) -> !current.agent().equals(agent) ? current
                    : rollout.assign(taskId).map(variant -> current.withVariant(rollout.experimentKey(), variant.key(),
                            field, variant == Variant.TREATMENT ? treatmentText : current.prompt(field)))
                            .orElse(current));
        }

        /** Told once per distinct load error; default: a log warning. */
        public Builder onProblem(Consumer<Problem> listener) {
            this.onProblem = requireNonNull(listener, "listener");
            return this;
        }

        /** Default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Loads the spec.
         *
         * @throws KaizenException ({@code INVALID_INPUT}) if it cannot be read or is invalid: with no good
         *     version yet, there is nothing to serve
         */
        public TeamPrompts build() {
            return new TeamPrompts(this);
        }
    }
}
