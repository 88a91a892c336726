package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.spi.KaizenConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupabaseConfigTest {

    @Test
    void givenOnlySupabasesOwnVariables_thenTheyAreReadAsFallbacksAndSecretsAreMasked() {
        SupabaseConfig config = SupabaseConfig.of(KaizenConfig.empty(), Map.of(
                "SUPABASE_DB_URL", "postgresql://postgres:db-secret@db.example.test:5432/postgres",
                "SUPABASE_URL", "https://abc.supabase.co",
                "SUPABASE_KEY", "anon-or-other", "SUPABASE_SERVICE_KEY", "service-secret"));

        assertThat(config.dbUrl()).contains("postgresql://postgres:db-secret@db.example.test:5432/postgres");
        assertThat(config.value(SupabaseConfig.KEY)).contains("service-secret");
        assertThat(config.value(SupabaseConfig.URL)).contains("https://abc.supabase.co");
        assertThat(config.problems()).isEmpty();
        assertThat(config.describe()).doesNotContain("db-secret").doesNotContain("service-secret")
                .contains("kaizen.supabase.db.url=****");
        assertThat(config.schema()).isEqualTo("public");
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void givenAKaizenSetting_thenItWinsOverSupabasesVariable() {
        SupabaseConfig config = SupabaseConfig.of(KaizenConfig.of(Map.of("supabase.db.url", "postgresql://a@one/db")),
                Map.of("SUPABASE_DB_URL", "postgresql://b@two/db"));

        assertThat(config.dbUrl()).contains("postgresql://a@one/db");
    }

    @Test
    void givenNoTransport_thenTheProblemNamesBothWays() {
        SupabaseConfig config = SupabaseConfig.of(KaizenConfig.empty(), Map.of());

        assertThatThrownBy(config::validate).isInstanceOf(KaizenException.class)
                .hasMessageContaining("KAIZEN_SUPABASE_DB_URL").hasMessageContaining("KAIZEN_SUPABASE_KEY");
        assertThatThrownBy(() -> SupabaseBackChannel.create(config)).isInstanceOf(KaizenException.class);
    }

    @Test
    void givenAnUnreadableDatabaseUrl_thenTheProblemSaysWhyWithoutThePassword() {
        SupabaseConfig config = SupabaseConfig.of(KaizenConfig.of(Map.of("supabase.db.url",
                "mysql://root:hunter2@db/x")), Map.of());

        assertThat(config.problems()).singleElement().asString()
                .contains("KAIZEN_SUPABASE_DB_URL").contains("postgresql://").doesNotContain("hunter2");
    }
}
