package dev.kaizen4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One ledger file used by many threads through several instances at once, as runtimes in one JVM do. */
class LedgerConcurrencyTest {

    private static final int THREADS = 8;

    @TempDir
    Path directory;

    @Test
    void givenInstancesOnOneFile_whenThreadsAppendAtOnce_thenNoLockClashAndEveryEntryIsKept() throws Exception {
        Path file = directory.resolve("ledger.jsonl");
        // Two paths to one file: the lock is shared per canonical file, not per spelling.
        Path alias = Files.createSymbolicLink(directory.resolve("alias"), directory);
        List<FileImprovementLedger> ledgers = List.of(new FileImprovementLedger(file),
                new FileImprovementLedger(alias.resolve("./ledger.jsonl")));

        List<Boolean> results = race(thread -> () -> {
            FileImprovementLedger ledger = ledgers.get(thread % 2);
            for (int i = 0; i < 10; i++) {
                ledger.append(LedgerEntry.of(Fixtures.NOW, Fixtures.request("lesson " + thread + "-" + i),
                        RequestStatus.PENDING_SUBMISSION, null));
            }
            return true;
        });

        assertThat(results).hasSize(THREADS).containsOnly(true);
        assertThat(new FileImprovementLedger(file).records()).hasSize(THREADS * 10);
        assertThat(Files.readAllLines(file)).hasSize(THREADS * 10);
    }

    @Test
    void givenThreadsOnSeveralInstances_whenAllClaimTheSameFingerprints_thenEachIsClaimedExactlyOnce() throws Exception {
        Path file = directory.resolve("ledger.jsonl");
        List<ImprovementRequest> requests = IntStream.range(0, 20)
                .mapToObj(i -> Fixtures.request("lesson " + i)).toList();

        List<Integer> claimsPerThread = race(thread -> () -> {
            FileImprovementLedger ledger = new FileImprovementLedger(file);
            int claimed = 0;
            for (ImprovementRequest request : requests) {
                if (ledger.appendIfAbsent(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null))) {
                    claimed++;
                }
            }
            return claimed;
        });

        assertThat(claimsPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(requests.size());
        assertThat(Files.readAllLines(file)).hasSize(requests.size());
    }

    @Test
    void givenThreadsOnAnInMemoryLedger_whenAllClaimTheSameFingerprint_thenOneWins() throws Exception {
        InMemoryImprovementLedger ledger = new InMemoryImprovementLedger();
        ImprovementRequest request = Fixtures.request("Use the target keyword.");

        List<Boolean> claims = race(thread -> () ->
                ledger.appendIfAbsent(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null)));

        assertThat(claims).containsOnlyOnce(true);
        assertThat(ledger.records()).singleElement().extracting(r -> r.history().size()).isEqualTo(1);
    }

    /** Runs one task per thread, all released at the same moment, and returns their results. */
    private static <T> List<T> race(IntFunction<Callable<T>> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                Callable<T> work = task.apply(thread);
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
