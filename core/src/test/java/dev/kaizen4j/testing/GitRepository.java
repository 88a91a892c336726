package dev.kaizen4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Git repository in a folder, driven through the {@code git} command. */
public final class GitRepository {

    /** What a git command printed (stdout and stderr) and its exit code. */
    public record Result(int exitCode, String output) {}

    private final Path root;

    private GitRepository(Path root) {
        this.root = root;
    }

    /** Runs {@code git init} in {@code root}, creating it. */
    public static GitRepository init(Path root) throws IOException {
        Files.createDirectories(root);
        GitRepository git = new GitRepository(root);
        git.ok("init", "-q");
        git.ok("config", "user.email", "tests@kaizen4j.dev");
        git.ok("config", "user.name", "Kaizen4j tests");
        git.ok("config", "core.autocrlf", "false");
        return git;
    }

    public Path root() {
        return root;
    }

    public void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    public String read(String path) throws IOException {
        return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    }

    public void commitAll(String message) {
        ok("add", "-A");
        ok("commit", "-q", "-m", message);
    }

    /** {@code git apply --check} then {@code git apply}; fails the test if either refuses the patch. */
    public void apply(Path patch) {
        ok("apply", "--check", patch.toAbsolutePath().toString());
        ok("apply", patch.toAbsolutePath().toString());
    }

    /** Runs git with {@code arguments}; fails the test when it exits with an error. */
    public String ok(String... arguments) {
        Result result = run(arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError("git " + String.join(" ", arguments) + " failed (" + result.exitCode() + "):\n"
                    + result.output());
        }
        return result.output();
    }

    public Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", arguments) + " did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException failure) {
            throw new AssertionError("cannot run git", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }
}
