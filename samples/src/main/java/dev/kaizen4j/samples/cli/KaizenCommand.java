package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code kaizen4j} command-line runner. */
@Command(name = "kaizen4j",
        mixinStandardHelpOptions = true,
        versionProvider = KaizenCommand.Version.class,
        description = "Improve a team of AI agents from its own conversation logs, with humans in the loop.",
        subcommands = {
            RunCommand.class,
            AnalyzeCommand.class,
            ValidateCommand.class,
            ReviewCommand.class,
            VerifyCommand.class,
            SuggestCommand.class,
            InitCommand.class,
            MigrateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class KaizenCommand implements Runnable {

    /** Exit code for invalid input or usage. */
    static final int EXIT_BAD_INPUT = 2;
    /** Exit code for an unexpected failure. */
    static final int EXIT_FAILURE = 3;

    private final Map<String, String> environment;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    public KaizenCommand(Map<String, String> environment, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** The clock decisions, ledger entries and cycles are dated with. */
    Clock clock() {
        return clock;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The configured command line, with errors printed as one clear message instead of a stack trace. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, Clock.systemUTC());
    }

    /** As {@link #commandLine(Map)}, with the clock everything is dated with. */
    public static CommandLine commandLine(Map<String, String> environment, Clock clock) {
        CommandLine commandLine = new CommandLine(new KaizenCommand(environment, clock));
        commandLine.setExecutionExceptionHandler((failure, failedCommand, parseResult) -> {
            PrintWriter err = failedCommand.getErr();
            if (failure instanceof KaizenException known) {
                err.println("error: " + known.getMessage());
                return known.kind() == KaizenException.Kind.INVALID_INPUT ? EXIT_BAD_INPUT : EXIT_FAILURE;
            }
            if (failure instanceof UncheckedIOException io) {
                err.println("error: " + io.getMessage());
                return EXIT_FAILURE;
            }
            err.println("error: unexpected failure: " + failure);
            if (environment.containsKey("KAIZEN_DEBUG")) {
                failure.printStackTrace(err);
            } else {
                err.println("(set KAIZEN_DEBUG=1 to see the stack trace)");
            }
            return EXIT_FAILURE;
        });
        commandLine.setExitCodeExceptionMapper(failure -> EXIT_BAD_INPUT);
        return commandLine;
    }

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KaizenCommand.class.getPackage().getImplementationVersion();
            return new String[] {"kaizen4j " + (version == null ? "development build" : version)};
        }
    }
}
