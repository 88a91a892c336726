package dev.kaizen4j.verify;

import static dev.kaizen4j.verify.ExperimentTasks.verification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictRecorderTest {

    @TempDir
    Path directory;

    private final InMemoryImprovementLedger ledger = new InMemoryImprovementLedger();
    private final List<String> shown = new ArrayList<>();
    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);

    @Test
    void givenAnImplementedRequest_whenVerified_thenTheLedgerArchiveAndBackChannelCarryTheVerdict() {
        ImprovementRequest request = implemented("Use the target keyword.");
        VerificationArchive archive = new VerificationArchive(directory.resolve("verifications"));
        VerdictRecorder recorder = new VerdictRecorder(ledger, archive, channel(false), clock);
        Verification verification = verification(300, 380);

        RequestStatus status = recorder.record(recorder.verifiable(request.id()), verification);

        assertThat(status).isEqualTo(RequestStatus.VERIFIED_EFFECTIVE);
        RequestRecord record = ledger.find(request.id()).orElseThrow();
        assertThat(record.status()).isEqualTo(RequestStatus.VERIFIED_EFFECTIVE);
        assertThat(record.lastNote()).isEqualTo(verification.summary()).startsWith("effective [writer-checklist]");
        assertThat(archive.find(request.id())).contains(verification);
        assertThat(shown).containsExactly("VERIFIED_EFFECTIVE: " + verification.summary());
    }

    @Test
    void givenAnInconclusiveVerdict_whenVerifiedAgainWithMoreTasks_thenTheNewVerdictReplacesIt() {
        ImprovementRequest request = implemented("Use the target keyword.");
        VerificationArchive archive = new VerificationArchive(directory);
        VerdictRecorder recorder = new VerdictRecorder(ledger, archive, null, clock);
        recorder.record(recorder.verifiable(request.id()), verification(30, 31));
        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.VERIFIED_INCONCLUSIVE);

        recorder.record(recorder.verifiable(request.id()), verification(300, 380));

        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.VERIFIED_EFFECTIVE);
        assertThat(archive.find(request.id()).orElseThrow().decision()).isEqualTo(Decision.EFFECTIVE);
    }

    @Test
    void givenABackChannelThatFails_whenVerified_thenTheVerdictIsStillRecorded() {
        ImprovementRequest request = implemented("Use the target keyword.");
        VerdictRecorder recorder = new VerdictRecorder(ledger, new VerificationArchive(directory), channel(true), clock);

        recorder.record(recorder.verifiable(request.id()), verification(300, 300));

        assertThat(ledger.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.VERIFIED_INCONCLUSIVE);
    }

    @Test
    void givenAnUnknownOrUndecidedRequest_thenItCannotBeVerified() {
        ImprovementRequest request = Fixtures.request("Pending lesson.");
        ledger.append(LedgerEntry.of(Fixtures.NOW, request, RequestStatus.PENDING_SUBMISSION, null));
        ledger.append(LedgerEntry.transition(Fixtures.NOW, ledger.find(request.id()).orElseThrow(),
                RequestStatus.SUBMITTED, null).withSubmission(Submission.submitted("recording", request.id(), "ext-1", null)));
        VerdictRecorder recorder = new VerdictRecorder(ledger, new VerificationArchive(directory), null, clock);

        assertThatThrownBy(() -> recorder.verifiable("nope-1")).isInstanceOf(KaizenException.class)
                .hasMessageContaining("no request 'nope-1'");
        assertThatThrownBy(() -> recorder.verifiable(request.id())).isInstanceOf(KaizenException.class)
                .hasMessageContaining("is submitted");
    }

    @Test
    void givenNoArchivedVerification_thenNoneIsFound() {
        assertThat(new VerificationArchive(directory).find("marketing-team-12345678")).isEmpty();
    }

    private ImprovementRequest implemented(String lesson) {
        ImprovementRequest request = Fixtures.request(lesson);
        Fixtures.published(ledger, request, Submission.submitted("recording", request.id(), "ext-1", null));
        return request;
    }


    private BackChannel channel(boolean failing) {
        return new BackChannel() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public Submission submit(ImprovementRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<ReviewDecision> decisionFor(Submission submission) {
                return Optional.empty();
            }

            @Override
            public void statusChanged(Submission submission, RequestStatus status, String note) {
                if (failing) {
                    throw new IllegalStateException("channel down");
                }
                shown.add(status + ": " + note);
            }
        };
    }
}
