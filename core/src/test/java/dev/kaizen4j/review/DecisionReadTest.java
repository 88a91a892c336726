package dev.kaizen4j.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionReadTest {

    @Test
    void givenManySubmissions_whenEachIsRead_thenDecisionsAndUnreadKeepTheirOrderWithTheReasonsGiven() {
        // given: every third cannot be read, every other is decided
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            submissions.add(Submission.submitted("chat", "request-" + i, "m-" + i, null));
        }

        // when
        DecisionRead read = DecisionRead.each(submissions, submission -> {
            int i = Integer.parseInt(submission.requestId().substring("request-".length()));
            if (i % 3 == 0) {
                throw new IOException("HTTP 503 from chat for " + submission.requestId());
            }
            return i % 2 == 0 ? Optional.of(new ReviewDecision(Verdict.APPROVED, "alice", "", Fixtures.NOW))
                    : Optional.empty();
        });

        // then
        assertThat(read.decisions().keySet()).containsExactly("request-2", "request-4", "request-8", "request-10",
                "request-14", "request-16", "request-20", "request-22", "request-26", "request-28");
        assertThat(read.unread().keySet()).containsExactly("request-0", "request-3", "request-6", "request-9",
                "request-12", "request-15", "request-18", "request-21", "request-24", "request-27");
        assertThat(read.unread().get("request-9")).isEqualTo("HTTP 503 from chat for request-9");
        assertThat(read.complete()).isFalse();
    }

    @Test
    void givenAReadThatFailedOnAll_thenEveryRequestIsUnreadForTheSameReason() {
        List<Submission> submissions = List.of(Submission.submitted("chat", "a", "1", null),
                Submission.submitted("chat", "b", "2", null));

        DecisionRead read = DecisionRead.failed(submissions, "connection refused");

        assertThat(read.decisions()).isEmpty();
        assertThat(read.unread()).containsExactly(Map.entry("a", "connection refused"), Map.entry("b", "connection refused"));
    }

    @Test
    void givenAnUnreadRequestWithoutAReason_whenMade_thenItIsRefusedNamingTheRequest() {
        Map<String, String> unread = new HashMap<>();
        unread.put("request-1", null);

        assertThatThrownBy(() -> new DecisionRead(Map.of(), unread))
                .isInstanceOf(NullPointerException.class).hasMessage("unread of request-1");
    }
}
