package dev.kaizen4j.notifier.supabase.internal;

import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.util.PGInterval;

/** {@code INTERVAL} values as Postgres reads and prints them. */
public final class Intervals {

    private Intervals() {}

    /** Input Postgres reads as an interval, to the microsecond: {@code "83.500000 seconds"}. */
    public static String text(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        return String.format(java.util.Locale.ROOT, "%d.%06d seconds", micros / 1_000_000, micros % 1_000_000);
    }

    /** A duration of {@code seconds}, to the microsecond. */
    public static Duration ofSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000) * 1_000);
    }

    /**
     * Parses an interval as Postgres prints it ({@code 00:01:23.5}, {@code 1 day 02:00:00}); months and
     * years, which have no fixed length, are refused.
     */
    public static Duration parse(String text) {
        PGInterval interval;
        try {
            interval = new PGInterval(text);
        } catch (SQLException e) {
            throw new IllegalArgumentException("'" + text + "' is not an interval", e);
        }
        if (interval.getYears() != 0 || interval.getMonths() != 0) {
            throw new IllegalArgumentException("the interval '" + text + "' counts months or years, which have no fixed length");
        }
        long wholeSeconds = interval.getDays() * 86_400L + interval.getHours() * 3_600L + interval.getMinutes() * 60L
                + interval.getWholeSeconds();
        return Duration.ofSeconds(wholeSeconds).plusNanos(interval.getMicroSeconds() * 1_000L);
    }
}
