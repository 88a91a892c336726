package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.spi.BackChannelProvider;
import dev.kaizen4j.spi.ChangePublisherProvider;
import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.Plugins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's table of plugin settings is the one the providers on the class path declare. */
class PluginSettingsTableTest {

    @Test
    void givenTheBundledProviders_thenTheReadmeListsExactlyTheirSettings() throws IOException {
        assertThat(readme()).as("the README's plugin settings table should read:%n%s", table(false))
                .contains(table(false));
    }

    @Test
    void givenTheExamplePlugin_thenTheGuideListsExactlyItsSettings() throws IOException {
        assertThat(readme()).as("the plugin guide's settings table should read:%n%s", table(true))
                .contains(table(true));
    }

    /** The table of the bundled providers, or of the guide's example plugin (the test sources' webhook). */
    private static String table(boolean example) {
        Map<String, String> rows = new LinkedHashMap<>();
        ClassLoader loader = Plugins.contextLoader();
        for (BackChannelProvider provider : Plugins.backChannelProviders(loader)) {
            if (isExample(provider) == example) {
                addRows(rows, provider.name(), provider.configKeys());
            }
        }
        for (ChangePublisherProvider provider : Plugins.publisherProviders(loader)) {
            if (isExample(provider) == example) {
                addRows(rows, provider.name(), provider.configKeys());
            }
        }
        return "| plugin | property | variable | default | meaning |\n|---|---|---|---|---|\n"
                + String.join("", rows.values());
    }

    private static boolean isExample(Object provider) {
        return provider.getClass().getPackageName().equals("dev.kaizen4j.samples.webhook");
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    private static void addRows(Map<String, String> rows, String plugin, List<ConfigKey> keys) {
        for (ConfigKey key : keys) {
            String full = plugin + "." + key.name();
            String fallback = key.required() ? "required" : key.defaultValue() == null ? "—" : "`" + key.defaultValue() + "`";
            rows.putIfAbsent(full, "| `" + plugin + "` | `" + KaizenConfig.propertyName(full) + "` | `"
                    + KaizenConfig.variableName(full) + "` | " + fallback + " | " + key.description() + " |\n");
        }
    }
}
