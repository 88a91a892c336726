package dev.kaizen4j.samples.cli;

import dev.kaizen4j.CycleResult;
import dev.kaizen4j.ImprovementCycle;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.llm.LlmAssistant;
import dev.kaizen4j.redaction.PatternRedactor;
import dev.kaizen4j.redaction.Redactor;
import dev.kaizen4j.team.AgentSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kaizen4j run}: one full improvement cycle. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one improvement cycle: analyze the logs, discuss, propose, validate and submit"
                + " the proposals for human review.",
                "Without --logs it runs on the bundled marketing-team example; without --llm it runs offline.",
                "Exit code 1 when a step failed (a submission, a publication, the ledger, the Supabase metrics, or the LLM whose answers"
                        + " stayed invalid); nothing from it is submitted."})
final class RunCommand extends WorkloadCommand {

    /** Exit code when a step failed (a submission, a publication, the ledger, the LLM) and the rest went on. */
    static final int EXIT_CYCLE_ERRORS = 1;

    @Option(names = "--back-channel", paramLabel = "NAME",
            description = "Where requests go: file, github, any plugin's name, or several as file,github (env"
                    + " KAIZEN_BACK_CHANNEL). Default: file, in <state-dir>/requests.")
    @Nullable String backChannel;

    @Option(names = "--max-submissions", paramLabel = "N",
            description = "At most N new requests per cycle (env KAIZEN_MAX_SUBMISSIONS). Default: 5.")
    @Nullable Integer maxSubmissions;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the analysis report as JSON.")
    @Nullable Path reportJson;

    @Option(names = "--llm", paramLabel = "PROVIDER",
            description = "Run the analysis review, discussion and proposals on an LLM: openai, anthropic, ollama or"
                    + " none (env KAIZEN_LLM). Keys come from KAIZEN_OPENAI_API_KEY / KAIZEN_ANTHROPIC_API_KEY (or"
                    + " OPENAI_API_KEY / ANTHROPIC_API_KEY). Default: none, offline.")
    @Nullable String llm;

    @Option(names = "--llm-model", paramLabel = "NAME",
            description = "The model (env KAIZEN_LLM_MODEL). Default: gpt-4.1-mini, claude-sonnet-4-5 or llama3.1.")
    @Nullable String llmModel;

    @Option(names = "--llm-base-url", paramLabel = "URL",
            description = "The provider's endpoint (env KAIZEN_OPENAI_BASE_URL, KAIZEN_ANTHROPIC_BASE_URL or"
                    + " KAIZEN_OLLAMA_BASE_URL). Default: the provider's; for ollama http://localhost:11434.")
    @Nullable String llmBaseUrl;

    @Option(names = "--redact", paramLabel = "REGEX",
            description = "Also mask matches of REGEX in everything sent to the LLM and to back-channels; repeatable"
                    + " (env KAIZEN_REDACT, one regex). Keys, tokens, passwords in URLs, private keys and JWTs are"
                    + " always masked.")
    List<String> redact = new ArrayList<>();

    @Option(names = "--llm-token-budget", paramLabel = "TOKENS",
            description = "The most input tokens one LLM call may take, estimated at four characters a token (env"
                    + " KAIZEN_LLM_TOKEN_BUDGET). Default: 6000.")
    @Nullable Integer llmTokenBudget;

    private Redactor redactor(RunnerSettings settings) {
        PatternRedactor.Builder builder = PatternRedactor.builder();
        List<String> patterns = new ArrayList<>(redact);
        if (patterns.isEmpty()) {
            settings.get(null, "redact").ifPresent(patterns::add);
        }
        for (int i = 0; i < patterns.size(); i++) {
            try {
                builder.pattern("pattern-" + (i + 1), patterns.get(i));
            } catch (PatternSyntaxException invalid) {
                throw KaizenException.invalidInput("--redact '" + patterns.get(i) + "' is not a regular expression: "
                        + invalid.getDescription());
            }
        }
        return builder.build();
    }

