package dev.kaizen4j.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A half-open interval of time {@code [from, to)}.
 *
 * @param from the first instant included
 * @param to the first instant excluded
 */
public record TimeWindow(Instant from, Instant to) {

    private static final TimeWindow ALL = new TimeWindow(Instant.MIN, Instant.MAX);

    public TimeWindow {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " > " + to);
        }
    }

    /** The window holding every instant. */
    public static TimeWindow all() {
        return ALL;
    }

    public static TimeWindow between(Instant from, Instant to) {
        return new TimeWindow(from, to);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }

    public boolean isUnbounded() {
        return from.equals(Instant.MIN) && to.equals(Instant.MAX);
    }
}
