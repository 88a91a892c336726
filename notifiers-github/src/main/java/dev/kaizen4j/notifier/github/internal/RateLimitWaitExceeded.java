package dev.kaizen4j.notifier.github.internal;

import java.io.IOException;
import java.time.Duration;

/** GitHub asked for a longer pause than the configured maximum wait. */
public final class RateLimitWaitExceeded extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Duration wait;

    public RateLimitWaitExceeded(int status, Duration wait, Duration maxWait) {
        super("GitHub rate limit reached (HTTP " + status + "): it asks to wait " + wait.toSeconds()
                + "s, more than the allowed " + maxWait.toSeconds() + "s");
        this.status = status;
        this.wait = wait;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return wait;
    }
}
