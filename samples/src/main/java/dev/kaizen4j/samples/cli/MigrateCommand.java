package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.SchemaMigrations.AppliedMigration;
import dev.kaizen4j.notifier.supabase.SupabaseDatabase;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kaizen4j migrate}: creates or extends Kaizen4j's tables in the configured database. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Create or extend Kaizen4j's tables in the Supabase/PostgreSQL database of KAIZEN_SUPABASE_DB_URL"
                + " (or SUPABASE_DB_URL) and print the migrations applied.",
                "Tables created by hand from the design are kept: only columns, indexes and triggers are added.",
                "Exit code 2 when no database is configured or it cannot be reached."})
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    KaizenCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    StateOptions state = new StateOptions();

    @Override
    public Integer call() {
        RunnerContext context = RunnerContext.of(root, state);
        SupabaseDatabase database = SharedDatabase.open(context.settings(), false)
                .orElseThrow(() -> KaizenException.invalidInput("no database configured: set KAIZEN_SUPABASE_DB_URL"
                        + " (or SUPABASE_DB_URL, or kaizen.supabase.db.url) to a postgresql:// connection string"));
        List<AppliedMigration> applied = SharedDatabase.migrate(database);
        PrintWriter out = spec.commandLine().getOut();
        if (applied.isEmpty()) {
            out.println("Database " + database + " (schema " + database.schema() + ") is up to date.");
        } else {
            out.println("Applied " + applied.size() + " migration(s) to " + database + " (schema " + database.schema()
                    + "):");
            for (AppliedMigration migration : applied) {
                out.println("  V" + migration.version() + " " + migration.description());
            }
        }
        out.flush();
        return 0;
    }
}
