package dev.kaizen4j.samples.cli;

import dev.kaizen4j.ImprovementCycle;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.source.SourceProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kaizen4j analyze}: the effectiveness report only; nothing is proposed or submitted. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyze a team's logs: metrics, findings, failure attribution and the agents that need work.")
final class AnalyzeCommand extends WorkloadCommand {

    @Option(names = "--report-json", paramLabel = "FILE",
            description = "Write the report as JSON (keys metrics, agents, findings, attributions, ranking).")
    @Nullable Path reportJson;

    @Override
    public Integer call() {
        PrintWriter out = out();
        RunnerContext.Workload workload = context().workload(source);
        List<SourceProblem> problems = new ArrayList<>();
        AtomicLong problemCount = new AtomicLong();
        EffectivenessReport report = analyze(workload, workload.window(), problem -> {
            if (problemCount.incrementAndGet() <= ImprovementCycle.MAX_REPORTED_PROBLEMS) {
                problems.add(problem);
            }
        });
        ReportPrinter printer = new ReportPrinter(out);
        printer.report(report);
        printer.skipped(problems, problemCount.get());
        if (reportJson != null) {
            ReportJson.write(reportJson, report, problems, problemCount.get());
            out.println();
            out.println("Report written to " + reportJson);
        }
        out.flush();
        return 0;
    }
}
