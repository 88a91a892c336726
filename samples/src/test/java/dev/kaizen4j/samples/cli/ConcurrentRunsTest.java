package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.RequestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        CyclicBarrier start = new CyclicBarrier(RUNS);
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        List<Future<RunnerProcess>> runners = new ArrayList<>();
        try {
            for (int i = 0; i < RUNS; i++) {
                runners.add(pool.submit(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    return RunnerProcess.start(directory, null, "run", "--state-dir", "state");
                }));
            }
            for (Future<RunnerProcess> runner : runners) {
                assertThat(runner.get(60, TimeUnit.SECONDS).awaitExit()).isZero();
            }
        } finally {
            pool.shutdownNow();
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
