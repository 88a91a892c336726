package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.internal.CrashPoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kaizen4j} runner in a child JVM on the test's classpath, as a user or a scheduler
 * starts it, optionally armed to stop at a {@link CrashPoints crash point} so the test can kill it
 * with SIGKILL there.
 */
final class RunnerProcess {

    private static final long TIMEOUT_SECONDS = 240;

    private final Process process;
    private final Path output;
    private final List<String> errors = new ArrayList<>();
    private final Thread errorReader;

    private RunnerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
        this.errorReader = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (errors) {
                        errors.add(line);
                        errors.notifyAll();
                    }
                }
            } catch (IOException closed) {
                // The process was killed.
            }
        });
        errorReader.setDaemon(true);
        errorReader.start();
    }

    /** Starts {@code kaizen4j <args>}, stopping at {@code point} when one is given. */
    static RunnerProcess start(Path workDirectory, CrashPoints.@Nullable Point point, String... args) throws IOException {
        return launch(workDirectory, point == null ? List.of() : List.of("-D" + CrashPoints.PROPERTY + "=" + point.label()),
                args);
    }

    /** Starts {@code kaizen4j <args>}, held at {@code point} until {@code release} exists. */
    static RunnerProcess startHeld(Path workDirectory, CrashPoints.Point point, Path release, String... args)
            throws IOException {
        return launch(workDirectory, List.of("-D" + CrashPoints.HOLD_PROPERTY + "=" + point.label(),
                "-D" + CrashPoints.HOLD_UNTIL_PROPERTY + "=" + release), args);
    }

    private static RunnerProcess launch(Path workDirectory, List<String> hooks, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(hooks);
        command.add(KaizenCommand.class.getName());
        command.addAll(List.of(args));
        Files.createDirectories(workDirectory);
        Path output = Files.createTempFile(workDirectory, "runner-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KAIZEN"));
        if (!hooks.isEmpty()) {
            builder.environment().put(CrashPoints.ENVIRONMENT, CrashPoints.ENABLED);
        }
        return new RunnerProcess(builder.start(), output);
    }

    /** Runs {@code kaizen4j <args>} to its end and returns its exit status. */
    static int run(Path workDirectory, String... args) throws Exception {
        return start(workDirectory, null, args).awaitExit();
    }

    /** Runs {@code kaizen4j <args>} until it reaches {@code point}, then kills it with SIGKILL. */
    static void killAt(Path workDirectory, CrashPoints.Point point, String... args) throws Exception {
        RunnerProcess runner = start(workDirectory, point, args);
        runner.awaitMarker(CrashPoints.MARKER + point.label());
        runner.process.destroyForcibly();
        assertThat(runner.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    int awaitExit() throws Exception {
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("runner finished").isTrue();
        errorReader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(process.exitValue()).as(() -> "exit status; output:\n" + read(output) + "\nerrors:\n" + errors())
                .isZero();
        return process.exitValue();
    }

    void awaitMarker(String marker) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS);
        synchronized (errors) {
            while (!errors.contains(marker) && process.isAlive() && System.currentTimeMillis() < deadline) {
                errors.wait(100);
            }
        }
        assertThat(errors()).as(() -> "runner reached the point; output:\n" + read(output)).contains(marker);
    }

    private String errors() {
        synchronized (errors) {
            return String.join("\n", errors);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            return unreadable.toString();
        }
    }
}
