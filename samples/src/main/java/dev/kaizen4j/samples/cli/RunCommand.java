package dev.kaizen4j.samples.cli;

import dev.kaizen4j.CycleResult;
import dev.kaizen4j.ImprovementCycle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kaizen4j run}: one full improvement cycle. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one improvement cycle: analyze the logs, discuss, propose, validate and submit"
                + " the proposals for human review.",
                "Without --logs it runs on the bundled marketing-team example."})
final class RunCommand extends WorkloadCommand {

    @Option(names = "--back-channel", paramLabel = "NAME",
            description = "Where requests go: file, github, or both as file,github (env KAIZEN_BACK_CHANNEL)."
                    + " Default: file, in <state-dir>/requests.")
    @Nullable String backChannel;

    @Option(names = "--max-submissions", paramLabel = "N",
            description = "At most N new requests per cycle (env KAIZEN_MAX_SUBMISSIONS). Default: 5.")
    @Nullable Integer maxSubmissions;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the analysis report as JSON.")
    @Nullable Path reportJson;

    @Override
    public Integer call() {
        PrintWriter out = out();
        RunnerContext context = context();
        RunnerContext.Workload workload = context.workload(source);
        List<String> channels = BackChannels.names(context, backChannel);
        int max = maxSubmissions != null ? maxSubmissions
                : context.settings().get(null, "max.submissions").map(Integer::parseInt).orElse(5);
        ImprovementCycle cycle = ImprovementCycle.builder()
                .team(workload.team())
                .source(workload.source())
                .window(workload.window())
                .backChannel(BackChannels.backChannel(context, channels))
                .ledger(context.ledger())
                .changePublisher(BackChannels.publisher(context, channels))
                .maxSubmissionsPerCycle(max)
                .build();
        if (workload.bundledExample()) {
            out.println("Running on the bundled marketing-team example (" + workload.source().path() + ").");
        }
        out.println("Offline mode: rule-based analysis, discussion and proposals (no LLM configured).");
        CycleResult result = cycle.run();
        new ReportPrinter(out).cycle(result);
        out.println();
        out.println("Ledger: " + context.stateDirectory().resolve("ledger.jsonl"));
        if (channels.contains(BackChannels.FILE)) {
            out.println("Requests: " + context.stateDirectory().resolve("requests")
                    + " (review them with: kaizen4j review list)");
        }
        if (reportJson != null) {
            ReportJson.write(reportJson, result.report(), result.skippedInput(), result.skippedInputCount());
            out.println("Report written to " + reportJson);
        }
        out.flush();
        return 0;
    }
}
