package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.notifier.supabase.MetricsStore;
import dev.kaizen4j.notifier.supabase.SupabaseConfig;
import dev.kaizen4j.notifier.supabase.SupabaseDatabase;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The team's daily figures in Supabase's {@code team_effectiveness_metrics}, written by {@code run} when a
 * Supabase transport is configured: the database ({@code KAIZEN_SUPABASE_DB_URL}) when set, else the
 * REST API ({@code KAIZEN_SUPABASE_URL} and {@code KAIZEN_SUPABASE_KEY}).
 */
final class SupabaseMetrics {

    private SupabaseMetrics() {}

    /**
     * Upserts the figures of each day of {@code report} and prints one line saying where, or why not.
     *
     * @return false when the figures could not be written
     */
    static boolean record(RunnerContext context, EffectivenessReport report, PrintWriter out) {
        Optional<SupabaseDatabase> database = context.database();
        SupabaseConfig config = SharedDatabase.config(context.settings());
        String where;
        MetricsStore store;
        if (database.isPresent()) {
            store = MetricsStore.jdbc(database.get().dataSource(), database.get().schema());
            where = "database " + database.get();
        } else if (config.value(SupabaseConfig.URL).isPresent() && config.value(SupabaseConfig.KEY).isPresent()) {
            store = MetricsStore.rest(config);
            where = config.value(SupabaseConfig.URL).get();
        } else {
            return true;
        }
        try (store) {
            int days = store.record(report);
            out.println("Metrics: " + days + " day(s) of team " + report.team()
                    + " upserted into team_effectiveness_metrics (" + where + ")");
            return true;
        } catch (KaizenException failure) {
            out.println("Metrics: not stored in team_effectiveness_metrics (" + where + "): " + failure.getMessage());
            return false;
        }
    }
}
