package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.ledger.IllegalTransitionException;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresImprovementLedgerTest {

    private static final Instant NOW = ContractRequests.NOW;

    private TestDatabase database;
    private PostgresImprovementLedger ledger;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.create();
        new SchemaMigrations(database.dataSource()).migrate();
        ledger = new PostgresImprovementLedger(database.dataSource());
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static LedgerEntry pending(ImprovementRequest request) {
        return LedgerEntry.of(NOW, request, RequestStatus.PENDING_SUBMISSION, null);
    }

    private RequestRecord submitted(ImprovementRequest request) {
        ledger.append(pending(request));
        ledger.append(LedgerEntry.transition(NOW.plusSeconds(1), ledger.find(request.id()).orElseThrow(),
                RequestStatus.SUBMITTED, null).withSubmission(Submission.submitted("supabase", request.id(), "row-1", null)));
        return ledger.find(request.id()).orElseThrow();
    }

    @Test
    void givenALifeCycle_whenRead_thenRecordsFoldTheEntriesAsTheFileLedgerDoes() {
        ImprovementRequest first = ContractRequests.request("Use the target keyword.");
        ImprovementRequest second = ContractRequests.codeRequest();
        RequestRecord record = submitted(first);
        ledger.append(pending(second));
        ReviewDecision decision = new ReviewDecision(Verdict.APPROVED, "ana", "ship it", NOW.plusSeconds(5));
        ledger.append(LedgerEntry.transition(NOW.plusSeconds(5), record, RequestStatus.APPROVED, "ship it")
                .withDecision(decision));

        assertThat(ledger.records()).extracting(RequestRecord::requestId).containsExactly(first.id(), second.id());
        RequestRecord approved = new PostgresImprovementLedger(database.dataSource()).find(first.id()).orElseThrow();
        assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(approved.request()).isEqualTo(first);
        assertThat(approved.decision()).isEqualTo(decision);
        assertThat(approved.submission().externalId()).isEqualTo("row-1");
        assertThat(approved.history()).extracting(LedgerEntry::status).containsExactly(
                RequestStatus.PENDING_SUBMISSION, RequestStatus.SUBMITTED, RequestStatus.APPROVED);
        assertThat(ledger.findByFingerprint(second.fingerprint())).get().extracting(RequestRecord::requestId)
                .isEqualTo(second.id());
        assertThat(ledger.find("nobody")).isEmpty();
        assertThat(query("SELECT status FROM kaizen4j_ledger_requests WHERE request_id = '" + first.id() + "'"))
                .isEqualTo("APPROVED");
    }

    @Test
    void givenSerializationFailuresRaisedByTheServer_whenAppending_thenTheTransactionIsRetriedAndWrittenOnce() {
        // given: the server fails the next two inserts of an entry as a conflicting transaction would
        failNextEntryInserts(2);
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        // when
        ledger.append(pending(request));

        // then
        assertThat(ledger.find(request.id())).get().extracting(RequestRecord::status)
                .isEqualTo(RequestStatus.PENDING_SUBMISSION);
        assertThat(Sql.scalar(database.dataSource(), "SELECT count(*) FROM kaizen4j_ledger_entries")).isEqualTo("1");
        assertThat(Sql.scalar(database.dataSource(), "SELECT count(*) FROM kaizen4j_ledger_requests")).isEqualTo("1");
    }

    @Test
    void givenSerializationFailuresThatDoNotStop_whenAppending_thenItFailsAsRetriableAndNothingIsWritten() {
        failNextEntryInserts(1_000);
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        assertThatThrownBy(() -> ledger.append(pending(request))).isInstanceOf(KaizenException.class)
                .satisfies(failure -> assertThat(((KaizenException) failure).kind())
                        .isEqualTo(KaizenException.Kind.RETRIABLE))
                .hasMessageContaining("could not serialize access");
        assertThat(ledger.find(request.id())).isEmpty();
        assertThat(Sql.scalar(database.dataSource(), "SELECT count(*) FROM kaizen4j_ledger_entries")).isEqualTo("0");
    }

    /**
     * Makes the server raise SQLSTATE 40001 on the next {@code times} inserts into the entries table. The
     * count is a sequence, which a rolled-back transaction does not reset.
     */
    private void failNextEntryInserts(int times) {
        Sql.execute(database.dataSource(), "CREATE SEQUENCE test_conflicts");
        Sql.execute(database.dataSource(), """
                CREATE FUNCTION test_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF nextval('test_conflicts') <= %d THEN
                        RAISE EXCEPTION 'could not serialize access due to concurrent update' USING ERRCODE = '40001';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(times));
        Sql.execute(database.dataSource(), "CREATE TRIGGER test_conflict BEFORE INSERT ON kaizen4j_ledger_entries"
                + " FOR EACH ROW EXECUTE FUNCTION test_conflict()");
    }

    @Test
    void givenAnIllegalTransition_whenAppended_thenItIsRefusedAndNothingIsWritten() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        ledger.append(pending(request));
        RequestRecord record = ledger.find(request.id()).orElseThrow();

        assertThatThrownBy(() -> ledger.append(LedgerEntry.transition(NOW, record, RequestStatus.PUBLISHED, null)))
                .isInstanceOf(IllegalTransitionException.class);
        ledger.append(LedgerEntry.transition(NOW, record, RequestStatus.SUBMITTED, null)
                .withSubmission(Submission.submitted("supabase", request.id(), "x", null)));
        assertThatThrownBy(() -> ledger.append(LedgerEntry.transition(NOW, ledger.find(request.id()).orElseThrow(),
                RequestStatus.SUBMITTED, null).withSubmission(Submission.submitted("supabase", request.id(), "x", null))))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already submitted");

        assertThat(query("SELECT count(*) FROM kaizen4j_ledger_entries")).isEqualTo("2");
        assertThat(query("SELECT status FROM kaizen4j_ledger_requests")).isEqualTo("SUBMITTED");
    }

    @Test
    void givenAnEntryOfAnUnknownRequestWithoutTheRequest_whenAppended_thenItIsRefusedNamingIt() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        LedgerEntry orphan = new LedgerEntry(NOW, request.id(), request.fingerprint(), RequestStatus.PENDING_SUBMISSION,
                null, null, null, null);

        assertThatThrownBy(() -> ledger.append(orphan)).isInstanceOf(KaizenException.class)
                .hasMessageContaining(request.id()).hasMessageContaining("must carry the request");
        assertThatThrownBy(() -> ledger.appendIfAbsent(orphan)).isInstanceOf(KaizenException.class);
        assertThat(query("SELECT count(*) FROM kaizen4j_ledger_requests")).isEqualTo("0");
    }

    @Test
    void givenManyLedgersClaimingTheSameFingerprintsAtOnce_thenEachIsClaimedExactlyOnce() throws Exception {
        int fingerprints = 10;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> claimers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            PostgresImprovementLedger own = new PostgresImprovementLedger(database.dataSource());
            claimers.add(() -> {
                start.await();
                int won = 0;
                for (int i = 0; i < fingerprints; i++) {
                    if (own.appendIfAbsent(pending(ContractRequests.request("lesson " + i)))) {
                        won++;
                    }
                }
                return won;
            });
        }
        List<Future<Integer>> results = new ArrayList<>();
        claimers.forEach(claimer -> results.add(threads.submit(claimer)));
        start.countDown();
        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get();
        }

        assertThat(total).isEqualTo(fingerprints);
        assertThat(query("SELECT count(*) FROM kaizen4j_ledger_entries")).isEqualTo(String.valueOf(fingerprints));
    }

    @Test
    void givenAFingerprintLeftFree_whenClaimedAgain_thenTheClaimSucceeds() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        assertThat(ledger.appendIfAbsent(LedgerEntry.of(NOW, request, RequestStatus.REJECTED_BY_VALIDATION, "unsafe")))
                .isTrue();

        assertThat(ledger.appendIfAbsent(pending(request))).isTrue();
        assertThat(ledger.appendIfAbsent(pending(request))).isFalse();
        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.PENDING_SUBMISSION);
    }

    @Test
    void givenManyThreadsDecidingOneRequestAtOnce_thenExactlyOneDecisionIsRecorded() throws Exception {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        RequestRecord record = submitted(request);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Verdict verdict = t % 2 == 0 ? Verdict.APPROVED : Verdict.REJECTED;
            results.add(threads.submit(() -> {
                start.await();
                try {
                    ledger.append(LedgerEntry.transition(NOW, record, verdict.status(), null)
                            .withDecision(new ReviewDecision(verdict, "r", "", NOW)));
                    return true;
                } catch (IllegalTransitionException lost) {
                    return false;
                }
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> result : results) {
            won += result.get() ? 1 : 0;
        }

        assertThat(won).isEqualTo(1);
        assertThat(ledger.find(request.id()).orElseThrow().history()).hasSize(3);
    }

    @Test
    void givenPendingRequests_whenTwoRuntimesClaimRetries_thenTheirClaimsAreDisjointUntilTheyExpireOrMoveOn() {
        for (int i = 0; i < 5; i++) {
            ledger.append(pending(ContractRequests.request("lesson " + i)));
        }
        PostgresImprovementLedger otherRuntime = new PostgresImprovementLedger(database.dataSource());
        String team = ContractRequests.request("lesson 0").team();
        Duration hold = Duration.ofMinutes(5);

        List<RequestRecord> first = ledger.claimRetries(team, "runtime-a", NOW, hold);
        List<RequestRecord> second = otherRuntime.claimRetries(team, "runtime-b", NOW, hold);
        List<RequestRecord> otherTeam = otherRuntime.claimRetries("another-team", "runtime-b", NOW, hold);
        ledger.append(LedgerEntry.transition(NOW, first.get(0), RequestStatus.PENDING_SUBMISSION, "channel down"));
        List<RequestRecord> afterAnAttempt = otherRuntime.claimRetries(team, "runtime-b", NOW, hold);
        List<RequestRecord> afterExpiry = otherRuntime.claimRetries(team, "runtime-b", NOW.plus(Duration.ofMinutes(6)), hold);

        assertThat(first).hasSize(5);
        assertThat(second).isEmpty();
        assertThat(otherTeam).isEmpty();
        assertThat(afterAnAttempt).extracting(RequestRecord::requestId).containsExactly(first.get(0).requestId());
        assertThat(afterExpiry).hasSize(5);
    }

    @Test
    void givenRuntimesClaimingAtTheSameMoment_thenEachLeftOverRequestGoesToOneOfThem() throws Exception {
        for (int i = 0; i < 20; i++) {
            ledger.append(pending(ContractRequests.request("lesson " + i)));
        }
        String team = ContractRequests.request("lesson 0").team();
        ExecutorService runtimes = Executors.newFixedThreadPool(4);
        List<Future<List<RequestRecord>>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String holder = "runtime-" + i;
            PostgresImprovementLedger shared = new PostgresImprovementLedger(database.dataSource());
            claims.add(runtimes.submit(() -> shared.claimRetries(team, holder, NOW, Duration.ofMinutes(5))));
        }
        List<String> claimed = new ArrayList<>();
        for (Future<List<RequestRecord>> claim : claims) {
            claim.get().forEach(record -> claimed.add(record.requestId()));
        }
        runtimes.shutdown();

        assertThat(claimed).hasSize(20).doesNotHaveDuplicates();
    }

    private String query(String sql) {
        return Sql.scalar(database.dataSource(), sql);
    }
}
