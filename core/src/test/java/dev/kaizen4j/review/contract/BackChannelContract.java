package dev.kaizen4j.review.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionRead;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link BackChannel} implementation's test extends. It pins the
 * contract: idempotent submission (also from a fresh instance after a restart), decisions read back
 * with notes and empty while undecided, failures as values when the backend is down, status updates
 * that never throw nor read as decisions, code changes and oversized requests taken or refused
 * cleanly, and credentials never in what is sent or returned.
 *
 * <p>Implement the abstract methods against a real backend or a local server that answers as the
 * real service does; each test gets a fresh backend.
 */
public abstract class BackChannelContract {

    /** The channel under test, on a fresh backend for each test; the same instance within a test. */
    protected abstract BackChannel channel();

    /** A new instance of the channel on the same backend, as after a restart of the host. */
    protected abstract BackChannel restartedChannel();

    /** A channel of the same kind whose backend cannot be reached (a closed port, an unwritable folder). */
    protected abstract BackChannel channelWithBackendDown();

    /** Makes a human decide on the submitted request through the channel's own mechanism. */
    protected abstract void decide(Submission submission, Verdict verdict, String notes);

    /** How many distinct requests the channel's backend holds now. */
    protected abstract int requestsHeld();

    /** Everything the channel has sent to its backend so far, as text (request bodies, files written). */
    protected abstract String sentToBackend();

    /** The credential the channel authenticates with, if any; it must never appear in what it sends or returns. */
    /**
     * Whether {@link #channelWithBackendDown()} fails to read decisions as well as to take requests (a
     * service that cannot be reached); false for a channel whose reads find nothing there instead (an empty
     * folder). Then {@link BackChannel#readDecisions} must report the request asked about as unread.
     */
    protected boolean readsFailWithTheBackend() {
        return true;
    }

    protected Optional<String> credential() {
        return Optional.empty();
    }

    // ---- submitting

