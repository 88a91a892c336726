package dev.kaizen4j.notifier.github.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimitWaitsTest {

    private static final Instant NOW = Instant.parse("2025-06-16T12:00:00Z");
    private final RateLimitWaits waits = new RateLimitWaits(Duration.ofMinutes(5), duration -> {},
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void givenRetryAfterSeconds_whenAsked_thenThatIsTheWait() {
        assertThat(waits.waitFor("12", null, null, null)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void givenRetryAfterAsADate_whenAsked_thenTheWaitRunsUntilThenByTheServersClock() {
        assertThat(waits.waitFor("Mon, 16 Jun 2025 12:00:45 GMT", null, null, "Mon, 16 Jun 2025 12:00:00 GMT"))
                .isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void givenASpentPrimaryLimit_whenAsked_thenTheWaitRunsUntilTheReset() {
        assertThat(waits.waitFor(null, "0", String.valueOf(NOW.getEpochSecond() + 90), null))
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void givenAResetInThePast_whenAsked_thenItWaitsAMomentAnyway() {
        assertThat(waits.waitFor(null, "0", String.valueOf(NOW.getEpochSecond() - 90), null))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void givenNoHint_whenAsked_thenItWaitsAMinuteAsGitHubAdvises() {
        assertThat(waits.waitFor(null, null, null, null)).isEqualTo(RateLimitWaits.DEFAULT_WAIT);
        assertThat(waits.waitFor("soon", null, null, null)).isEqualTo(RateLimitWaits.DEFAULT_WAIT);
    }
}
