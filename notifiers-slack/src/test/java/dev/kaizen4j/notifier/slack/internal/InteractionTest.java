package dev.kaizen4j.notifier.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import dev.kaizen4j.review.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InteractionTest {

    private static final String CLICK = """
            {"type":"block_actions","user":{"id":"U0ALICE01"},"trigger_id":"T1",
             "container":{"type":"message","message_ts":"1750064400.000001","channel_id":"C0KAIZEN01"},
             "actions":[{"action_id":"kaizen4j.needs_work","value":"marketing-team-d22fb712","action_ts":"1.2"}]}""";

    @Test
    void givenANeedsWorkClick_whenParsed_thenItNamesTheRequestMessageAndTrigger() {
        Interaction click = Interaction.parse(JsonParser.parseString(CLICK)).orElseThrow();

        assertThat(click.kind()).isEqualTo(Interaction.Kind.BUTTON);
        assertThat(click.verdict()).isEqualTo(Verdict.NEEDS_WORK);
        assertThat(click.requestId()).isEqualTo("marketing-team-d22fb712");
        assertThat(click.channel()).isEqualTo("C0KAIZEN01");
        assertThat(click.ts()).isEqualTo("1750064400.000001");
        assertThat(click.triggerId()).isEqualTo("T1");
    }

    @Test
    void givenTheModalOfAClick_whenItsSubmissionIsParsed_thenTheSameRequestComesBackWithTheNotes() {
        Interaction click = Interaction.parse(JsonParser.parseString(CLICK)).orElseThrow();
        JsonObject view = GsonFactory.createSnakeCase().toJsonTree(click.modal()).getAsJsonObject();
        view.addProperty("id", "V1");
        view.add("state", JsonParser.parseString(
                "{\"values\":{\"kaizen4j.notes\":{\"notes\":{\"value\":\" Cite ids. \"}}}}"));
        JsonObject submission = new JsonObject();
        submission.addProperty("type", "view_submission");
        submission.add("user", JsonParser.parseString("{\"id\":\"U0ALICE01\"}"));
        submission.add("view", view);

        Interaction submitted = Interaction.parse(submission).orElseThrow();

        assertThat(submitted.kind()).isEqualTo(Interaction.Kind.SUBMISSION);
        assertThat(submitted.verdict()).isEqualTo(Verdict.NEEDS_WORK);
        assertThat(submitted.requestId()).isEqualTo(click.requestId());
        assertThat(submitted.channel()).isEqualTo(click.channel());
        assertThat(submitted.ts()).isEqualTo(click.ts());
        assertThat(submitted.notes()).isEqualTo("Cite ids.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "null",
        "[]",
        "{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"kaizen4j.approve\",\"value\":\"r\"}]}",
        "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[]}",
        "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"container\":{\"message_ts\":\"1.1\",\"channel_id\":\"C1\"},"
                + "\"actions\":[{\"action_id\":\"other.app\",\"value\":\"r\"}]}",
        "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"container\":{\"message_ts\":\"1.1\",\"channel_id\":\"C1\"},"
                + "\"actions\":[{\"action_id\":\"kaizen4j.approve\",\"value\":\"\"}]}",
        "{\"type\":\"view_submission\",\"user\":{\"id\":\"U1\"},\"view\":{\"callback_id\":\"other\"}}",
        "{\"type\":\"view_submission\",\"user\":{\"id\":\"U1\"},\"view\":{\"callback_id\":\"kaizen4j.decision\","
                + "\"private_metadata\":\"not json {\"}}",
        "{\"type\":\"view_submission\",\"user\":{\"id\":\"U1\"},\"view\":{\"callback_id\":\"kaizen4j.decision\","
                + "\"private_metadata\":\"{\\\"request_id\\\":\\\"r\\\",\\\"verdict\\\":\\\"maybe\\\"}\"}}",
        "{\"type\":\"shortcut\",\"user\":{\"id\":\"U1\"}}"
    })
    void givenAPayloadThatIsNoDecisionOfThisApp_whenParsed_thenItIsIgnored(String payload) {
        assertThat(Interaction.parse(JsonParser.parseString(payload))).isEmpty();
    }
}
