package dev.kaizen4j.samples.cli;

import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.SourceProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kaizen4j analyze}: the effectiveness report only; nothing is proposed or submitted. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyze a team's logs: metrics, findings, failure attribution and the agents that need work.")
final class AnalyzeCommand implements Callable<Integer> {

    @ParentCommand
    KaizenCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    StateOptions state = new StateOptions();

    @Option(names = "--report-json", paramLabel = "FILE",
            description = "Write the report as JSON (keys metrics, agents, findings, attributions, ranking).")
    @Nullable Path reportJson;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunnerContext.Workload workload = RunnerContext.of(root, state).workload(source);
        List<SourceProblem> problems = new ArrayList<>();
        AtomicLong problemCount = new AtomicLong();
        EffectivenessReport report;
        try (Stream<Conversation> conversations = workload.source().conversations(
                new ConversationQuery(workload.team().name(), workload.window()), problem -> {
                    if (problemCount.incrementAndGet() <= 100) {
                        problems.add(problem);
                    }
                })) {
            report = DefaultEffectivenessAnalyzer.create().analyze(conversations, workload.team());
        }
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
