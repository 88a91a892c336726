package dev.kaizen4j.ledger;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process claiming {@code count} fingerprints in a ledger file once {@code go} exists, printing
 * {@code claimed <i>} for each claim it won: one of the competing runtimes of {@link LedgerProcessesTest}.
 */
public final class LedgerClaimer {

    private LedgerClaimer() {}

    public static void main(String[] args) throws Exception {
        FileImprovementLedger ledger = new FileImprovementLedger(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        Path go = Path.of(args[2]);
        System.out.println("ready");
        System.out.flush();
        while (!Files.exists(go)) {
            Thread.sleep(1);
        }
        for (int i = 0; i < count; i++) {
            ImprovementRequest request = Fixtures.request("lesson " + i);
            if (ledger.appendIfAbsent(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null))) {
                System.out.println("claimed " + i);
            }
        }
        System.out.flush();
    }
}
