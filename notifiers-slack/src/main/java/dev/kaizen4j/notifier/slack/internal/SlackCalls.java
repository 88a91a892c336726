package dev.kaizen4j.notifier.slack.internal;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs Web API calls and turns every way they fail into one {@link SlackFailure} naming the operation
 * and the channel. HTTP 429 is waited out once per call when {@code Retry-After} is within the bound.
 */
public final class SlackCalls {

    /** One Web API call through the SDK's {@code MethodsClient}. */
    @FunctionalInterface
    public interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private static final Set<String> CONTENT_ERRORS = Set.of("msg_too_long", "invalid_blocks", "msg_blocks_too_long",
            "invalid_blocks_format", "no_text", "too_many_attachments", "invalid_metadata_format",
            "invalid_metadata_schema", "metadata_too_large");

    private final Duration maxWait;
    private final Sleeper sleeper;

    public SlackCalls(Duration maxWait, Sleeper sleeper) {
        this.maxWait = maxWait;
        this.sleeper = sleeper;
    }

    /** The answer of {@code call}, which must be {@code ok}. */
    public <T extends SlackApiTextResponse> T call(String operation, String channel, Call<T> call) throws SlackFailure {
        for (int attempt = 1; ; attempt++) {
            T response;
            try {
                response = call.run();
            } catch (SlackApiException http) {
                int status = http.getResponse().code();
                if (status == 429) {
                    Duration wait = retryAfter(http.getResponse().header("Retry-After"));
                    if (attempt == 1 && wait.compareTo(maxWait) <= 0) {
                        pause(wait, operation, channel);
                        continue;
                    }
                    throw new SlackFailure(prefix(operation, channel) + "rate limited (HTTP 429, retry after "
                            + wait.toSeconds() + "s, more than the " + maxWait.toSeconds()
                            + "s this channel waits); left pending, retriable", true);
                }
                throw new SlackFailure(prefix(operation, channel) + "HTTP " + status + " from Slack; retriable",
                        status >= 500 || status == 408);
            } catch (IOException unreachable) {
                throw new SlackFailure(prefix(operation, channel) + "cannot reach Slack ("
                        + unreachable.getClass().getSimpleName() + ": " + unreachable.getMessage() + "); retriable", true);
            }
            if (response.isOk()) {
                return response;
            }
            throw failure(operation, channel, response);
        }
    }

    private void pause(Duration wait, String operation, String channel) throws SlackFailure {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SlackFailure(prefix(operation, channel) + "interrupted while rate limited; retriable", true);
        }
    }

    static Duration retryAfter(@Nullable String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "" : header.strip())));
        } catch (NumberFormatException unreadable) {
            return Duration.ofSeconds(60);
        }
    }

    private static SlackFailure failure(String operation, String channel, SlackApiTextResponse response) {
        String error = response.getError() == null ? "unknown_error" : response.getError();
        String prefix = prefix(operation, channel) + error;
        return switch (error) {
            case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired" ->
                    new SlackFailure(prefix + ": Slack did not accept the bot token; check kaizen.slack.token"
                            + " (KAIZEN_SLACK_TOKEN or SLACK_BOT_TOKEN); retriable once fixed", true);
            case "channel_not_found" -> new SlackFailure(prefix + ": no such channel visible to the app; check"
                    + " kaizen.slack.channel (KAIZEN_SLACK_CHANNEL); retriable once fixed", true);
            case "not_in_channel" -> new SlackFailure(prefix + ": the app is not a member; invite it with"
                    + " /invite in the channel; retriable once fixed", true);
            case "missing_scope" -> new SlackFailure(prefix + ": the token lacks a scope (needed: "
                    + response.getNeeded() + ", provided: " + response.getProvided()
                    + "); add it to the app and reinstall; retriable once fixed", true);
            case "ratelimited" -> new SlackFailure(prefix + ": rate limited; left pending, retriable", true);
            default -> {
                if (CONTENT_ERRORS.contains(error)) {
                    List<String> messages = details(response);
                    yield new SlackFailure(prefix + ": Slack refused the message"
                            + (messages.isEmpty() ? "" : " " + messages) + "; not retriable unchanged", false);
                }
                boolean transientError = Set.of("internal_error", "fatal_error", "service_unavailable",
                        "request_timeout", "team_added_to_org").contains(error);
                yield new SlackFailure(prefix + (transientError ? "; retriable" : "; not retriable"), transientError);
            }
        };
    }

    private static List<String> details(SlackApiTextResponse response) {
        if (response instanceof ChatPostMessageResponse post && post.getResponseMetadata() != null
                && post.getResponseMetadata().getMessages() != null) {
            return post.getResponseMetadata().getMessages();
        }
        if (response instanceof ChatUpdateResponse update && update.getResponseMetadata() != null
                && update.getResponseMetadata().getMessages() != null) {
            return update.getResponseMetadata().getMessages();
        }
        return List.of();
    }

    private static String prefix(String operation, String channel) {
        return "Slack " + operation + " in " + channel + " failed: ";
    }
}
