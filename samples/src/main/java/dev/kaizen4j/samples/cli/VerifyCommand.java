package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.verify.ArmStatistic;
import dev.kaizen4j.verify.FrequentistVerifier;
import dev.kaizen4j.verify.MetricComparison;
import dev.kaizen4j.verify.Verification;
import dev.kaizen4j.verify.VerdictRecorder;
import dev.kaizen4j.verify.VerificationArchive;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kaizen4j verify}: did a change help? An experiment's arms, or before/after as weaker evidence. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Decide whether a change helped: effective, harmful, inconclusive (with the tasks per arm"
                + " needed) or invalid.",
                "With --experiment, compares the arms of a randomised rollout (tasks logging metadata.experiment and"
                + " metadata.variant) on the success rate and the guardrails error_rate, tool_error_rate,"
                + " duration_seconds and tokens_per_task: relative lift with delta-method standard error, Welch"
                + " degrees of freedom, Student-t p-value and interval (as GrowthBook's stats engine), after a"
                + " sample-ratio-mismatch check.",
                "With --changed-at, compares whole weeks before and after the change instead: weaker evidence,"
                + " since anything else that changed in those weeks counts too.",
                "With --request, the verdict is recorded in the ledger and shown on the request's back-channel."})
final class VerifyCommand extends WorkloadCommand {

    @Option(names = "--experiment", paramLabel = "KEY", description = "The experiment key the rollout used.")
    @Nullable String experiment;

    @Option(names = "--changed-at", paramLabel = "DATE",
            description = "Instead of an experiment: when the change went live (ISO-8601 date or instant, UTC).")
    @Nullable String changedAt;

    @Option(names = "--weeks", paramLabel = "N",
            description = "With --changed-at: whole weeks compared on each side of the change. Default: 1.")
    int weeks = 1;

    @Option(names = {"--alpha", "--level"}, paramLabel = "ALPHA", description = "Significance level. Default: 0.05.")
    double alpha = 0.05;

    @Option(names = "--split", paramLabel = "SHARE",
            description = "The treatment share the rollout was configured with. Default: 0.5.")
    double split = 0.5;

    @Option(names = "--coverage", paramLabel = "SHARE",
            description = "The share of tasks the rollout covered, to check logged variants against the hash. Default: 1.")
    double coverage = 1.0;

    @Option(names = "--min-lift", paramLabel = "LIFT",
            description = "Smallest relative lift worth detecting, for the sample size of an inconclusive result."
                    + " Default: 0.05.")
    double minLift = 0.05;

    @Option(names = "--json", description = "Print the verification as JSON.")
    boolean json;

    @Option(names = "--request", paramLabel = "ID", description = "The request whose change this verifies.")
    @Nullable String requestId;

    @Option(names = "--back-channel", paramLabel = "NAME",
            description = "Where to show the verdict of --request: file, github, a plugin's name, or several as file,github"
                    + " (env KAIZEN_BACK_CHANNEL). Default: file.")
    @Nullable String backChannel;

    @Override
    public Integer call() {
        if ((experiment == null) == (changedAt == null)) {
            throw KaizenException.invalidInput("give either --experiment KEY (a randomised rollout) or --changed-at DATE"
                    + " (before/after)");
        }
        if (weeks < 1) {
            throw KaizenException.invalidInput("--weeks must be at least 1, was " + weeks);
        }
        FrequentistVerifier verifier;
        try {
            verifier = FrequentistVerifier.builder().alpha(alpha).treatmentShare(split).coverage(coverage)
                    .minRelativeLift(minLift).build();
        } catch (IllegalArgumentException bad) {
            throw KaizenException.invalidInput(bad.getMessage());
        }
        RunnerContext context = context();
        if (requestId == null) {
            return verify(context, verifier, null);
        }
        try (BackChannels.Opened channels = BackChannels.open(context, BackChannels.names(context, backChannel))) {
            return verify(context, verifier, recorder(context, channels.channel()));
        }
    }

