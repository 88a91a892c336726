package dev.kaizen4j.samples.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options locating the runner's state: ledger, file back-channel and configuration. */
final class StateOptions {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the ledger, requests and patches are kept (env KAIZEN_STATE_DIR). Default: .kaizen4j")
    @Nullable Path stateDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of kaizen.* settings (env KAIZEN_CONFIG). Default: ./kaizen4j.properties if present.")
    @Nullable Path config;

    @Option(names = "--repo-root", paramLabel = "DIR",
            description = "The root of the team's Git repository; patch paths are relative to it (env KAIZEN_REPO_ROOT)."
                    + " Default: the nearest folder above the team spec holding .git.")
    @Nullable Path repoRoot;

    @Option(names = "--no-migrate",
            description = "Do not migrate the Supabase/PostgreSQL database's schema before using it (see kaizen4j migrate).")
    boolean noMigrate;
}
