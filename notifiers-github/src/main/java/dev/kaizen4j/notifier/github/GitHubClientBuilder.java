package dev.kaizen4j.notifier.github;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.github.internal.Sleeper;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The connection settings shared by the builders of {@link GitHubBackChannel} and
 * {@link GitHubChangePublisher}: repository, token, API URL and rate-limit waiting.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class GitHubClientBuilder<B extends GitHubClientBuilder<B>> {

    private @Nullable String repository;
    private @Nullable String token;
    private String apiUrl = GitHubSettings.DEFAULT_API_URL;
    private @Nullable GitHubSettings settings;
    Duration maxRateLimitWait = Duration.ofSeconds(60);
    Sleeper sleeper = Sleeper.SYSTEM;
    Clock clock = Clock.systemUTC();

    abstract B self();

    /** Repository, token and API URL at once; replaces the separate settings. */
    public B settings(GitHubSettings settings) {
        this.settings = requireNonNull(settings, "settings");
        return self();
    }

    /**
     * Repository, token, API URL and rate-limit wait from the {@code kaizen.github.*} settings.
     *
     * @throws KaizenException listing every invalid or missing setting
     */
    public B config(GitHubConfig config) {
        requireNonNull(config, "config");
        settings(config.settings());
        return maxRateLimitWait(config.maxRateLimitWait());
    }

    /** The repository as {@code owner/name}. */
    public B repository(String repository) {
        this.repository = requireNonNull(repository, "repository");
        this.settings = null;
        return self();
    }

    /** The token; never logged or shown. */
    public B token(String token) {
        this.token = requireNonNull(token, "token");
        this.settings = null;
        return self();
    }

    /** The REST API root; default {@value GitHubSettings#DEFAULT_API_URL}. */
    public B apiUrl(String apiUrl) {
        this.apiUrl = requireNonNull(apiUrl, "apiUrl");
        this.settings = null;
        return self();
    }

    /**
     * The longest a call waits when GitHub's rate limits ask it to; asked to wait longer, the call
     * fails as rate limited (a retriable failure). Default 60 seconds.
     */
    public B maxRateLimitWait(Duration maxWait) {
        requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw KaizenException.invalidInput("the maximum rate-limit wait is negative: " + maxWait);
        }
        this.maxRateLimitWait = maxWait;
        return self();
    }

    /** The clock for decisions whose time GitHub does not give and for rate-limit waits without a date. */
    public B clock(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        return self();
    }

    B sleeper(Sleeper sleeper) {
        this.sleeper = requireNonNull(sleeper, "sleeper");
        return self();
    }

    /** The settings given, as one value. */
    GitHubSettings connection() {
        if (settings != null) {
            return settings;
        }
        if (repository == null) {
            throw KaizenException.invalidInput("the GitHub repository (owner/name) is not set");
        }
        if (token == null) {
            throw KaizenException.invalidInput("the GitHub token for " + repository + " is not set");
        }
        return new GitHubSettings(repository, token, apiUrl);
    }
}
