package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.internal.CrashPoints;
import dev.kaizen4j.internal.CrashPoints.Point;
import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.RequestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runners started at the same moment on one state directory, as overlapping cron jobs do. */
class ConcurrentRunsTest {

    private static final int RUNS = 4;

    @TempDir
    Path directory;

    @Test
    void givenFourRunsStartedAtOnceOnOneStateDirectory_thenEachRequestIsMadeOnceAndAllSucceed() throws Exception {
        // Each run is held once it has its proposals, and all are released into the claims together.
        Path release = directory.resolve("release");
        List<RunnerProcess> runners = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runners.add(RunnerProcess.startHeld(directory, Point.CYCLE_PROPOSING, release, "run", "--state-dir", "state"));
        }
        for (RunnerProcess runner : runners) {
            runner.awaitMarker(CrashPoints.HELD_MARKER + Point.CYCLE_PROPOSING.label());
        }
        Files.createFile(release);
        for (RunnerProcess runner : runners) {
            assertThat(runner.awaitExit()).isZero();
        }

        List<RequestRecord> records = new FileImprovementLedger(directory.resolve("state/ledger.jsonl")).records();
        assertThat(records).isNotEmpty().allSatisfy(record -> {
            assertThat(record.status()).isEqualTo(RequestStatus.SUBMITTED);
            assertThat(record.history()).extracting(LedgerEntry::status)
                    .containsExactly(RequestStatus.PENDING_SUBMISSION, RequestStatus.SUBMITTED);
        });
        try (Stream<Path> files = Files.list(directory.resolve("state/requests"))) {
            assertThat(files.filter(file -> file.toString().endsWith(".json"))).hasSameSizeAs(records);
        }
    }
}
