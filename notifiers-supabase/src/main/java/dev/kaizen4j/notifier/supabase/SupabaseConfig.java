package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.internal.Database;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.ConfigKey.Type;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.PluginConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Supabase settings, below the prefix {@code supabase}: the property {@code kaizen.supabase.db.url}
 * or the variable {@code KAIZEN_SUPABASE_DB_URL}, and so on. Supabase's own variable names are read as
 * fallbacks: {@code SUPABASE_DB_URL}, {@code SUPABASE_URL}, {@code SUPABASE_SERVICE_KEY} then
 * {@code SUPABASE_KEY}. The database URL (it holds the password) and the key are never shown.
 */
public interface SupabaseConfig extends PluginConfig {

    ConfigKey DB_URL = ConfigKey.optional("db.url", Type.SECRET, null,
            "JDBC transport: the connection string, postgresql://user:password@host:port/db?sslmode=require"
                    + " or jdbc:postgresql://...; fallback SUPABASE_DB_URL");
    ConfigKey URL = ConfigKey.optional("url", Type.URL, null,
            "REST transport: the project URL, https://PROJECT.supabase.co; fallback SUPABASE_URL");
    ConfigKey KEY = ConfigKey.optional("key", Type.SECRET, null,
            "REST transport: the service-role key; fallbacks SUPABASE_SERVICE_KEY, SUPABASE_KEY");
    ConfigKey SCHEMA = ConfigKey.optional("schema", Type.STRING, "public",
            "the schema holding the tables");
    ConfigKey POOL_SIZE = ConfigKey.optional("pool.size", Type.INTEGER, "4",
            "JDBC transport: the most connections one process opens");
    ConfigKey CONNECT_TIMEOUT = ConfigKey.optional("connect.timeout", Type.DURATION, "10s",
            "JDBC transport: how long to wait for a connection before failing");
    ConfigKey LEASE_DURATION = ConfigKey.optional("lease.duration", Type.DURATION, "10m",
            "how long a runtime holds a team's cycle without renewing; a runtime that dies frees it after this");

    /** Every setting, in the order the README lists them. */
    List<ConfigKey> KEYS = List.of(DB_URL, URL, KEY, SCHEMA, POOL_SIZE, CONNECT_TIMEOUT, LEASE_DURATION);

    /** Supabase's own variable names read when the {@code KAIZEN_SUPABASE_*} setting is absent, per key. */
    Map<String, List<String>> FALLBACK_VARIABLES = Map.of(
            "supabase.db.url", List.of("SUPABASE_DB_URL"),
            "supabase.url", List.of("SUPABASE_URL"),
            "supabase.key", List.of("SUPABASE_SERVICE_KEY", "SUPABASE_KEY"));

    /** The Supabase settings of {@code source}, with the fallback variables read from its environment. */
    static SupabaseConfig of(KaizenConfig source) {
        return of(source, source.environment());
    }

    /** The Supabase settings of {@code source}, with the fallback variables read from {@code environment}. */
    static SupabaseConfig of(KaizenConfig source, Map<String, String> environment) {
        requireNonNull(source, "source");
        return source.orElse(KaizenConfig.fromVariables(FALLBACK_VARIABLES, environment))::get;
    }

    @Override
    default String prefix() {
        return "supabase";
    }

    @Override
    default List<ConfigKey> keys() {
        return KEYS;
    }

    /** The generic checks, that a transport is configured, and that the database URL reads. */
    @Override
    default List<String> problems() {
        List<String> problems = new ArrayList<>(PluginConfig.super.problems());
        if (dbUrl().isEmpty() && (value(URL).isEmpty() || value(KEY).isEmpty())) {
            problems.add("set kaizen.supabase.db.url (KAIZEN_SUPABASE_DB_URL or SUPABASE_DB_URL) for the JDBC"
                    + " transport, or kaizen.supabase.url and kaizen.supabase.key (KAIZEN_SUPABASE_URL and"
                    + " KAIZEN_SUPABASE_KEY, or SUPABASE_URL and SUPABASE_SERVICE_KEY) for the REST transport");
        }
        dbUrl().ifPresent(url -> {
            try {
                Database.parse(url);
            } catch (KaizenException invalid) {
                problems.add("kaizen.supabase.db.url (KAIZEN_SUPABASE_DB_URL): " + invalid.getMessage());
            }
        });
        return problems;
    }

    /** The database connection string, when the JDBC transport is configured. */
    default Optional<String> dbUrl() {
        return value(DB_URL);
    }

    default String schema() {
        return string(SCHEMA);
    }

    default int poolSize() {
        return integer(POOL_SIZE);
    }

    default Duration connectTimeout() {
        return duration(CONNECT_TIMEOUT);
    }

    default Duration leaseDuration() {
        return duration(LEASE_DURATION);
    }
}
