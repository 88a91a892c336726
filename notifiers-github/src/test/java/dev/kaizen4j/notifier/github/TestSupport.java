package dev.kaizen4j.notifier.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.notifier.github.internal.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared by the GitHub notifier's tests. */
final class TestSupport {

    private TestSupport() {}

    /** A sleeper that records how long it was asked to wait and returns at once. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    /** A loopback port nothing listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that nothing logged so far contains the token. */
    static void assertTokenNeverLogged() throws IOException {
        String log = System.getProperty("kaizen4j.test.log");
        if (log == null || !Files.exists(Path.of(log))) {
            return;
        }
        assertThat(Files.readString(Path.of(log), StandardCharsets.UTF_8)).doesNotContain(FakeGitHub.TOKEN);
    }
}
