package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.internal.CrashPoints.Point;
import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.RequestStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runners killed with SIGKILL between two steps of a side effect, then run again: the next run
 * finishes the step once, with no duplicate and nothing lost.
 */
class CrashRecoveryTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(value = Point.class, names = {"CYCLE_CLAIMED", "CYCLE_SUBMITTED"})
    void givenARunKilledBeforeRecordingASubmission_whenRunAgain_thenTheRequestIsSubmittedOnce(Point point)
            throws Exception {
        RunnerProcess.killAt(directory, point, "run", "--state-dir", "state");
        RequestRecord pending = single(RequestStatus.PENDING_SUBMISSION);
        // Killed after the channel accepted it, the request is on the channel but not in the ledger.
        assertThat(requestFiles()).hasSize(point == Point.CYCLE_SUBMITTED ? 1 : 0);

        RunnerProcess.run(directory, "run", "--state-dir", "state");

        assertEverySubmittedOnce();
        assertThat(ledger().find(pending.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void givenARunKilledInTheMiddleOfALedgerLine_whenRunAgain_thenTheTornLineIsSkippedAndNothingIsLost()
            throws Exception {
        RunnerProcess.killAt(directory, Point.LEDGER_TORN_APPEND, "run", "--state-dir", "state");
        assertThat(Files.readString(ledgerFile())).isNotEmpty().doesNotEndWith("\n");
        assertThat(ledger().records()).isEmpty();

        RunnerProcess.run(directory, "run", "--state-dir", "state");

        assertEverySubmittedOnce();
        assertThat(ledger().records()).isNotEmpty();
    }

    @Test
    void givenAnApprovalKilledBeforeItsPublication_whenSynced_thenTheChangeIsPublishedOnce() throws Exception {
        String id = approveAndKillAt(Point.DECISION_RECORDED);
        assertThat(ledger().find(id).orElseThrow().status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(directory.resolve("state/patches/" + id + ".patch")).doesNotExist();

        RunnerProcess.run(directory, "review", "sync", "--state-dir", "state");

        assertPublishedOnce(id);
    }

    @Test
    void givenAPublicationKilledBeforeItWasRecorded_whenSynced_thenItIsRecordedOnce() throws Exception {
        String id = approveAndKillAt(Point.DECISION_PUBLISHED);
        assertThat(ledger().find(id).orElseThrow().status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(directory.resolve("state/patches/" + id + ".patch")).exists();

        RunnerProcess.run(directory, "review", "sync", "--state-dir", "state");

        assertPublishedOnce(id);
    }

    private String approveAndKillAt(Point point) throws Exception {
        RunnerProcess.run(directory, "run", "--state-dir", "state");
        String id = ledger().records().get(0).requestId();
        RunnerProcess.killAt(directory, point, "review", "approve", id, "--reviewer", "alice", "--state-dir", "state");
        return id;
    }

    private void assertPublishedOnce(String id) {
        RequestRecord record = ledger().find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(RequestStatus.PUBLISHED);
        assertThat(record.history()).extracting(LedgerEntry::status).containsExactly(RequestStatus.PENDING_SUBMISSION,
                RequestStatus.SUBMITTED, RequestStatus.APPROVED, RequestStatus.PUBLISHED);
        assertThat(directory.resolve("state/patches/" + id + ".patch")).content().contains("Approved-by: alice");
    }

    private void assertEverySubmittedOnce() throws IOException {
        List<RequestRecord> records = ledger().records();
        assertThat(records).isNotEmpty().allSatisfy(record -> {
            assertThat(record.status()).isEqualTo(RequestStatus.SUBMITTED);
            assertThat(record.history()).extracting(LedgerEntry::status).containsOnlyOnce(RequestStatus.SUBMITTED);
        });
        assertThat(requestFiles()).containsExactlyInAnyOrderElementsOf(
                records.stream().map(record -> record.requestId() + ".json").toList());
    }

    private RequestRecord single(RequestStatus status) {
        List<RequestRecord> records = ledger().records();
        assertThat(records).singleElement().extracting(RequestRecord::status).isEqualTo(status);
        return records.get(0);
    }

    private List<String> requestFiles() throws IOException {
        Path requests = directory.resolve("state/requests");
        if (!Files.isDirectory(requests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(requests)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.endsWith(".decision.json"))
                    .toList();
        }
    }

    private Path ledgerFile() {
        return directory.resolve("state/ledger.jsonl");
    }

    private FileImprovementLedger ledger() {
        return new FileImprovementLedger(ledgerFile());
    }
}
