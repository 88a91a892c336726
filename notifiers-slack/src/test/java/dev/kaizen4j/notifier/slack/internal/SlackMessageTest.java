package dev.kaizen4j.notifier.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting text for Slack's limits, and reading reviewers' commands. */
class SlackMessageTest {

    @Test
    void givenALongLineOfEntities_whenCut_thenNoPieceExceedsTheLimitOrSplitsAnEntity() {
        String escaped = SlackMessage.escape("a<b&c>".repeat(2_000));

        List<String> pieces = SlackMessage.chunks(escaped, 1_000);

        assertThat(String.join("", pieces)).isEqualTo(escaped);
        assertThat(pieces).allSatisfy(piece -> {
            assertThat(piece).hasSizeLessThanOrEqualTo(1_000);
            assertThat(piece).doesNotMatch("(?s).*&[a-z]{0,3}$").doesNotMatch("(?s)^[a-z]{0,3};.*");
        });
    }

    @Test
    void givenADiff_whenFenced_thenEveryPieceIsFencedAndWithinTheLimit() {
        String diff = "+line\n".repeat(3_000);

        List<String> pieces = SlackMessage.fenced(diff, SlackMessage.MAX_SECTION);

        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(piece -> {
            assertThat(piece).startsWith("```\n").endsWith("\n```");
            assertThat(piece.length()).isLessThanOrEqualTo(SlackMessage.MAX_SECTION - 30);
        });
        assertThat(String.join("", pieces).replace("```\n", "").replace("\n```", "").replace("+line", "")).isBlank();
    }

    @Test
    void givenReplies_thenOnlyThoseStartingWithACommandDecide() {
        assertThat(ReviewCommands.parseReply("approve")).get().isEqualTo(new ReviewCommands.Command(Verdict.APPROVED, ""));
        assertThat(ReviewCommands.parseReply("Needs work: cite &lt;sources&gt;")).get()
                .isEqualTo(new ReviewCommands.Command(Verdict.NEEDS_WORK, "cite <sources>"));
        assertThat(ReviewCommands.parseReply("rejected - too vague")).get()
                .isEqualTo(new ReviewCommands.Command(Verdict.REJECTED, "too vague"));
        assertThat(ReviewCommands.parseReply("I would not approve this")).isEmpty();
        assertThat(ReviewCommands.parseReply("approvement")).isEmpty();
        assertThat(ReviewCommands.parseReaction("x::skin-tone-2")).contains(Verdict.REJECTED);
        assertThat(ReviewCommands.parseReaction("thumbsup")).isEmpty();
    }
}
