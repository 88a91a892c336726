package dev.kaizen4j.notifier.slack;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.ConfigKey.Type;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.PluginConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Slack notifier's settings, below the prefix {@code slack}: the property {@code kaizen.slack.token}
 * or the variable {@code KAIZEN_SLACK_TOKEN}, and so on. Read them with
 * {@code SlackBackChannelConfig.of(KaizenConfig.fromEnvironment(System.getenv()), System.getenv())}: the
 * second argument supplies Slack's usual variables {@code SLACK_BOT_TOKEN} and {@code SLACK_APP_TOKEN} as
 * fallbacks. Tokens are never shown.
 */
public interface SlackBackChannelConfig extends PluginConfig {

    ConfigKey TOKEN = ConfigKey.required("token", Type.SECRET,
            "the bot token (xoxb-), with chat:write, reactions:read and channels:history or groups:history;"
                    + " falls back to SLACK_BOT_TOKEN");
    ConfigKey CHANNEL = ConfigKey.optional("channel", Type.STRING, "#team-improvements",
            "the channel requests are posted to: an id such as C0123456789 or #name");
    ConfigKey REVIEWERS = ConfigKey.optional("reviewers", Type.STRING, null,
            "comma-separated Slack user ids whose buttons, reactions and replies decide; none: nobody decides");
    ConfigKey APP_TOKEN = ConfigKey.optional("app.token", Type.SECRET, null,
            "the app-level token (xapp-) with connections:write: messages get buttons and decisions arrive"
                    + " through Socket Mode; none: reactions and replies only; falls back to SLACK_APP_TOKEN");
    ConfigKey API_URL = ConfigKey.optional("api.url", Type.URL, "https://slack.com/api/",
            "the Web API methods prefix");
    ConfigKey REPLIES_INTERVAL = ConfigKey.optional("replies.interval", Type.DURATION, "1m",
            "the least time between two reads of thread replies (conversations.replies)");
    ConfigKey MAX_RATE_LIMIT_WAIT = ConfigKey.optional("max.rate.limit.wait", Type.DURATION, "30s",
            "the longest a call waits on HTTP 429 Retry-After; longer waits leave the request pending");

    /** Every setting, in the order the README lists them. */
    List<ConfigKey> KEYS = List.of(TOKEN, CHANNEL, REVIEWERS, APP_TOKEN, API_URL, REPLIES_INTERVAL,
            MAX_RATE_LIMIT_WAIT);

    /** The Slack settings of {@code source}, without fallbacks to Slack's usual variables. */
    static SlackBackChannelConfig of(KaizenConfig source) {
        requireNonNull(source, "source");
        return source::get;
    }

    /**
     * The Slack settings of {@code source}; {@code SLACK_BOT_TOKEN} and {@code SLACK_APP_TOKEN} in
     * {@code environment} stand in for tokens {@code source} does not set.
     */
    static SlackBackChannelConfig of(KaizenConfig source, Map<String, String> environment) {
        requireNonNull(source, "source");
        return source.orElse(KaizenConfig.fromVariables(Map.of(
                "slack.token", List.of("SLACK_BOT_TOKEN"),
                "slack.app.token", List.of("SLACK_APP_TOKEN")), environment))::get;
    }

    @Override
    default String prefix() {
        return "slack";
    }

    @Override
    default List<ConfigKey> keys() {
        return KEYS;
    }

    /** The generic checks, that the channel is an id or {@code #name}, and that reviewers are user ids. */
    @Override
    default List<String> problems() {
        List<String> problems = new ArrayList<>(PluginConfig.super.problems());
        value(CHANNEL).filter(channel -> !Pattern.matches("#[a-z0-9_.-]{1,80}|[CGD][A-Z0-9]{6,}", channel))
                .ifPresent(channel -> problems.add("kaizen.slack.channel (KAIZEN_SLACK_CHANNEL) must be a channel id"
                        + " such as C0123456789 or #name in lower case, was '" + channel + "'"));
        value(REVIEWERS).ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(id -> !Pattern.matches("[UW][A-Z0-9]{2,}", id))
                .forEach(id -> problems.add("kaizen.slack.reviewers (KAIZEN_SLACK_REVIEWERS) must list Slack user ids"
                        + " such as U0123ABCD, had '" + id + "'")));
        return problems;
    }

    default String token() {
        return string(TOKEN);
    }

    default String channel() {
        return string(CHANNEL);
    }

    /** The reviewers' user ids; empty when none are configured. */
    default Set<String> reviewers() {
        return value(REVIEWERS).map(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(id -> !id.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** The app-level token for Socket Mode, when one is configured. */
    default Optional<String> appToken() {
        return value(APP_TOKEN).filter(token -> !token.isBlank());
    }

    default String apiUrl() {
        String url = string(API_URL);
        return url.endsWith("/") ? url : url + "/";
    }

    default Duration repliesInterval() {
        return duration(REPLIES_INTERVAL);
    }

    default Duration maxRateLimitWait() {
        return duration(MAX_RATE_LIMIT_WAIT);
    }
}
