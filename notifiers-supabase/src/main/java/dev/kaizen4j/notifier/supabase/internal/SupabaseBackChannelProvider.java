package dev.kaizen4j.notifier.supabase.internal;

import dev.kaizen4j.notifier.supabase.SupabaseBackChannel;
import dev.kaizen4j.notifier.supabase.SupabaseConfig;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.spi.BackChannelProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import java.util.List;

/** {@code supabase}: requests as rows of {@code team_improvement_requests} ({@link SupabaseBackChannel}). */
public final class SupabaseBackChannelProvider implements BackChannelProvider {

    @Override
    public String name() {
        return SupabaseBackChannel.NAME;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return SupabaseConfig.KEYS;
    }

    @Override
    public BackChannel create(KaizenConfig config) {
        return SupabaseBackChannel.create(SupabaseConfig.of(config));
    }
}
