package dev.kaizen4j.notifier.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A loopback stand-in for Slack's Socket Mode server: the WebSocket {@link FakeSlack}'s
 * {@code apps.connections.open} hands out. It greets each connection with {@code hello}, delivers
 * interactive envelopes (button clicks, modal submissions) to the newest connection, records when each
 * envelope is acknowledged, and can ask the client to {@code disconnect}.
 */
public final class FakeSocketMode extends WebSocketServer implements AutoCloseable {

    private final FakeSlack slack;
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<WebSocket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger envelopes = new AtomicInteger();
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final Map<String, Long> acked = new ConcurrentHashMap<>();
    private final List<String> closes = new CopyOnWriteArrayList<>();

    FakeSocketMode(FakeSlack slack) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.slack = slack;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the stand-in Socket Mode server did not start");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** A fresh URL to connect to, as {@code apps.connections.open} returns. */
    String url() {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=" + System.nanoTime() + "&app_id=A0KAIZEN";
    }

    /** How many connections were opened so far. */
    public int connections() {
        return connections.get();
    }

    /** Waits until at least {@code count} connections were opened and one is open. */
    public void awaitConnections(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (connections.get() < count || open.isEmpty()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + count + " Socket Mode connections, had " + connections.get()
                        + " (" + open.size() + " open)");
            }
            Thread.sleep(20);
        }
    }

    /** A reviewer clicks the button {@code actionId} on {@code message}; the envelope id. */
    public String click(String user, String actionId, FakeSlack.Posted message) {
        return deliver(clickPayload(user, actionId, message), 0);
    }

    /** The {@code block_actions} payload of a click, to deliver with {@link #deliver}. */
    public JsonObject clickPayload(String user, String actionId, FakeSlack.Posted message) {
        JsonObject action = new JsonObject();
        action.addProperty("type", "button");
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "kaizen4j.actions");
        String value = "";
        for (var block : message.blocks) {
            JsonObject json = block.getAsJsonObject();
            if (json.get("type").getAsString().equals("actions")) {
                for (var element : json.getAsJsonArray("elements")) {
                    if (element.getAsJsonObject().get("action_id").getAsString().equals(actionId)) {
                        value = element.getAsJsonObject().get("value").getAsString();
                    }
                }
            }
        }
        action.addProperty("value", value);
        action.addProperty("action_ts", System.currentTimeMillis() / 1000 + "." + System.nanoTime() % 1_000_000);
        JsonArray actions = new JsonArray();
        actions.add(action);
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", message.ts);
        container.addProperty("channel_id", FakeSlack.CHANNEL_ID);
        container.addProperty("is_ephemeral", false);
        JsonObject shown = new JsonObject();
        shown.addProperty("type", "message");
        shown.addProperty("ts", message.ts);
        shown.add("blocks", message.blocks);
        JsonObject payload = base("block_actions", user);
        payload.add("container", container);
        payload.addProperty("trigger_id", slack.trigger());
        payload.add("channel", id(FakeSlack.CHANNEL_ID));
        payload.add("message", shown);
        payload.add("actions", actions);
        return payload;
    }

    /** A reviewer submits the modal {@code view} (as {@code views.open} received it) with {@code notes}. */
    public String submit(String user, JsonObject view, String notes) {
        return deliver(submitPayload(user, view, notes), 0);
    }

    /** The {@code view_submission} payload of a modal, to deliver with {@link #deliver}. */
    public JsonObject submitPayload(String user, JsonObject view, String notes) {
        JsonObject submitted = view.deepCopy();
        String blockId = view.getAsJsonArray("blocks").get(0).getAsJsonObject().get("block_id").getAsString();
        String actionId = view.getAsJsonArray("blocks").get(0).getAsJsonObject().getAsJsonObject("element")
                .get("action_id").getAsString();
        JsonObject input = new JsonObject();
        input.addProperty("type", "plain_text_input");
        input.addProperty("value", notes);
        JsonObject block = new JsonObject();
        block.add(actionId, input);
        JsonObject values = new JsonObject();
        values.add(blockId, block);
        JsonObject state = new JsonObject();
        state.add("values", values);
        submitted.add("state", state);
        JsonObject payload = base("view_submission", user);
        payload.addProperty("trigger_id", slack.trigger());
        payload.add("view", submitted);
        return payload;
    }

    /** Delivers {@code payload} in an interactive envelope with {@code retryAttempt}; the envelope id. */
    public String deliver(JsonObject payload, int retryAttempt) {
        String envelopeId = "env-" + envelopes.incrementAndGet();
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        envelope.addProperty("type", "interactive");
        envelope.add("payload", payload);
        envelope.addProperty("accepts_response_payload", payload.get("type").getAsString().equals("view_submission"));
        if (retryAttempt > 0) {
            envelope.addProperty("retry_attempt", retryAttempt);
            envelope.addProperty("retry_reason", "timeout");
        }
        sent.put(envelopeId, System.nanoTime());
        newest().send(envelope.toString());
        return envelopeId;
    }

    /** Asks the connected client to reconnect, as Slack does before it refreshes a connection. */
    public void disconnect() {
        JsonObject message = new JsonObject();
        message.addProperty("type", "disconnect");
        message.addProperty("reason", "refresh_requested");
        JsonObject debug = new JsonObject();
        debug.addProperty("host", "applink-stand-in");
        message.add("debug_info", debug);
        newest().send(message.toString());
    }

    /** How long after sending it {@code envelopeId} was acknowledged; fails after {@code timeout}. */
    public Duration awaitAck(String envelopeId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!acked.containsKey(envelopeId)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("envelope " + envelopeId + " not acknowledged within " + timeout);
            }
            Thread.sleep(5);
        }
        return Duration.ofNanos(acked.get(envelopeId) - sent.get(envelopeId));
    }

    private WebSocket newest() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no Socket Mode connection is open");
        }
        return open.get(open.size() - 1);
    }

    private static JsonObject base(String type, String user) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", type);
        JsonObject who = new JsonObject();
        who.addProperty("id", user);
        who.addProperty("username", user.toLowerCase(Locale.ROOT));
        who.addProperty("team_id", "T0KAIZEN");
        payload.add("user", who);
        payload.add("team", id("T0KAIZEN"));
        payload.addProperty("api_app_id", "A0KAIZEN");
        return payload;
    }

    private static JsonObject id(String id) {
        JsonObject json = new JsonObject();
        json.addProperty("id", id);
        return json;
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        open.add(connection);
        connections.incrementAndGet();
        JsonObject hello = new JsonObject();
        hello.addProperty("type", "hello");
        hello.addProperty("num_connections", open.size());
        JsonObject info = new JsonObject();
        info.addProperty("app_id", "A0KAIZEN");
        hello.add("connection_info", info);
        JsonObject debug = new JsonObject();
        debug.addProperty("host", "applink-stand-in");
        debug.addProperty("approximate_connection_time", 18060);
        hello.add("debug_info", debug);
        connection.send(hello.toString());
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        open.remove(connection);
        closes.add(code + (remote ? " by the client" : " by the server"));
    }

    /** How each connection ended so far: the close code and which side closed it, as {@code 1000 by the client}. */
    public List<String> closes() {
        return List.copyOf(closes);
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        JsonObject json = JsonParser.parseString(message).getAsJsonObject();
        if (json.has("envelope_id")) {
            acked.putIfAbsent(json.get("envelope_id").getAsString(), System.nanoTime());
        }
    }

    @Override
    public void onError(WebSocket connection, Exception failure) {
        // a client going away mid-frame; the test sees it as a missing ack
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() {
        try {
            stop(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
