package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.model.TimeWindow;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.verify.TwoProportionVerifier;
import dev.kaizen4j.verify.VerificationResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kaizen4j verify}: compares the team before and after a change. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare the team's success rate in the days before and after a change, with a one-sided"
                + " two-proportion z-test.",
                "With --request, the verdict is recorded in the ledger for that implemented request."})
final class VerifyCommand extends WorkloadCommand {

    @Option(names = "--changed-at", paramLabel = "DATE", required = true,
            description = "When the change went live (ISO-8601 date or instant, UTC).")
    String changedAt;

    @Option(names = "--days", paramLabel = "N", description = "Days compared on each side of the change. Default: 7.")
    int days = 7;

    @Option(names = "--level", paramLabel = "ALPHA", description = "Significance level. Default: 0.05.")
    double level = 0.05;

    @Option(names = "--request", paramLabel = "ID", description = "The implemented request to record the verdict for.")
    @Nullable String requestId;

    @Override
    public Integer call() {
        if (days < 1) {
            throw KaizenException.invalidInput("--days must be at least 1, was " + days);
        }
        RunnerContext context = context();
        RunnerContext.Workload workload = context.workload(source);
        Instant change = RunnerContext.instant(changedAt, "--changed-at");
        Duration span = Duration.ofDays(days);
        EffectivenessReport before = analyze(workload, TimeWindow.between(change.minus(span), change), problem -> { });
        EffectivenessReport after = analyze(workload, TimeWindow.between(change, change.plus(span)), problem -> { });
        FileImprovementLedger ledger = context.ledger();
        Optional<RequestRecord> record = Optional.ofNullable(requestId).map(id -> ledger.find(id)
                .orElseThrow(() -> KaizenException.invalidInput("no request '" + id + "' in " + ledger.file())));
        VerificationResult result = new TwoProportionVerifier(level).verify(before, after);
        PrintWriter out = out();
        out.println(result.summary());
        if (record.isPresent()) {
            RequestRecord found = record.get();
            if (found.status() != RequestStatus.MERGED && found.status() != RequestStatus.PUBLISHED) {
                throw KaizenException.invalidInput("request " + found.requestId() + " is "
                        + found.status().name().toLowerCase() + "; only published or merged requests can be verified");
            }
            RequestStatus verdict = result.effective() ? RequestStatus.VERIFIED_EFFECTIVE : RequestStatus.VERIFIED_INEFFECTIVE;
            ledger.append(LedgerEntry.transition(root.clock().instant(), found, verdict, result.summary()));
            out.println("Recorded " + verdict.name().toLowerCase() + " for " + found.requestId());
        }
        out.flush();
        return 0;
    }
}
