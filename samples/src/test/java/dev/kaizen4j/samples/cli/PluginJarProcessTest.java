package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.samples.webhook.ReviewService;
import dev.kaizen4j.samples.webhook.WebhookBackChannelProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner as a separate JVM with a plugin jar added to its class path, as the README shows. */
class PluginJarProcessTest {

    private static final List<String> PLUGIN_CLASSES = List.of("WebhookBackChannel", "WebhookBackChannelProvider",
            "WebhookConfig");

    @TempDir
    Path directory;

    @AutoClose
    private final ReviewService service = new ReviewService();

    @Test
    void givenAPluginJarOnTheClassPath_whenTheRunnerRuns_thenItsChannelIsUsedByName() throws Exception {
        Path jar = pluginJar();
        Path testClasses = Path.of(WebhookBackChannelProvider.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        String classPath = Stream.of(runnerClassPath().split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator)) + File.pathSeparator + jar;
        assertThat(classPath).as("the plugin comes from its jar only")
                .doesNotContain(testClasses.toString());
        ProcessBuilder runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, KaizenCommand.class.getName(), "run", "--back-channel", "webhook")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("out.txt").toFile());
        runner.environment().keySet().removeIf(name -> name.startsWith("KAIZEN_"));
        runner.environment().put("KAIZEN_WEBHOOK_URL", service.url());
        runner.environment().put("KAIZEN_STATE_DIR", directory.resolve("state").toString());

        Process process = runner.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String out = Files.readString(directory.resolve("out.txt"));

        assertThat(finished).as(out).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(service.requests()).as(out).hasSizeGreaterThanOrEqualTo(3);
        assertThat(out).contains(service.requests().size() + " submitted");
    }

    /** The example plugin's classes and services file, packaged as its author would ship them. */
    private Path pluginJar() throws Exception {
        Path classes = Path.of(WebhookBackChannelProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = directory.resolve("webhook-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : PLUGIN_CLASSES) {
                String entry = "dev/kaizen4j/samples/webhook/" + name + ".class";
                add(out, entry, Files.readAllBytes(classes.resolve(entry)));
            }
            add(out, "META-INF/services/dev.kaizen4j.spi.BackChannelProvider",
                    (WebhookBackChannelProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }

    private static String runnerClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }
}