    private int verify(RunnerContext context, FrequentistVerifier verifier, @Nullable VerdictRecorder recorder) {
        Optional<RequestRecord> record = Optional.ofNullable(recorder).map(r -> r.verifiable(requestId));
        RunnerContext.Workload workload = context.workload(source);
        ConversationQuery query = new ConversationQuery(workload.team().name(), workload.window());
        Verification verification = experiment != null
                ? verifier.experiment(experiment, workload.source(), query)
                : verifier.beforeAfter(workload.source(), query, RunnerContext.instant(changedAt, "--changed-at"), weeks);

        PrintWriter out = out();
        if (json) {
            out.println(verification.toJson());
        } else {
            print(verification, out);
        }
        record.ifPresent(found -> {
            RequestStatus status = recorder.record(found, verification);
            (json ? spec.commandLine().getErr() : out).println("Recorded " + status.name().toLowerCase(Locale.ROOT)
                    + " for " + found.requestId());
        });
        out.flush();
        return 0;
    }

    private VerdictRecorder recorder(RunnerContext context, BackChannel channel) {
        return new VerdictRecorder(context.ledger(), new VerificationArchive(context.stateDirectory().resolve("verifications")),
                channel, root.clock());
    }

    static void print(Verification v, PrintWriter out) {
        out.println((v.experiment() == null ? "Before/after" : "Experiment " + v.experiment()) + ": "
                + v.decision().key().toUpperCase(Locale.ROOT));
        out.println("Evidence: " + v.evidence());
        if (v.srm() != null) {
            out.printf(Locale.ROOT, "Sample ratio: control %d, treatment %d, expected treatment share %s, p = %.4g%s%n",
                    v.srm().control(), v.srm().treatment(), v.srm().expectedShare(), v.srm().pValue(),
                    v.srm().mismatch() ? " (MISMATCH)" : "");
        }
        out.printf(Locale.ROOT, "Tasks: control %d (%d without outcome), treatment %d (%d without outcome),"
                        + " %d logged a variant other than the hash's, %d an unknown variant%n",
                v.tasks().control(), v.tasks().controlWithoutOutcome(), v.tasks().treatment(),
                v.tasks().treatmentWithoutOutcome(), v.tasks().hashMismatches(), v.tasks().unknownVariant());
        out.println();
        String ci = String.format(Locale.ROOT, "%.0f%% CI", (1 - v.alpha()) * 100);
        out.printf(Locale.ROOT, "%-18s %-18s %-18s %-10s %-20s %-9s %-9s %s%n", "metric", "control (n)",
                "treatment (n)", "rel. lift", ci, "p", "adj. p", "abs. diff [" + ci + "]");
        for (MetricComparison m : v.metrics()) {
            out.printf(Locale.ROOT, "%-18s %-18s %-18s %-10s %-20s %-9s %-9s %s%n",
                    m.name() + (m.primary() ? " *" : ""), arm(m.control()), arm(m.treatment()),
                    m.relativeLift() == null ? "-" : percent(m.relativeLift()),
                    m.ciLow() == null ? "-" : "[" + percent(m.ciLow()) + ", " + percent(m.ciHigh()) + "]",
                    m.pValue() == null ? "-" : String.format(Locale.ROOT, "%.4g", m.pValue()),
                    m.adjustedPValue() == null ? "-" : String.format(Locale.ROOT, "%.4g", m.adjustedPValue()),
                    m.absoluteDifference() == null ? "-" : String.format(Locale.ROOT, "%+.4g [%+.4g, %+.4g]",
                            m.absoluteDifference(), m.absoluteCiLow(), m.absoluteCiHigh()));
        }
        out.println("* primary metric; guardrail p-values Holm-adjusted");
        if (v.primary().neededPerArm() != null) {
            long more = v.primary().neededPerArm()
                    - Math.min(v.primary().control().n(), v.primary().treatment().n());
            out.printf(Locale.ROOT, "Needed: about %d tasks with an outcome per arm (%d more than the smaller arm has)%n",
                    v.primary().neededPerArm(), Math.max(0, more));
        }
        out.println();
        v.reasons().forEach(reason -> out.println("- " + reason));
        out.println(v.summary());
    }

    private static String arm(ArmStatistic arm) {
        return String.format(Locale.ROOT, "%.4g (%d)", arm.mean(), arm.n());
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%+.2f%%", value * 100);
    }
}
