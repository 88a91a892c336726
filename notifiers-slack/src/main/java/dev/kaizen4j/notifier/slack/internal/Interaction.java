package dev.kaizen4j.notifier.slack.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.kaizen4j.review.Verdict;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A reviewer's click on a decision button ({@code block_actions}) or submission of the notes modal
 * ({@code view_submission}), read from a Socket Mode interactive payload.
 *
 * @param kind a button or a modal submission
 * @param user who clicked or submitted
 * @param verdict the decision asked for
 * @param requestId the request, from the button's value or the modal's {@code private_metadata}
 * @param channel the channel id of the request message
 * @param ts the timestamp of the request message
 * @param triggerId the trigger for {@code views.open}, for a button; empty for a submission
 * @param notes the notes typed in the modal; empty for a button
 * @param key what tells a repeated delivery of the same interaction apart from a new one
 */
public record Interaction(Kind kind, String user, Verdict verdict, String requestId, String channel, String ts,
        String triggerId, String notes, String key) {

    /** How the interaction reached the app. */
    public enum Kind { BUTTON, SUBMISSION }

    /** The {@code callback_id} of the notes modal. */
    public static final String MODAL = "kaizen4j.decision";
    /** The block id of the notes input in the modal. */
    public static final String NOTES_BLOCK = "kaizen4j.notes";
    /** The action id of the notes input in the modal. */
    public static final String NOTES = "notes";

    /** The interaction {@code payload} describes, when it is one of this app's decision buttons or modals. */
    public static Optional<Interaction> parse(@Nullable JsonElement payload) {
        if (payload == null || !payload.isJsonObject()) {
            return Optional.empty();
        }
        JsonObject json = payload.getAsJsonObject();
        String user = string(object(json, "user"), "id");
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return switch (string(json, "type")) {
            case "block_actions" -> button(json, user);
            case "view_submission" -> submission(json, user);
            default -> Optional.empty();
        };
    }

    private static Optional<Interaction> button(JsonObject json, String user) {
        JsonArray actions = json.has("actions") && json.get("actions").isJsonArray()
                ? json.getAsJsonArray("actions") : new JsonArray();
        if (actions.isEmpty() || !actions.get(0).isJsonObject()) {
            return Optional.empty();
        }
        JsonObject action = actions.get(0).getAsJsonObject();
        Optional<Verdict> verdict = switch (string(action, "action_id")) {
            case SlackMessage.APPROVE -> Optional.of(Verdict.APPROVED);
            case SlackMessage.REJECT -> Optional.of(Verdict.REJECTED);
            case SlackMessage.NEEDS_WORK -> Optional.of(Verdict.NEEDS_WORK);
            default -> Optional.empty();
        };
        JsonObject container = object(json, "container");
        String channel = string(container, "channel_id");
        if (channel.isEmpty()) {
            channel = string(object(json, "channel"), "id");
        }
        String ts = string(container, "message_ts");
        if (ts.isEmpty()) {
            ts = string(object(json, "message"), "ts");
        }
        String requestId = string(action, "value");
        if (verdict.isEmpty() || requestId.isEmpty() || channel.isEmpty() || ts.isEmpty()) {
            return Optional.empty();
        }
        String key = "button/" + user + "/" + ts + "/" + string(action, "action_id") + "/"
                + string(action, "action_ts");
        return Optional.of(new Interaction(Kind.BUTTON, user, verdict.get(), requestId, channel, ts,
                string(json, "trigger_id"), "", key));
    }

    private static Optional<Interaction> submission(JsonObject json, String user) {
        JsonObject view = object(json, "view");
        if (!MODAL.equals(string(view, "callback_id"))) {
            return Optional.empty();
        }
        JsonObject metadata;
        try {
            JsonElement parsed = JsonParser.parseString(string(view, "private_metadata"));
            metadata = parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        Optional<Verdict> verdict = Verdict.parse(string(metadata, "verdict"));
        String requestId = string(metadata, "request_id");
        String channel = string(metadata, "channel");
        String ts = string(metadata, "ts");
        if (verdict.isEmpty() || requestId.isEmpty() || channel.isEmpty() || ts.isEmpty()) {
            return Optional.empty();
        }
        String notes = string(object(object(object(object(view, "state"), "values"), NOTES_BLOCK), NOTES), "value");
        String key = "view/" + string(view, "id") + "/" + string(view, "hash");
        return Optional.of(new Interaction(Kind.SUBMISSION, user, verdict.get(), requestId, channel, ts, "",
                notes.strip(), key));
    }

    /**
     * The modal asking for the reason of a rejection or the notes of a needs-work decision; the request
     * and its message travel in {@code private_metadata}.
     */
    public View modal() {
        JsonObject metadata = new JsonObject();
        metadata.addProperty("request_id", requestId);
        metadata.addProperty("verdict", verdict.name());
        metadata.addProperty("channel", channel);
        metadata.addProperty("ts", ts);
        boolean reject = verdict == Verdict.REJECTED;
        String title = reject ? "Reject the change" : "Ask for more work";
        String label = reject ? "Why is it rejected?" : "What should the next proposal change?";
        return View.builder().type("modal").callbackId(MODAL).privateMetadata(metadata.toString())
                .title(ViewTitle.builder().type("plain_text").text(title).build())
                .submit(ViewSubmit.builder().type("plain_text").text(reject ? "Reject" : "Send back").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .blocks(List.of(InputBlock.builder().blockId(NOTES_BLOCK)
                        .label(PlainTextObject.builder().text(label + " (" + requestId + ")").build())
                        .element(PlainTextInputElement.builder().actionId(NOTES).multiline(true).maxLength(2900)
                                .build())
                        .build()))
                .build();
    }

    private static JsonObject object(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }

    private static String string(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }
}
