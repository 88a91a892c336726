package dev.kaizen4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PluginConfigTest {

    private static final String TOKEN = "xoxb-0123456789-secret";

    /** A plugin's settings, declared as a plugin author would. */
    interface ChatConfig extends PluginConfig {
        ConfigKey TOKEN_KEY = ConfigKey.required("token", ConfigKey.Type.SECRET, "the bot token");
        ConfigKey CHANNEL = ConfigKey.required("channel", ConfigKey.Type.STRING, "where requests are posted");
        ConfigKey URL = ConfigKey.optional("api.url", ConfigKey.Type.URL, "https://chat.example/api", "the API root");
        ConfigKey TIMEOUT = ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "10s", "how long a call may take");
        ConfigKey RETRIES = ConfigKey.optional("retries", ConfigKey.Type.INTEGER, "3", "attempts per call");

        @Override
        default String prefix() {
            return "chat";
        }

        @Override
        default List<ConfigKey> keys() {
            return List.of(TOKEN_KEY, CHANNEL, URL, TIMEOUT, RETRIES);
        }

        default Duration timeout() {
            return duration(TIMEOUT);
        }
    }

    @Test
    void givenTheSameSettingsFromPropertiesEnvironmentOrCode_thenTheyReadAlike() {
        Properties properties = new Properties();
        properties.setProperty("kaizen.chat.token", TOKEN);
        properties.setProperty("kaizen.chat.timeout", "2m");
        KaizenConfig fromProperties = KaizenConfig.fromProperties(properties);
        KaizenConfig fromEnvironment = KaizenConfig.fromEnvironment(Map.of("KAIZEN_CHAT_TOKEN", TOKEN,
                "KAIZEN_CHAT_TIMEOUT", "PT2M"));
        KaizenConfig fromCode = KaizenConfig.of(Map.of("chat.token", TOKEN, "chat.timeout", "120s"));

        for (KaizenConfig source : List.of(fromProperties, fromEnvironment, fromCode)) {
            ChatConfig config = source::get;
            assertThat(config.string(ChatConfig.TOKEN_KEY)).isEqualTo(TOKEN);
            assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(config.integer(ChatConfig.RETRIES)).isEqualTo(3);
            assertThat(config.string(ChatConfig.URL)).isEqualTo("https://chat.example/api");
        }
    }

    @Test
    void givenSeveralInvalidSettings_whenValidated_thenEveryProblemIsReportedAtOnceWithoutTheSecret() {
        ChatConfig config = KaizenConfig.of(Map.of("chat.api.url", "ftp:/nowhere", "chat.timeout", "soon",
                "chat.retries", "three"))::get;

        assertThatThrownBy(config::validate)
                .isInstanceOf(KaizenException.class)
                .hasMessage("invalid chat settings:\n"
                        + "  - kaizen.chat.token (KAIZEN_CHAT_TOKEN) is required: the bot token\n"
                        + "  - kaizen.chat.channel (KAIZEN_CHAT_CHANNEL) is required: where requests are posted\n"
                        + "  - kaizen.chat.api.url (KAIZEN_CHAT_API_URL) must be an http(s) URL with a host,"
                        + " was 'ftp:/nowhere'\n"
                        + "  - kaizen.chat.timeout (KAIZEN_CHAT_TIMEOUT) must be a duration such as 30s, 5m or PT1M,"
                        + " was 'soon'\n"
                        + "  - kaizen.chat.retries (KAIZEN_CHAT_RETRIES) must be a whole number, was 'three'");
    }

    @Test
    void givenASecret_whenDescribedOrInvalid_thenItIsMasked() {
        ConfigKey pin = ConfigKey.required("pin", ConfigKey.Type.SECRET, "a PIN");
        PluginConfig config = new PluginConfig() {
            @Override
            public String prefix() {
                return "chat";
            }

            @Override
            public String get(String key) {
                return Map.of("chat.pin", TOKEN, "chat.channel", "#agents").get(key);
            }

            @Override
            public List<ConfigKey> keys() {
                return List.of(pin, ChatConfig.CHANNEL);
            }
        };

        assertThat(config.describe()).isEqualTo("chat[kaizen.chat.pin=****, kaizen.chat.channel=#agents]");
        assertThatThrownBy(() -> config.integer(pin)).hasMessageNotContaining(TOKEN).hasMessageContaining("kaizen.chat.pin");
    }

    @Test
    void givenAFallback_whenTheFirstSourceLacksAKey_thenTheFallbackAnswers() {
        KaizenConfig config = KaizenConfig.of(Map.of("chat.channel", " ")).orElse(KaizenConfig.fromEnvironment(
                Map.of("KAIZEN_CHAT_CHANNEL", "#agents")));

        assertThat(config.get("chat.channel")).isEqualTo("#agents");
        assertThat(KaizenConfig.variableName("patch-file.directory")).isEqualTo("KAIZEN_PATCH_FILE_DIRECTORY");
    }
}
