package dev.kaizen4j.proposal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewerNotesTest {

    private static final List<String> LESSONS = List.of(
            "When the web_search tool fails, retry once with a narrower request.",
            "Do not send the same message twice in a task.",
            "Meet this team requirement in every applicable task: content mentions the target keyword.");

    @Test
    void givenADropNamingWords_thenTheLessonSharingMostOfThemGoes() {
        List<String> lessons = new ArrayList<>(LESSONS);

        ReviewerNotes.Outcome outcome = ReviewerNotes.parse("Please remove the retry advice").applyTo(lessons);

        assertThat(outcome.dropped()).containsExactly(LESSONS.get(0));
        assertThat(lessons).containsExactly(LESSONS.get(1), LESSONS.get(2));
    }

    @Test
    void givenADropByPosition_thenThatLessonGoes() {
        List<String> lessons = new ArrayList<>(LESSONS);

        ReviewerNotes.parse("Drop lesson 2.").applyTo(lessons);
        assertThat(lessons).containsExactly(LESSONS.get(0), LESSONS.get(2));

        ReviewerNotes.parse("skip the last item").applyTo(lessons);
        assertThat(lessons).containsExactly(LESSONS.get(0));
    }

    @Test
    void givenAddsAndImperatives_thenTheyBecomeLessonsAndTheRestIsReportedNotGuessed() {
        List<String> lessons = new ArrayList<>(LESSONS);

        ReviewerNotes.Outcome outcome = ReviewerNotes.parse(
                "add: \"name the keyword tool you used\"\nAlways cite the search volume. I am not convinced.")
                .applyTo(lessons);

        assertThat(outcome.added()).containsExactly("Name the keyword tool you used.", "Always cite the search volume.");
        assertThat(outcome.unresolved()).containsExactly("I am not convinced.");
        assertThat(lessons).hasSize(5);
        assertThat(outcome.describe()).isEqualTo("Added \"Name the keyword tool you used\", \"Always cite the search volume\";"
                + " did not act on \"I am not convinced\".");
    }

    @Test
    void givenADropMatchingNoLesson_thenNothingIsDroppedAndTheClauseIsUnresolved() {
        List<String> lessons = new ArrayList<>(LESSONS);

        ReviewerNotes.Outcome outcome = ReviewerNotes.parse("drop the part about pricing").applyTo(lessons);

        assertThat(outcome.changedAnything()).isFalse();
        assertThat(outcome.unresolved()).containsExactly("drop the part about pricing");
        assertThat(lessons).isEqualTo(LESSONS);
    }

    @Test
    void givenANumber_thenItIsTheParameterAsked() {
        assertThat(ReviewerNotes.parse("use 3 retries, not 2").number()).hasValue(3);
        assertThat(ReviewerNotes.parse("fewer retries").number()).isEmpty();
    }
}