    @Test
    void givenANewRequest_whenSubmitted_thenTheChannelHoldsItUnderAnExternalId() {
        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).as("submitted: %s", submission.error()).isTrue();
        assertThat(submission.externalId()).isNotBlank();
        assertThat(submission.channel()).isEqualTo(channel().name());
        assertThat(requestsHeld()).isEqualTo(1);
    }

    @Test
    void givenASubmittedRequest_whenSubmittedAgain_thenNothingNewIsCreated() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        Submission first = channel().submit(request);

        Submission second = channel().submit(request);

        assertThat(second.isSubmitted()).isTrue();
        assertThat(second.externalId()).isEqualTo(first.externalId());
        assertThat(requestsHeld()).isEqualTo(1);
    }

    @Test
    void givenARestart_whenAFreshChannelSubmitsTheSameRequest_thenNothingNewIsCreatedAndDecisionsAreRead() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        Submission first = channel().submit(request);
        decide(first, Verdict.APPROVED, "Ship it");

        try (BackChannel restarted = restartedChannel()) {
            Submission again = restarted.submit(request);

            assertThat(again.isSubmitted()).as("submitted: %s", again.error()).isTrue();
            assertThat(again.externalId()).isEqualTo(first.externalId());
            assertThat(requestsHeld()).isEqualTo(1);
            assertThat(restarted.decisionFor(first)).get().extracting(ReviewDecision::verdict)
                    .isEqualTo(Verdict.APPROVED);
        }
    }

    @Test
    void givenTwoDifferentRequests_whenSubmitted_thenBothAreHeld() {
        channel().submit(ContractRequests.request("Use the target keyword."));
        channel().submit(ContractRequests.request("Ask the SEO specialist first."));

        assertThat(requestsHeld()).isEqualTo(2);
    }

    @Test
    void givenACodeModification_whenSubmitted_thenItIsHeldWithTheFileAndTheChange() {
        Submission submission = channel().submit(ContractRequests.codeRequest());

        assertThat(submission.isSubmitted()).as("submitted: %s", submission.error()).isTrue();
        assertThat(requestsHeld()).isEqualTo(1);
        assertThat(sentToBackend())
                .contains(ContractRequests.codeModification().file())
                .contains("MAX_SEARCH_RETRIES = 2;");
    }

    @Test
    void givenAnOversizedRequest_whenSubmitted_thenItIsTakenOnceOrRefusedAsAValueAndTheChannelGoesOn() {
        ImprovementRequest huge = ContractRequests.oversized(2_000_000);

        Submission first = channel().submit(huge);
        Submission second = channel().submit(huge);
        Submission next = channel().submit(ContractRequests.request("Use the target keyword."));

        if (first.isSubmitted()) {
            assertThat(second.externalId()).isEqualTo(first.externalId());
        } else {
            assertThat(first.error()).isNotBlank();
        }
        assertThat(next.isSubmitted()).as("submitted after the oversized one: %s", next.error()).isTrue();
        assertThat(requestsHeld()).isEqualTo(first.isSubmitted() ? 2 : 1);
    }

    // ---- decisions

    @Test
    void givenNoDecision_whenAskedForTheDecision_thenItIsEmpty() {
        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThat(channel().decisionFor(submission)).isEmpty();
    }

    @Test
    void givenAnApproval_whenAskedForTheDecision_thenItIsApprovedWithTheNotes() {
        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));
        decide(submission, Verdict.APPROVED, "Looks right");

        Optional<ReviewDecision> decision = channel().decisionFor(submission);

        assertThat(decision).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.APPROVED);
        assertThat(decision.get().notes()).contains("Looks right");
        assertThat(decision.get().reviewer()).isNotBlank();
    }

    @Test
    void givenARejection_whenAskedForTheDecision_thenItIsRejectedWithTheReason() {
        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));
        decide(submission, Verdict.REJECTED, "Too vague");

        Optional<ReviewDecision> decision = channel().decisionFor(submission);

        assertThat(decision).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.REJECTED);
        assertThat(decision.get().notes()).contains("Too vague");
    }

    @Test
    void givenARequestForMoreWork_whenAskedForTheDecision_thenItNeedsWorkWithTheNotes() {
        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));
        decide(submission, Verdict.NEEDS_WORK, "Name the keyword source");

        Optional<ReviewDecision> decision = channel().decisionFor(submission);

        assertThat(decision).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.NEEDS_WORK);
        assertThat(decision.get().notes()).contains("Name the keyword source");
    }

    @Test
    void givenSeveralRequests_whenAskedForTheirDecisionsAtOnce_thenOnlyTheDecidedOnesAreReturned() {
        Submission decided = channel().submit(ContractRequests.request("Use the target keyword."));
        Submission open = channel().submit(ContractRequests.request("Ask the SEO specialist first."));
        decide(decided, Verdict.REJECTED, "Too vague");

        Map<String, ReviewDecision> decisions = channel().decisionsFor(List.of(decided, open));

        assertThat(decisions).containsOnlyKeys(decided.requestId());
        assertThat(decisions.get(decided.requestId()).verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void givenAStatusChange_whenShown_thenNothingIsThrownAndItIsNotReadAsADecision() {
        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));

        assertThatCode(() -> channel().statusChanged(submission, RequestStatus.APPROVED, "approved by policy"))
                .doesNotThrowAnyException();
        assertThatCode(() -> channel().statusChanged(submission, RequestStatus.PUBLISHED, "published: a.patch"))
                .doesNotThrowAnyException();

        assertThat(channel().decisionFor(submission)).isEmpty();
        assertThat(requestsHeld()).isEqualTo(1);
    }

    // ---- failures

    @Test
    void givenTheBackendDown_whenUsed_thenFailuresAreValuesAndNothingIsThrown() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        Submission live = channel().submit(request);

        try (BackChannel down = channelWithBackendDown()) {
            Submission failed = down.submit(request);

            assertThat(failed.isSubmitted()).isFalse();
            assertThat(failed.error()).isNotBlank();
            assertThat(failed.retriable()).as("a backend that is down may come back").isTrue();
            assertThat(failed.requestId()).isEqualTo(request.id());
            assertThat(down.decisionFor(live)).isEmpty();
            assertThat(down.decisionsFor(List.of(live))).isEmpty();
            DecisionRead read = down.readDecisions(List.of(live));
            assertThat(read.decisions()).isEmpty();
            if (readsFailWithTheBackend()) {
                assertThat(read.unread()).as("a decision that cannot be read is reported, not taken for undecided")
                        .containsOnlyKeys(live.requestId());
                assertThat(read.unread().get(live.requestId())).isNotBlank();
                credential().ifPresent(secret -> assertThat(read.unread().get(live.requestId())).doesNotContain(secret));
            }
            assertThatCode(() -> down.statusChanged(live, RequestStatus.REJECTED, "closing"))
                    .doesNotThrowAnyException();
            credential().ifPresent(secret -> assertThat(failed.error()).doesNotContain(secret));
        }
    }

    // ---- secrets and names

    @Test
    void givenACredential_thenItIsNeverInWhatIsSentOrReturned() {
        List<String> returned = new ArrayList<>();
        Submission submission = channel().submit(ContractRequests.request("Use the target keyword."));
        channel().statusChanged(submission, RequestStatus.APPROVED, "approved");
        returned.add(String.valueOf(submission));
        returned.add(channel().name());
        returned.add(String.valueOf(channel()));

        credential().ifPresent(secret -> {
            assertThat(sentToBackend()).doesNotContain(secret);
            assertThat(returned).noneMatch(text -> text.contains(secret));
        });
        assertThat(sentToBackend()).isNotBlank();
    }

    @Test
    void channelHasAStableName() {
        assertThat(channel().name()).isNotBlank().isEqualTo(channel().name());
        try (BackChannel restarted = restartedChannel()) {
            assertThat(restarted.name()).isEqualTo(channel().name());
        }
    }
}
