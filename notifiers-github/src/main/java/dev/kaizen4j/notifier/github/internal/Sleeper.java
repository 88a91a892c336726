package dev.kaizen4j.notifier.github.internal;

import java.time.Duration;

/** Waits; replaced in tests so that rate-limit back-off takes no real time. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
