package dev.kaizen4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class KaizenConfigTest {

    @Test
    void givenOneKey_thenItIsReadAsAVariableAPropertyOrAMapEntry() {
        Properties properties = new Properties();
        properties.setProperty("kaizen.github.api.url", "http://127.0.0.1:8080");

        assertThat(KaizenConfig.fromEnvironment(Map.of("KAIZEN_GITHUB_API_URL", "http://127.0.0.1:8080"))
                .get("github.api.url")).isEqualTo("http://127.0.0.1:8080");
        assertThat(KaizenConfig.fromProperties(properties).get("github.api.url")).isEqualTo("http://127.0.0.1:8080");
        assertThat(KaizenConfig.of(Map.of("github.api.url", "x")).get("github.api.url")).isEqualTo("x");
    }

    @Test
    void givenAFallback_whenAKeyIsBlankOrMissing_thenTheFallbackAnswersButTheEnvironmentStaysTheFirstOnes() {
        Map<String, String> hostEnvironment = Map.of("SLACK_BOT_TOKEN", "from-the-host");
        KaizenConfig host = new KaizenConfig() {
            @Override
            public @Nullable String get(String key) {
                return key.equals("slack.channel") ? " " : null;
            }

            @Override
            public Map<String, String> environment() {
                return hostEnvironment;
            }
        };

        KaizenConfig combined = host.orElse(KaizenConfig.of(Map.of("slack.channel", "#ops")));

        assertThat(combined.get("slack.channel")).isEqualTo("#ops");
        assertThat(combined.get("slack.token")).isNull();
        assertThat(combined.environment()).isSameAs(hostEnvironment);
        assertThat(KaizenConfig.empty().environment()).isEqualTo(System.getenv());
    }

    @Test
    void givenAServicesOwnVariables_whenAKeyIsUnset_thenTheFirstSetVariableStandsInForIt() {
        Map<String, List<String>> names = Map.of("supabase.key", List.of("SUPABASE_SERVICE_KEY", "SUPABASE_KEY"));
        KaizenConfig variables = KaizenConfig.fromVariables(names, Map.of("SUPABASE_SERVICE_KEY", " ",
                "SUPABASE_KEY", "service-key"));

        assertThat(variables.get("supabase.key")).isEqualTo("service-key");
        assertThat(variables.get("supabase.url")).isNull();
        assertThat(KaizenConfig.of(Map.of("supabase.key", "set")).orElse(variables).get("supabase.key"))
                .isEqualTo("set");
    }
}
