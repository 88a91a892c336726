package dev.kaizen4j.samples.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options naming the team and its logs, shared by the commands that analyze. */
final class SourceOptions {

    @Option(names = "--logs", paramLabel = "PATH",
            description = "A log file or a directory of them (env KAIZEN_LOGS): Kaizen4j JSON Lines, OpenTelemetry"
                    + " OTLP/JSON traces or AG2/AutoGen chat histories (see --format)."
                    + " Default: the bundled marketing-team example.")
    @Nullable Path logs;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "The log format: jsonl, otlp or ag2 (env KAIZEN_FORMAT). Default: told from the content."
                    + " postgres reads the team_conversations table of the configured database"
                    + " (KAIZEN_SUPABASE_DB_URL) instead of --logs.")
    @Nullable String format;

    @Option(names = "--quiet", description = "No progress line on stderr (it is shown only on a terminal anyway).")
    boolean quiet;

    @Option(names = "--team-spec", paramLabel = "FILE",
            description = "The team spec, YAML or JSON (env KAIZEN_TEAM_SPEC).")
    @Nullable Path teamSpec;

    @Option(names = "--team", paramLabel = "NAME",
            description = "The team to analyze when no team spec names it (env KAIZEN_TEAM)."
                    + " For OTLP and AG2 logs it names the team of every task."
                    + " Default: the team of the first log line (OTLP: service.name; AG2: the file name).")
    @Nullable String team;

    @Option(names = "--since", paramLabel = "DATE",
            description = "Only tasks started at or after this instant or date (ISO-8601, UTC).")
    @Nullable String since;

    @Option(names = "--until", paramLabel = "DATE",
            description = "Only tasks started before this instant or date (ISO-8601, UTC).")
    @Nullable String until;
}
