package dev.kaizen4j.notifier.supabase.internal;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.SupabaseConfig;
import java.net.URI;
import java.net.URISyntaxException;

/** The Supabase REST client a configuration describes ({@code url}, {@code key}, {@code schema}). */
public final class RestTransport {

    private RestTransport() {}

    /**
     * @throws KaizenException naming the setting when the URL or key is missing or invalid
     */
    public static PostgrestClient client(SupabaseConfig config) {
        requireNonNull(config, "config");
        String url = config.value(SupabaseConfig.URL).orElseThrow(() -> KaizenException.invalidInput(
                "kaizen.supabase.url (KAIZEN_SUPABASE_URL or SUPABASE_URL) is not set"));
        String key = config.value(SupabaseConfig.KEY).orElseThrow(() -> KaizenException.invalidInput(
                "kaizen.supabase.key (KAIZEN_SUPABASE_KEY, SUPABASE_SERVICE_KEY or SUPABASE_KEY) is not set"));
        try {
            return PostgrestClient.builder(new URI(url), key).schema(config.schema()).build();
        } catch (URISyntaxException e) {
            throw KaizenException.invalidInput("kaizen.supabase.url (KAIZEN_SUPABASE_URL): '" + url
                    + "' is not a URL: " + e.getReason());
        }
    }
}
