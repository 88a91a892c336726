package dev.kaizen4j.samples.webhook;

import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.BackChannelContract;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.Plugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The example plugin's test: the contract kit against a local service, nothing else. */
class WebhookBackChannelTest extends BackChannelContract {

    private static final String TOKEN = "whk_0123456789abcdefSECRET";

    private ReviewService service;
    private BackChannel channel;

    @BeforeEach
    void start() {
        service = new ReviewService();
        channel = channelAt(service.url());
    }

    @AfterEach
    void stop() {
        channel.close();
        service.close();
    }

    private static BackChannel channelAt(String url) {
        return Plugins.backChannel("webhook", KaizenConfig.of(Map.of("webhook.url", url, "webhook.token", TOKEN)));
    }

    @Override
    protected BackChannel channel() {
        return channel;
    }

    @Override
    protected BackChannel restartedChannel() {
        return channelAt(service.url());
    }

    @Override
    protected BackChannel channelWithBackendDown() {
        return channelAt("http://127.0.0.1:" + aClosedPort());
    }

    private static int aClosedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void decide(Submission submission, Verdict verdict, String notes) {
        service.decide(submission.externalId(), verdict.name().toLowerCase(Locale.ROOT), "alice", notes);
    }

    @Override
    protected int requestsHeld() {
        return service.requests().size();
    }

    @Override
    protected String sentToBackend() {
        return String.join("\n", service.requests().values());
    }

    @Override
    protected Optional<String> credential() {
        return Optional.of(TOKEN);
    }
}
