package dev.kaizen4j.samples.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options naming the team and its logs, shared by the commands that analyze. */
final class SourceOptions {

    @Option(names = "--logs", paramLabel = "PATH",
            description = "A JSON Lines log file or a directory of .jsonl/.jsonl.gz files (env KAIZEN_LOGS)."
                    + " Default: the bundled marketing-team example.")
    @Nullable Path logs;

    @Option(names = "--team-spec", paramLabel = "FILE",
            description = "The team spec, YAML or JSON (env KAIZEN_TEAM_SPEC).")
    @Nullable Path teamSpec;

    @Option(names = "--team", paramLabel = "NAME",
            description = "The team to analyze when no team spec names it (env KAIZEN_TEAM)."
                    + " Default: the team of the first log line.")
    @Nullable String team;

    @Option(names = "--since", paramLabel = "DATE",
            description = "Only tasks started at or after this instant or date (ISO-8601, UTC).")
    @Nullable String since;

    @Option(names = "--until", paramLabel = "DATE",
            description = "Only tasks started before this instant or date (ISO-8601, UTC).")
    @Nullable String until;
}
