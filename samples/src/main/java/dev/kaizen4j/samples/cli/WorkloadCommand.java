package dev.kaizen4j.samples.cli;

import dev.kaizen4j.analysis.DefaultEffectivenessAnalyzer;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.TimeWindow;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.SourceProblemListener;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The plumbing shared by commands that work on a team's logs: options, context and analysis. */
abstract class WorkloadCommand implements Callable<Integer> {

    @ParentCommand
    KaizenCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    StateOptions state = new StateOptions();

    RunnerContext context() {
        return RunnerContext.of(root, state);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Analyzes the workload's tasks within {@code window} with the offline analyzer. */
    static EffectivenessReport analyze(RunnerContext.Workload workload, TimeWindow window, SourceProblemListener problems) {
        try (Stream<Conversation> conversations = workload.source().conversations(
                new ConversationQuery(workload.team().name(), window), problems)) {
            return DefaultEffectivenessAnalyzer.create().analyze(conversations, workload.team());
        }
    }
}