    /**
     * Why no proposal can be made for want of the agents' prompts, and how to fix it: the team spec is missing,
     * or some agents' system prompts are still empty, as {@code kaizen4j init} leaves those it could not find.
     */
    static Optional<String> missingPrompts(RunnerContext.Workload workload) {
        if (workload.bundledExample()) {
            return Optional.empty();
        }
        if (workload.team().agents().isEmpty()) {
            return Optional.of("No team spec: the logs were analyzed, but proposals need each agent's current prompts,"
                    + " so none were made.\nTo fix it, write a team spec from the logs, fill in the prompts and run"
                    + " again:\n  kaizen4j init " + workload.logs().arguments() + " --out team.yaml\n  kaizen4j run "
                    + workload.logs().arguments() + " --team-spec team.yaml");
        }
        List<String> placeholders = workload.team().agents().stream()
                .filter(agent -> agent.systemPrompt().isBlank())
                .map(AgentSpec::name)
                .toList();
        if (!placeholders.isEmpty()) {
            return Optional.of("No system prompt in the team spec for " + String.join(", ", placeholders)
                    + ": no prompt refinement is proposed for them until their current prompts are filled in.");
        }
        return Optional.empty();
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        RunnerContext context = context();
        RunnerContext.Workload workload = context.workload(source);
        List<String> channels = BackChannels.names(context, backChannel);
        int max = maxSubmissions != null ? maxSubmissions
                : context.settings().get(null, "max.submissions").map(Integer::parseInt).orElse(5);
        Optional<LlmModels.Selection> model = LlmModels.select(context.settings(), llm, llmModel, llmBaseUrl);
        int budget = llmTokenBudget != null ? llmTokenBudget
                : context.settings().get(null, "llm.token.budget").map(Integer::parseInt)
                        .orElse(LlmAssistant.DEFAULT_INPUT_TOKENS_PER_CALL);
        Redactor redactor = redactor(context.settings());
        ImprovementCycle.Builder builder = ImprovementCycle.builder()
                .team(workload.team())
                .source(workload.source())
                .window(workload.window())
                .ledger(context.ledger())
                .maxSubmissionsPerCycle(max)
                .clock(context.clock())
                .redactor(redactor)
                // One cycle, then exit: decisions are read at the start of the next run, not listened for.
                .listenForDecisions(false);
        model.ifPresent(selected -> builder.llm(LlmAssistant.builder()
                .model(selected.model())
                .inputTokensPerCall(budget)
                .redactor(redactor)
                .build()));
        if (workload.bundledExample()) {
            out.println("Running on the bundled marketing-team example (" + workload.logs().location() + ").");
        }
        if (model.isPresent()) {
            out.println("LLM mode: " + model.get().describe() + "; at most " + budget
                    + " input tokens per call; secrets are masked before anything is sent.");
        } else {
            out.println("Offline mode: rule-based analysis, discussion and proposals (no LLM configured).");
        }
        CycleResult result;
        try (SharedDatabase.Turn turn = SharedDatabase.turn(context, workload.team().name())) {
            if (!turn.mine()) {
                out.println("The cycle of team " + workload.team().name() + " is already running on " + turn.otherHolder()
                        + "; nothing was submitted.");
                out.flush();
                return 0;
            }
            try (BackChannels.Opened opened = BackChannels.open(context, channels)) {
                result = builder.backChannel(opened.channel()).changePublisher(opened.publisher()).build().run();
            }
        }
        new ReportPrinter(out).cycle(result);
        missingPrompts(workload).ifPresent(hint -> {
            out.println();
            out.println(hint);
        });
        out.println();
        boolean metricsStored = SupabaseMetrics.record(context, result.report(), out);
        out.println("Ledger: " + context.ledgerLocation());
        if (channels.contains(BackChannels.FILE)) {
            out.println("Requests: " + context.stateDirectory().resolve("requests")
                    + " (review them with: kaizen4j review list)");
        }
        if (reportJson != null) {
            ReportJson.write(reportJson, result.report(), result.skippedInput(), result.skippedInputCount());
            out.println("Report written to " + reportJson);
        }
        if (result.hasErrors()) {
            out.println("The cycle finished with " + result.errors().size() + " error(s) (listed above); nothing from"
                    + " the failed steps was submitted, and retriable ones are retried by the next run.");
            out.flush();
            return EXIT_CYCLE_ERRORS;
        }
        if (!metricsStored) {
            out.flush();
            return EXIT_CYCLE_ERRORS;
        }
        out.flush();
        return 0;
    }
}
