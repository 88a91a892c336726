package dev.kaizen4j.notifier.github.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honours GitHub's primary ({@code x-ratelimit-remaining: 0}, {@code x-ratelimit-reset}) and secondary
 * ({@code Retry-After}, HTTP 429) rate limits: waits as long as GitHub asks, within a bound, and
 * then lets github-api retry the request; asked to wait longer, fails with {@link RateLimitWaitExceeded}.
 */
public final class RateLimitWaits {

    private static final Logger log = LoggerFactory.getLogger(RateLimitWaits.class);
    /** GitHub's advice when a secondary limit gives no Retry-After: wait at least a minute. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    private static final Duration MINIMUM_WAIT = Duration.ofSeconds(1);

    private final Duration maxWait;
    private final Sleeper sleeper;
    private final Clock clock;

    public RateLimitWaits(Duration maxWait, Sleeper sleeper, Clock clock) {
        this.maxWait = requireNonNull(maxWait, "maxWait");
        this.sleeper = requireNonNull(sleeper, "sleeper");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The handler for primary rate limits. */
    public GitHubRateLimitHandler primary() {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                waitOrFail(response);
            }
        };
    }

    /** The handler for secondary rate limits. */
    public GitHubAbuseLimitHandler secondary() {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                waitOrFail(response);
            }
        };
    }

    void waitOrFail(GitHubConnectorResponse response) throws IOException {
        Duration wait = waitFor(response.header("Retry-After"), response.header("X-RateLimit-Remaining"),
                response.header("X-RateLimit-Reset"), response.header("Date"));
        if (wait.compareTo(maxWait) > 0) {
            throw new RateLimitWaitExceeded(response.statusCode(), wait, maxWait);
        }
        log.info("GitHub rate limit reached (HTTP {}); waiting {}s before retrying", response.statusCode(),
                wait.toSeconds());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for GitHub's rate limit");
        }
    }

    Duration waitFor(@Nullable String retryAfter, @Nullable String remaining, @Nullable String reset,
            @Nullable String date) {
        Instant now = serverTime(date);
        if (retryAfter != null && !retryAfter.isBlank()) {
            try {
                return atLeastMinimum(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant until = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return atLeastMinimum(Duration.between(now, until));
                } catch (DateTimeParseException notADate) {
                    return DEFAULT_WAIT;
                }
            }
        }
        if ("0".equals(remaining == null ? null : remaining.strip()) && reset != null) {
            try {
                Instant until = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
                return atLeastMinimum(Duration.between(now, until));
            } catch (NumberFormatException unreadable) {
                return DEFAULT_WAIT;
            }
        }
        return DEFAULT_WAIT;
    }

    private Instant serverTime(@Nullable String date) {
        if (date != null) {
            try {
                return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException ignored) {
                // fall back to the local clock
            }
        }
        return clock.instant();
    }

    private static Duration atLeastMinimum(Duration wait) {
        return wait.compareTo(MINIMUM_WAIT) < 0 ? MINIMUM_WAIT : wait;
    }
}
