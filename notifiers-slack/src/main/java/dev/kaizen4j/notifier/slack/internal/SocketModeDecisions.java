package dev.kaizen4j.notifier.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.Slack;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.request.SocketModeEnvelope;
import com.slack.api.socket_mode.response.AckResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket Mode connection that brings reviewers' clicks and modal submissions: the SDK's
 * {@link SocketModeClient} on the Java-WebSocket backend, which reconnects itself after a
 * {@code disconnect} message or a lost connection. Every envelope is acknowledged at once, before any
 * work; an interaction delivered again (Slack retries unacknowledged envelopes, {@code retry_attempt})
 * is handled once. Interactions are handled one at a time, on a thread of their own, after the ack.
 */
public final class SocketModeDecisions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeDecisions.class);
    /** How many times the first retry delay the delay between two attempts grows to at most. */
    static final int MAX_BACKOFF = 64;
    private static final int REMEMBERED = 2_000;

    private final Slack slack;
    private final String appToken;
    private final String where;
    private final Duration retryDelay;
    /** The delay before the next attempt to connect: the first one after a success, longer after each failure. */
    private Duration nextDelay;
    private final Consumer<Interaction> handler;
    private final ScheduledExecutorService worker;
    private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    private @Nullable SocketModeClient client;
    private boolean closed;

    /**
     * @param slack the SDK instance, whose methods URL prefix {@code apps.connections.open} is called on
     * @param appToken the app-level token
     * @param where the channel, for messages
     * @param retryDelay how long to wait before trying again when no connection could be opened; doubled
     *     after each further failure, up to {@value #MAX_BACKOFF} times, so that a refused token is not
     *     tried again every few seconds for as long as the process runs
     * @param handler handles each interaction once, after its ack
     */
    public SocketModeDecisions(Slack slack, String appToken, String where, Duration retryDelay,
            Consumer<Interaction> handler) {
        this.slack = requireNonNull(slack, "slack");
        this.appToken = requireNonNull(appToken, "appToken");
        this.where = requireNonNull(where, "where");
        this.retryDelay = requireNonNull(retryDelay, "retryDelay");
        this.nextDelay = retryDelay;
        this.handler = requireNonNull(handler, "handler");
        this.worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kaizen4j-slack-decisions");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the connection in the background; a failure is logged and retried after a growing delay. */
    public void start() {
        worker.execute(this::connect);
    }

    private void connect() {
        SocketModeClient opened;
        synchronized (this) {
            if (closed || client != null) {
                return;
            }
        }
        try {
            opened = slack.socketMode(appToken, SocketModeClient.Backend.JavaWebSocket);
        } catch (Exception failure) {
            Duration delay;
            synchronized (this) {
                delay = nextDelay;
                Duration doubled = delay.multipliedBy(2);
                Duration longest = retryDelay.multipliedBy(MAX_BACKOFF);
                nextDelay = doubled.compareTo(longest) > 0 ? longest : doubled;
                if (!closed) {
                    worker.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            LOG.warn("Slack Socket Mode for {} not connected (apps.connections.open: {}); trying again in {};"
                    + " check kaizen.slack.app.token (KAIZEN_SLACK_APP_TOKEN or SLACK_APP_TOKEN), an app-level"
                    + " token with connections:write", where, hidden(failure), readable(delay));
            return;
        }
        synchronized (this) {
            nextDelay = retryDelay;
        }
        opened.addInteractiveEnvelopeListener(this::received);
        opened.addEventsApiEnvelopeListener(this::acknowledge);
        opened.addSlashCommandsEnvelopeListener(this::acknowledge);
        synchronized (this) {
            if (closed) {
                closeQuietly(opened);
                return;
            }
            client = opened;
        }
        try {
            opened.connect();
            LOG.info("Slack Socket Mode connecting for decisions in {}", where);
        } catch (Exception failure) {
            LOG.warn("Slack Socket Mode for {} failed to connect ({}); the client tries again", where,
                    hidden(failure));
        }
    }

    private void received(SocketModeEnvelope envelope) {
        acknowledge(envelope);
        Interaction.parse(envelope.getPayload()).ifPresentOrElse(interaction -> {
            boolean first;
            synchronized (seen) {
                first = seen.add(interaction.key());
            }
            if (!first) {
                LOG.info("Slack delivered an interaction on {} again (retry_attempt {}, {}); handled once already",
                        interaction.requestId(), envelope.getRetryAttempt(), envelope.getRetryReason());
                return;
            }
            worker.execute(() -> {
                try {
                    handler.accept(interaction);
                } catch (RuntimeException failure) {
                    LOG.warn("Slack interaction on {} not handled: {}", interaction.requestId(), failure.toString());
                }
            });
        }, () -> LOG.debug("Slack envelope {} is no decision of this app; acknowledged", envelope.getEnvelopeId()));
    }

    /** Acknowledges at once: Slack retries an envelope not acknowledged within 3 seconds. */
    private void acknowledge(SocketModeEnvelope envelope) {
        SocketModeClient current;
        synchronized (this) {
            current = client;
        }
        if (current == null || envelope.getEnvelopeId() == null) {
            return;
        }
        try {
            current.sendSocketModeResponse(new AckResponse(envelope.getEnvelopeId()));
        } catch (RuntimeException failure) {
            LOG.warn("Slack envelope {} not acknowledged ({}); Slack delivers it again", envelope.getEnvelopeId(),
                    failure.getClass().getSimpleName());
        }
    }

    /** Closes the connection and waits briefly for the interaction being handled; idempotent. */
    @Override
    public void close() {
        SocketModeClient current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = client;
            client = null;
        }
        if (current != null) {
            closeQuietly(current);
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Slack Socket Mode for {} closed", where);
    }

    private void closeQuietly(SocketModeClient socket) {
        try {
            socket.close();
        } catch (Exception failure) {
            LOG.debug("closing the Socket Mode client failed: {}", failure.getClass().getSimpleName());
        }
    }

    private static String readable(Duration delay) {
        return delay.toSeconds() >= 120 ? delay.toMinutes() + " min" : delay.toSeconds() >= 1 ? delay.toSeconds() + " s"
                : delay.toMillis() + " ms";
    }

    /** A failure's description without the token, should an exception ever carry it. */
    private String hidden(Exception failure) {
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return message.replace(appToken, "****");
    }
}
