package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.notifier.supabase.internal.JdbcMetricsStore;
import dev.kaizen4j.notifier.supabase.internal.PostgrestClient;
import dev.kaizen4j.notifier.supabase.internal.RestMetricsStore;
import dev.kaizen4j.notifier.supabase.internal.RestTransport;
import java.net.URI;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The design's {@code team_effectiveness_metrics} table: one row per team and UTC day, upserted on
 * {@code (team_name, metric_date)} so that every cycle refreshes the figures of the days it analysed
 * and a dashboard can chart them.
 *
 * <p>Failures are thrown as {@link dev.kaizen4j.KaizenException}s with one clear line (never a
 * password or key) whose kind says whether a retry may help.
 *
 * <p>Thread safety: implementations are safe for concurrent use, also by several processes on one
 * database: an upsert of the same team and day by two runtimes leaves one row with one of their figures.
 */
public interface MetricsStore extends AutoCloseable {

    /**
     * Inserts each row, or replaces the figures of the row with its team and day; of rows repeating a
     * team and day, the last one counts. All rows are written in one transaction.
     *
     * @return how many distinct team and day rows were written
     */
    int upsert(Collection<DailyTeamMetrics> rows);

    /** Upserts the figures of each day of {@code report} (its {@link EffectivenessReport#daily() daily} metrics). */
    default int record(EffectivenessReport report) {
        return upsert(DailyTeamMetrics.of(requireNonNull(report, "report")));
    }

    /** The rows of {@code team} from {@code from} to {@code to}, both included, oldest first. */
    List<DailyTeamMetrics> read(String team, LocalDate from, LocalDate to);

    /** Releases what the store holds; never throws. The stores made here hold nothing: their caller owns the data source. */
    @Override
    default void close() {}

    /** A store over JDBC, in the {@code public} schema; the caller owns and closes {@code dataSource}. */
    static MetricsStore jdbc(DataSource dataSource) {
        return jdbc(dataSource, "public");
    }

    /** A store over JDBC in {@code schema}; the caller owns and closes {@code dataSource}. */
    static MetricsStore jdbc(DataSource dataSource, String schema) {
        return new JdbcMetricsStore(dataSource, schema);
    }

    /**
     * A store over Supabase's REST API.
     *
     * @param url the project URL, such as {@code https://xyz.supabase.co}; requests go to {@code <url>/rest/v1/}
     * @param key the project's service-role key
     */
    static MetricsStore rest(URI url, String key) {
        return new RestMetricsStore(PostgrestClient.builder(url, key).build());
    }

    /**
     * A store over Supabase's REST API as {@code config} sets it ({@code url}, {@code key}, {@code schema}).
     *
     * @throws dev.kaizen4j.KaizenException naming the setting when the URL or key is missing or invalid
     */
    static MetricsStore rest(SupabaseConfig config) {
        return new RestMetricsStore(RestTransport.client(config));
    }
}
