package dev.kaizen4j.notifier.github.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/approve|APPROVED|",
        "/approve Looks right|APPROVED|Looks right",
        "  /Approved   fine  |APPROVED|fine",
        "/reject Too vague|REJECTED|Too vague",
        "/needs-work Name the keyword source|NEEDS_WORK|Name the keyword source",
        "/needs_work x|NEEDS_WORK|x",
    })
    void givenACommandComment_whenParsed_thenVerdictAndNotesAreRead(String body, Verdict verdict, String notes) {
        assertThat(ReviewCommand.parse(body)).contains(new ReviewCommand(verdict, notes == null ? "" : notes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Looks good to me", "I would /approve this", "/approvex", "/merge now", "/ approve"})
    void givenACommentThatIsNotACommand_whenParsed_thenThereIsNone(String body) {
        assertThat(ReviewCommand.parse(body)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void givenNotesOverSeveralLines_whenParsed_thenAllLinesAreKept() {
        assertThat(ReviewCommand.parse("/reject\nFirst reason.\nSecond reason.\n"))
                .contains(new ReviewCommand(Verdict.REJECTED, "First reason.\nSecond reason."));
    }
}
