package dev.kaizen4j.notifier.slack.internal;

import java.time.Duration;

/** Waits; tests pass one that records the waits instead. */
@FunctionalInterface
public interface Sleeper {

    /** The real wait. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
