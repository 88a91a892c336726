package dev.kaizen4j.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The phrase lists attribution keeps (for what only words can say) recognise paraphrases, not one
 * wording: every family is tested with several ways of saying the same thing, and with near misses.
 */
class AttributionPhrasesTest {

    @Test
    void approvalIsRecognisedHoweverItIsPhrased() {
        assertAll(Text::approves, List.of(
                "Verified. 121 is the final answer.",
                "Looks correct to me.",
                "The reasoning checks out; I agree with 57.",
                "I've reviewed the steps and the logic is sound.",
                "Approved.",
                "Looks fine, go ahead.",
                "OK from my side.",
                "Confirmed - proceed.",
                "LGTM",
                "No objections, ship it.",
                "All good on my end.",
                "The result looks right."));
        assertNone(Text::approves, List.of("I found a bug in the filter.", "Let me re-run it first.",
                "This number is wrong; the threshold is inclusive."));
    }

    @Test
    void aRequestToCheckIsToldApartFromAReportOfChecking() {
        assertAll(Text::requestsCheck, List.of(
                "Checker, please verify.",
                "Can you double-check this?",
                "Count: 12. Over to Reviewer for verification.",
                "Could you review the draft?",
                "Requesting approval: refund 30 EUR.",
                "Supervisor - need sign-off on 40 EUR.",
                "Would you confirm the figure?",
                "Kindly validate the totals."));
        assertNone(Text::requestsCheck, List.of(
                "I checked the numbers yesterday.",
                "Thanks for checking. Updating the answer to 27.",
                "Verified by execution: 12.",
                "Please write the summary."));
    }

    @Test
    void givingUpIsRecognisedHoweverItIsPhrased() {
        assertAll(Text::givesUp, List.of(
                "I could not access the source.",
                "Couldn't find the page.",
                "We were unable to determine the value.",
                "No results were found for that query.",
                "No content available at that address.",
                "Nothing was retrieved.",
                "The figure could not be confirmed.",
                "Final answer: not found.",
                "I wasn't able to open the file.",
                "Giving up on this one."));
        assertNone(Text::givesUp, List.of("Found it: 1964.", "The page loaded; the value is 12."));
    }

    @Test
    void acknowledgingAFailureIsRecognisedHoweverItIsPhrased() {
        assertAll(Text::acknowledgesFailure, List.of(
                "The request failed; nothing retrieved.",
                "The tool returned an error.",
                "Execution didn't work.",
                "The service is unavailable right now.",
                "It timed out.",
                "The script crashed with an exception.",
                "I couldn't reach the API."));
        assertNone(Text::acknowledgesFailure, List.of("Your refund has been issued.", "All done!"));
    }

    @Test
    void buildingOnSomeoneElsesInputIsRecognisedButCitingASourceIsNot() {
        assertAll(Text::defers, List.of(
                "Taking that as given, the total is 129.",
                "Following the plan I extracted the values.",
                "Based on your figure, the answer is 12.",
                "As instructed, I used the 2019 table.",
                "Per the plan, step two is done."));
        assertNone(Text::defers, List.of("According to the census page, the population is 4,000.",
                "The page gives 1964 as the founding year."));
    }

    private static void assertAll(Predicate<String> phrase, List<String> texts) {
        for (String text : texts) {
            assertThat(phrase.test(text)).as(text).isTrue();
        }
    }

    private static void assertNone(Predicate<String> phrase, List<String> texts) {
        for (String text : texts) {
            assertThat(phrase.test(text)).as(text).isFalse();
        }
    }
}
