package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.TimeWindow;
import dev.kaizen4j.notifier.supabase.PostgresConversationSource;
import dev.kaizen4j.notifier.supabase.PostgresImprovementLedger;
import dev.kaizen4j.notifier.supabase.SupabaseDatabase;
import dev.kaizen4j.publish.PatchFileChangePublisher;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.ConversationSource;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.source.LogFormat;
import dev.kaizen4j.source.ReadProgress;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.team.TeamSpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Resolves what a command works on: the team, its logs, the window and the runner's state. */
final class RunnerContext {

    private static final String TEAM_SPECS = "team-specs.properties";
    /** The {@code --format} that reads the configured database's conversation table instead of log files. */
    static final String DATABASE_FORMAT = "postgres";

    private final RunnerSettings settings;
    private final Path stateDirectory;
    private final @Nullable Path repoRootFlag;
    private final Clock clock;
    private final boolean migrate;

    RunnerContext(RunnerSettings settings, @Nullable Path stateDirFlag, @Nullable Path repoRootFlag, Clock clock) {
        this(settings, stateDirFlag, repoRootFlag, clock, true);
    }

    RunnerContext(RunnerSettings settings, @Nullable Path stateDirFlag, @Nullable Path repoRootFlag, Clock clock,
            boolean migrate) {
        this.settings = settings;
        this.migrate = migrate;
        this.clock = clock;
        this.repoRootFlag = repoRootFlag;
        this.stateDirectory = settings.get(stateDirFlag == null ? null : stateDirFlag.toString(), "state.dir")
                .map(Path::of)
                .orElse(Path.of(".kaizen4j"));
    }

    static RunnerContext of(KaizenCommand root, StateOptions state) {
        return new RunnerContext(RunnerSettings.load(root.environment(), state.config), state.stateDir, state.repoRoot,
                root.clock(), !state.noMigrate);
    }

    RunnerSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    Path stateDirectory() {
        return stateDirectory;
    }

    /** The shared ledger in the Supabase/PostgreSQL database when one is configured, else the ledger file. */
    ImprovementLedger ledger() {
        return database().<ImprovementLedger>map(shared -> new PostgresImprovementLedger(shared.dataSource()))
                .orElseGet(() -> new FileImprovementLedger(stateDirectory.resolve("ledger.jsonl")));
    }

    /** Where {@link #ledger()} is kept, for messages. */
    String ledgerLocation() {
        return database().map(shared -> "database " + shared + " (schema " + shared.schema() + ")")
                .orElseGet(() -> stateDirectory.resolve("ledger.jsonl").toString());
    }

    /** The Supabase/PostgreSQL database when one is configured, migrated unless --no-migrate. */
    Optional<SupabaseDatabase> database() {
        return SharedDatabase.open(settings, migrate);
    }

    FileBackChannel fileBackChannel() {
        return new FileBackChannel(stateDirectory.resolve("requests"), clock);
    }

    /**
     * Writes patches against the team's real files, with paths relative to the repository root
     * ({@code --repo-root}, {@code KAIZEN_REPO_ROOT}, else the nearest folder above the team spec
     * holding {@code .git}).
     */
    PatchFileChangePublisher patchPublisher() {
        Path patches = settings.get(null, "patch-file.directory").map(Path::of)
                .orElseGet(() -> stateDirectory.resolve("patches"));
        PatchFileChangePublisher.Builder publisher = PatchFileChangePublisher.builder(patches)
                .teamSpecs(this::teamSpecFor);
        settings.get(repoRootFlag == null ? null : repoRootFlag.toString(), "repo.root").map(Path::of)
                .ifPresent(publisher::repositoryRoot);
        return publisher.build();
    }

    /**
     * The team spec file of {@code team}: {@code KAIZEN_TEAM_SPEC} (or {@code kaizen.team.spec}), else
     * the file the last {@code run} or {@code analyze} of that team read it from.
     */
    Optional<Path> teamSpecFor(String team) {
        Optional<Path> configured = settings.get(null, "team.spec").map(Path::of);
        if (configured.isPresent()) {
            return configured;
        }
        Properties known = teamSpecs();
        return Optional.ofNullable(known.getProperty(team)).map(Path::of);
    }

