package dev.kaizen4j.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.testing.Fixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link BackChannel} implementation's test extends. It pins the
 * contract: idempotent submission, decisions read back with notes, empty while undecided.
 */
public abstract class BackChannelContract {

    /** The channel under test, freshly set up for each test. */
    protected abstract BackChannel channel();

    /** Makes a human decide on the submitted request through the channel's own mechanism. */
    protected abstract void decide(Submission submission, Verdict verdict, String notes);

    /** How many distinct requests the channel's backing service holds now. */
    protected abstract int requestsHeld();

    @Test
    void givenANewRequest_whenSubmitted_thenTheChannelHoldsItUnderAnExternalId() {
        Submission submission = channel().submit(Fixtures.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).as("submitted: %s", submission.error()).isTrue();
        assertThat(submission.externalId()).isNotBlank();
        assertThat(submission.channel()).isEqualTo(channel().name());
        assertThat(requestsHeld()).isEqualTo(1);
    }

    @Test
    void givenASubmittedRequest_whenSubmittedAgain_thenNothingNewIsCreated() {
        ImprovementRequest request = Fixtures.request("Use the target keyword.");
        Submission first = channel().submit(request);

        Submission second = channel().submit(request);

        assertThat(second.isSubmitted()).isTrue();
        assertThat(second.externalId()).isEqualTo(first.externalId());
        assertThat(requestsHeld()).isEqualTo(1);
    }

    @Test
    void givenTwoDifferentRequests_whenSubmitted_thenBothAreHeld() {
        channel().submit(Fixtures.request("Use the target keyword."));
        channel().submit(Fixtures.request("Ask the SEO specialist first."));

        assertThat(requestsHeld()).isEqualTo(2);
    }

    @Test
    void givenNoDecision_whenAskedForTheDecision_thenItIsEmpty() {
        Submission submission = channel().submit(Fixtures.request("Use the target keyword."));

        assertThat(channel().decisionFor(submission)).isEmpty();
    }

    @Test
    void givenAnApproval_whenAskedForTheDecision_thenItIsApprovedWithTheNotes() {
        Submission submission = channel().submit(Fixtures.request("Use the target keyword."));
        decide(submission, Verdict.APPROVED, "Looks right");

        Optional<ReviewDecision> decision = channel().decisionFor(submission);

        assertThat(decision).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.APPROVED);
        assertThat(decision.get().notes()).contains("Looks right");
        assertThat(decision.get().reviewer()).isNotBlank();
    }

    @Test
    void givenARejection_whenAskedForTheDecision_thenItIsRejectedWithTheReason() {
        Submission submission = channel().submit(Fixtures.request("Use the target keyword."));
        decide(submission, Verdict.REJECTED, "Too vague");

        Optional<ReviewDecision> decision = channel().decisionFor(submission);

        assertThat(decision).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.REJECTED);
        assertThat(decision.get().notes()).contains("Too vague");
    }

    @Test
    void givenARequestForMoreWork_whenAskedForTheDecision_thenItNeedsWorkWithTheNotes() {
        Submission submission = channel().submit(Fixtures.request("Use the target keyword."));
        decide(submission, Verdict.NEEDS_WORK, "Name the keyword source");

        Optional<ReviewDecision> decision = channel().decisionFor(submission);

        assertThat(decision).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.NEEDS_WORK);
        assertThat(decision.get().notes()).contains("Name the keyword source");
    }

    @Test
    void channelHasAStableName() {
        assertThat(channel().name()).isNotBlank().isEqualTo(channel().name());
    }
}
