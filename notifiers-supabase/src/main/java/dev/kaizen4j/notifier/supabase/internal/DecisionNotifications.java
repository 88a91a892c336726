package dev.kaizen4j.notifier.supabase.internal;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread listening on {@value #CHANNEL} (notified by a trigger when a request's row is decided) and
 * handing each request id to a callback. It holds one connection while it listens, and reconnects with
 * a growing pause (at most 30 s) when the connection is lost. Needs a session: not through Supabase's
 * transaction pooler.
 */
public final class DecisionNotifications implements AutoCloseable {

    /** The notification channel the migrations' trigger notifies. */
    public static final String CHANNEL = "kaizen4j_decisions";

    private static final Logger log = LoggerFactory.getLogger(DecisionNotifications.class);
    private static final int WAIT_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 30_000;

    private final DataSource dataSource;
    private final Consumer<String> onDecided;
    private final Thread thread;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean running = true;

    private DecisionNotifications(DataSource dataSource, Consumer<String> onDecided) {
        this.dataSource = dataSource;
        this.onDecided = onDecided;
        this.thread = new Thread(this::listen, "kaizen4j-supabase-decisions");
        thread.setDaemon(true);
    }

    /** Starts listening; {@code onDecided} gets each decided request's id, on the listening thread. */
    public static DecisionNotifications start(DataSource dataSource, Consumer<String> onDecided) {
        DecisionNotifications notifications = new DecisionNotifications(requireNonNull(dataSource, "dataSource"),
                requireNonNull(onDecided, "onDecided"));
        notifications.thread.start();
        return notifications;
    }

    /** Waits until the first LISTEN is in place; false when it is not within the time given. */
    public boolean awaitListening(long timeout, TimeUnit unit) throws InterruptedException {
        return listening.await(timeout, unit);
    }

    private void listen() {
        long pause = 1_000;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening.countDown();
                pause = 1_000;
                PGConnection postgres = connection.unwrap(PGConnection.class);
                try {
                    while (running) {
                        PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                        if (notifications != null) {
                            for (PGNotification notification : notifications) {
                                deliver(notification.getParameter());
                            }
                        }
                    }
                } finally {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("UNLISTEN *");
                    } catch (SQLException ignored) {
                        // the connection is gone; its session, and the LISTEN with it, ended with it
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("Listening for decisions failed, retrying in {} ms: {}", pause,
                        Database.failure("listening for decisions", e).getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    private void deliver(String requestId) {
        try {
            onDecided.accept(requestId);
        } catch (RuntimeException failure) {
            log.warn("Handling the decision on {} failed; the next sync picks it up: {}", requestId,
                    failure.getMessage());
        }
    }

    /** Stops listening and returns the connection. Never throws. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