    private void rememberTeamSpec(TeamSpec team, Path file) {
        Properties known = teamSpecs();
        String path = file.toAbsolutePath().normalize().toString();
        if (path.equals(known.getProperty(team.name()))) {
            return;
        }
        known.setProperty(team.name(), path);
        try {
            Files.createDirectories(stateDirectory);
            try (Writer out = Files.newBufferedWriter(stateDirectory.resolve(TEAM_SPECS), StandardCharsets.UTF_8)) {
                known.store(out, "The team spec each team was last read from; patches are made against these files");
            }
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE, "cannot write " + stateDirectory.resolve(TEAM_SPECS)
                    + ": " + failure.getMessage(), failure);
        }
    }

    private Properties teamSpecs() {
        Properties known = new Properties();
        Path file = stateDirectory.resolve(TEAM_SPECS);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                known.load(in);
            } catch (IOException failure) {
                throw KaizenException.invalidInput("cannot read " + file + ": " + failure.getMessage(), failure);
            }
        }
        return known;
    }

    /** The team and logs the source options name, or the bundled example when they name none. */
    Workload workload(SourceOptions options) {
        Optional<String> logs = settings.get(options.logs == null ? null : options.logs.toString(), "logs");
        Optional<String> spec = settings.get(options.teamSpec == null ? null : options.teamSpec.toString(), "team.spec");
        TimeWindow window = window(options);
        if (logs.isEmpty() && !readsDatabase(options)) {
            if (spec.isPresent()) {
                throw KaizenException.invalidInput("--team-spec " + spec.get() + " needs --logs naming that team's logs");
            }
            Path example = BundledExample.extractTo(stateDirectory.resolve("example").resolve("marketing-team"));
            TeamSpec team = TeamSpecLoader.load(example.resolve("team.yaml"));
            rememberTeamSpec(team, example.resolve("team.yaml"));
            Path exampleLogs = example.resolve("logs");
            return new Workload(team, new Logs(JsonlConversationSource.of(exampleLogs), exampleLogs.toString(),
                    "--logs " + exampleLogs, "jsonl"), window, true);
        }
        Optional<String> teamOption = settings.get(options.team, "team");
        Logs source = logs(options, logs.map(Path::of).orElse(null), teamOption.orElse(null), options.quiet);
        if (spec.isPresent()) {
            TeamSpec team = TeamSpecLoader.load(Path.of(spec.get()));
            rememberTeamSpec(team, Path.of(spec.get()));
            return new Workload(team, source, window, false);
        }
        String team = teamOption.orElseGet(() -> firstTeam(source.source(), source.location()));
        return new Workload(TeamSpec.named(team), source, window, false);
    }

    /** Whether {@code --format} (or {@code KAIZEN_FORMAT}) names the configured database instead of a log file. */
    boolean readsDatabase(SourceOptions options) {
        return settings.get(options.format, "format").filter(DATABASE_FORMAT::equalsIgnoreCase).isPresent();
    }

    /**
     * The events to read: the log file or directory {@code path} in its format, or, with
     * {@code --format postgres}, the {@code team_conversations} table of the configured database.
     */
    Logs logs(SourceOptions options, @Nullable Path path, @Nullable String team, boolean quiet) {
        if (readsDatabase(options)) {
            if (path != null) {
                throw KaizenException.invalidInput("--format " + DATABASE_FORMAT + " reads the "
                        + PostgresConversationSource.DEFAULT_TABLE + " table of the configured database: drop --logs "
                        + path);
            }
            SupabaseDatabase database = database().orElseThrow(() -> KaizenException.invalidInput("--format "
                    + DATABASE_FORMAT + " needs a database: set KAIZEN_SUPABASE_DB_URL (or kaizen.supabase.db.url)"));
            PostgresConversationSource source = PostgresConversationSource.builder(database.dataSource())
                    .schema(database.schema())
                    .build();
            return new Logs(source, source.location() + " of " + database, "--format " + DATABASE_FORMAT,
                    DATABASE_FORMAT);
        }
        if (path == null) {
            throw KaizenException.invalidInput("--logs is missing: name a log file or directory, or pass --format "
                    + DATABASE_FORMAT + " to read the configured database");
        }
        LogFormat format = format(options, path);
        return new Logs(progressing(format, path, team, quiet), path.toString(), "--logs " + path,
                format.name().toLowerCase(Locale.ROOT));
    }

    /** The format {@code --format} (or {@code KAIZEN_FORMAT}) names, else the one the content shows. */
    LogFormat format(SourceOptions options, Path path) {
        return settings.get(options.format, "format").map(LogFormat::parse).orElseGet(() -> LogFormat.detect(path));
    }

    /** The source, with a progress line on stderr when reading from a terminal. */
    private static ConversationSource progressing(LogFormat format, Path path, @Nullable String team, boolean quiet) {
        if (!ProgressIndicator.wanted(System.console() != null, quiet)) {
            return format.open(path, team, ReadProgress.NONE);
        }
        ProgressIndicator progress = new ProgressIndicator(new PrintWriter(System.err, true),
                format.totalBytes(path), System::nanoTime);
        return progress.counting(format.open(path, team, progress));
    }

    static String firstTeam(ConversationSource source, String location) {
        try (Stream<Conversation> conversations = source.conversations(ConversationQuery.all(), problem -> { })) {
            return conversations.findFirst()
                    .map(Conversation::teamName)
                    .filter(team -> !team.isBlank())
                    .orElseThrow(() -> KaizenException.invalidInput("no team found in " + location
                            + ": pass --team or --team-spec"));
        }
    }

    private static TimeWindow window(SourceOptions options) {
        Instant from = options.since == null ? Instant.MIN : instant(options.since, "--since");
        Instant to = options.until == null ? Instant.MAX : instant(options.until, "--until");
        if (to.isBefore(from)) {
            throw KaizenException.invalidInput("--until " + options.until + " is before --since " + options.since);
        }
        return TimeWindow.between(from, to);
    }

    static Instant instant(String text, String option) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(text);
        } catch (DateTimeException invalid) {
            throw KaizenException.invalidInput(option + " '" + text + "' is not an ISO-8601 date or instant"
                    + " (e.g. 2025-06-10 or 2025-06-10T14:00:00Z)");
        }
    }

    /**
     * Where a command reads events from.
     *
     * @param source the events
     * @param location where they are, for messages
     * @param arguments the runner options that name them, for hints
     * @param format their format, as {@code --format} names it
     */
    record Logs(ConversationSource source, String location, String arguments, String format) {}

    /**
     * What to analyze.
     *
     * @param team the team
     * @param logs its events
     * @param window the tasks to include
     * @param bundledExample whether this is the bundled example
     */
    record Workload(TeamSpec team, Logs logs, TimeWindow window, boolean bundledExample) {

        ConversationSource source() {
            return logs.source();
        }
    }
}
