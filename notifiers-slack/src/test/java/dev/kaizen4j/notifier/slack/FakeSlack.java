package dev.kaizen4j.notifier.slack;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for Slack's Web API: the methods the Slack back-channel calls, answering
 * form-encoded requests with JSON as Slack does, with its token, channel membership and scope checks,
 * its block limits, rate limiting with {@code Retry-After}, reactions, threads and message metadata.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String TOKEN = "xoxb-fake-0123456789-secret";
    public static final String CHANNEL_ID = "C0KAIZEN01";
    public static final String CHANNEL_NAME = "team-improvements";
    public static final String BOT_USER = "U0BOT0001";
    public static final String BOT_ID = "B0BOT0001";
    /** The app-level token {@code apps.connections.open} accepts. */
    public static final String APP_TOKEN = "xapp-1-A0KAIZEN-fake-9876543210-secret";

    /** An ephemeral message: shown to one user only. */
    public record Ephemeral(String channel, String user, String text) {}

    /** A message in the channel. */
    public static final class Posted {
        public final String ts;
        public final @org.jspecify.annotations.Nullable String threadTs;
        public final @org.jspecify.annotations.Nullable String user;
        public final @org.jspecify.annotations.Nullable String botId;
        public volatile String text;
        public volatile JsonArray blocks;
        public final @org.jspecify.annotations.Nullable JsonObject metadata;
        public final Map<String, Set<String>> reactions = new LinkedHashMap<>();

        Posted(String ts, String threadTs, String user, String botId, String text, JsonArray blocks, JsonObject metadata) {
            this.ts = ts;
            this.threadTs = threadTs;
            this.user = user;
            this.botId = botId;
            this.text = text;
            this.blocks = blocks;
            this.metadata = metadata;
        }

        /** The action ids of the message's buttons, in order; empty when it has none. */
        public List<String> buttons() {
            List<String> ids = new ArrayList<>();
            for (JsonElement block : blocks) {
                if (block.getAsJsonObject().get("type").getAsString().equals("actions")) {
                    block.getAsJsonObject().getAsJsonArray("elements")
                            .forEach(e -> ids.add(e.getAsJsonObject().get("action_id").getAsString()));
                }
            }
            return ids;
        }

        /** The block texts joined, as a reviewer reads them. */
        public String blockText() {
            StringBuilder all = new StringBuilder();
            for (JsonElement block : blocks) {
                JsonObject text = block.getAsJsonObject().getAsJsonObject("text");
                if (text != null) {
                    all.append(text.get("text").getAsString()).append('\n');
                }
                JsonArray elements = block.getAsJsonObject().getAsJsonArray("elements");
                if (elements != null) {
                    elements.forEach(e -> {
                        JsonElement shown = e.getAsJsonObject().get("text");
                        all.append(shown.isJsonObject() ? "[" + shown.getAsJsonObject().get("text").getAsString() + "]"
                                : shown.getAsString()).append('\n');
                    });
                }
            }
            return all.toString();
        }
    }

    private final HttpServer server;
    private final Gson gson = new Gson();
    private final List<Posted> messages = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, Integer> rateLimits = new ConcurrentHashMap<>();
    private final Set<String> scopes = ConcurrentHashMap.newKeySet();
    private final List<Ephemeral> ephemerals = new CopyOnWriteArrayList<>();
    private final List<JsonObject> views = new CopyOnWriteArrayList<>();
    private final Map<String, Long> triggers = new ConcurrentHashMap<>();
    private volatile boolean member = true;
    private int counter;
    private @org.jspecify.annotations.Nullable FakeSocketMode socketMode;

    public FakeSlack() {
        scopes.addAll(Set.of("chat:write", "reactions:read", "channels:history", "channels:read"));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/", this::handle);
        server.start();
    }

    /** The methods prefix to point the SDK at. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Top-level messages, oldest first. */
    public List<Posted> topLevel() {
        return messages.stream().filter(m -> m.threadTs == null).toList();
    }

    /** The replies in the thread of {@code ts}, oldest first. */
    public List<Posted> thread(String ts) {
        return messages.stream().filter(m -> ts.equals(m.threadTs)).toList();
    }

    /** Every request body received so far. */
    public String received() {
        return String.join("\n", requests);
    }

    /** The methods called so far, in order. */
    public List<String> calls() {
        return List.copyOf(methods);
    }

    public void react(String ts, String reaction, String user) {
        find(ts).reactions.computeIfAbsent(reaction, r -> new LinkedHashSet<>()).add(user);
    }

    public synchronized void reply(String ts, String user, String text) {
        messages.add(new Posted(nextTs(), ts, user, null, text, new JsonArray(), null));
    }

    /** The next call of {@code method} answers {@code ok:false} with {@code error}. */
    public void failNext(String method, String error) {
        failures.put(method, error);
    }

    /** The next call of {@code method} answers HTTP 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(String method, int seconds) {
        rateLimits.put(method, seconds);
    }

    public void removeScope(String scope) {
        scopes.remove(scope);
    }

    public void leaveChannel() {
        member = false;
    }

    /** The Socket Mode server {@code apps.connections.open} hands out, started on first use. */
    public synchronized FakeSocketMode socketMode() {
        if (socketMode == null) {
            socketMode = new FakeSocketMode(this);
        }
        return socketMode;
    }

    /** The ephemeral messages posted so far. */
    public List<Ephemeral> ephemerals() {
        return List.copyOf(ephemerals);
    }

    /** The modals opened so far, as {@code views.open} received them. */
    public List<JsonObject> views() {
        return List.copyOf(views);
    }

    /** A trigger id for {@code views.open}; like Slack's, it expires 3 seconds after the click. */
    String trigger() {
        String id = "T" + System.nanoTime();
        triggers.put(id, System.nanoTime());
        return id;
    }

    @Override
    public void close() {
        FakeSocketMode socket;
        synchronized (this) {
            socket = socketMode;
        }
        if (socket != null) {
            socket.close();
        }
        server.stop(0);
    }

    private Posted find(String ts) {
        return messages.stream().filter(m -> m.ts.equals(ts)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message " + ts));
    }

    private synchronized String nextTs() {
        counter++;
        return "1750064400." + String.format("%06d", counter);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            answer(exchange);
        } catch (RuntimeException bug) {
            bug.printStackTrace();
            send(exchange, 500, error("fake_slack_bug: " + bug));
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = form(body, exchange.getRequestURI().getRawQuery());
        requests.add(method + " " + readable(form));
        methods.add(method);
        Integer retryAfter = rateLimits.remove(method);
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter));
            send(exchange, 429, error("ratelimited"));
            return;
        }
        JsonObject answer;
        synchronized (this) {
            answer = answer(method, form, exchange.getRequestHeaders().getFirst("Authorization"));
        }
        send(exchange, 200, answer);
    }

    private JsonObject answer(String method, Map<String, String> form, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return error("not_authed");
        }
        if (method.equals("apps.connections.open")) {
            if (!authorization.equals("Bearer " + APP_TOKEN)) {
                return error(authorization.startsWith("Bearer xapp-") ? "invalid_auth" : "not_allowed_token_type");
            }
            JsonObject ok = ok();
            ok.addProperty("url", socketMode().url());
            return ok;
        }
        if (!authorization.equals("Bearer " + TOKEN)) {
            return error("invalid_auth");
        }
        String forced = failures.remove(method);
        if (forced != null) {
            JsonObject failure = error(forced);
            if (forced.equals("missing_scope")) {
                failure.addProperty("needed", "chat:write");
                failure.addProperty("provided", "reactions:read");
            }
            return forced.equals("invalid_blocks") ? invalidBlocks("[ERROR] failed to match all allowed schemas"
                    + " [json-pointer:/blocks/1/text]") : failure;
        }
        String needed = switch (method) {
            case "chat.postMessage", "chat.update", "chat.postEphemeral" -> "chat:write";
            case "reactions.get" -> "reactions:read";
            case "conversations.history", "conversations.replies" -> "channels:history";
            case "conversations.list" -> "channels:read";
            default -> null;
        };
        if (needed != null && !scopes.contains(needed)) {
            JsonObject failure = error("missing_scope");
            failure.addProperty("needed", needed);
            failure.addProperty("provided", String.join(",", scopes.stream().sorted().toList()));
            return failure;
        }
        if (method.equals("auth.test")) {
            JsonObject ok = ok();
            ok.addProperty("user_id", BOT_USER);
            ok.addProperty("bot_id", BOT_ID);
            return ok;
        }
        if (method.equals("views.open")) {
            return openView(form);
        }
        if (method.equals("conversations.list")) {
            JsonObject ok = ok();
            JsonObject channel = new JsonObject();
            channel.addProperty("id", CHANNEL_ID);
            channel.addProperty("name", CHANNEL_NAME);
            JsonArray channels = new JsonArray();
            channels.add(channel);
            ok.add("channels", channels);
            return ok;
        }
        String channel = form.getOrDefault("channel", "");
        if (!channel.equals(CHANNEL_ID) && !channel.equals("#" + CHANNEL_NAME)) {
            return error("channel_not_found");
        }
        if (!member && !method.equals("reactions.get")) {
            return error("not_in_channel");
        }
        return switch (method) {
            case "chat.postMessage" -> post(form);
            case "chat.update" -> update(form);
            case "chat.postEphemeral" -> ephemeral(form);
            case "conversations.history" -> history(form);
            case "conversations.replies" -> replies(form);
            case "reactions.get" -> reactions(form);
            default -> error("unknown_method");
        };
    }

    private JsonObject post(Map<String, String> form) {
        String text = form.getOrDefault("text", "");
        JsonArray blocks = form.containsKey("blocks") ? JsonParser.parseString(form.get("blocks")).getAsJsonArray()
                : new JsonArray();
        if (text.isBlank() && blocks.isEmpty()) {
            return error("no_text");
        }
        if (text.length() > 40_000) {
            return error("msg_too_long");
        }
        JsonObject invalid = checkBlocks(blocks);
        if (invalid != null) {
            return invalid;
        }
        JsonObject metadata = form.containsKey("metadata") ? JsonParser.parseString(form.get("metadata")).getAsJsonObject()
                : null;
        String threadTs = form.get("thread_ts");
        if (threadTs != null && messages.stream().noneMatch(m -> m.ts.equals(threadTs))) {
            return error("thread_not_found");
        }
        Posted posted = new Posted(nextTs(), threadTs, BOT_USER, BOT_ID, text, blocks, metadata);
        messages.add(posted);
        JsonObject ok = ok();
        ok.addProperty("channel", CHANNEL_ID);
        ok.addProperty("ts", posted.ts);
        ok.add("message", json(posted, true));
        return ok;
    }

    private JsonObject openView(Map<String, String> form) {
        Long issued = triggers.remove(form.getOrDefault("trigger_id", ""));
        if (issued == null) {
            return error("invalid_trigger_id");
        }
        if (System.nanoTime() - issued > 3_000_000_000L) {
            return error("expired_trigger_id");
        }
        JsonObject view = JsonParser.parseString(form.getOrDefault("view", "{}")).getAsJsonObject();
        if (!"modal".equals(view.has("type") ? view.get("type").getAsString() : "") || !view.has("title")
                || !view.has("blocks")) {
            return error("invalid_arguments");
        }
        view.addProperty("id", "V" + System.nanoTime());
        view.addProperty("hash", "h" + views.size());
        views.add(view);
        JsonObject ok = ok();
        ok.add("view", view);
        return ok;
    }

    private JsonObject ephemeral(Map<String, String> form) {
        String user = form.getOrDefault("user", "");
        String text = form.getOrDefault("text", "");
        if (user.isBlank() || text.isBlank()) {
            return error("invalid_arguments");
        }
        ephemerals.add(new Ephemeral(form.get("channel"), user, text));
        JsonObject ok = ok();
        ok.addProperty("message_ts", nextTs());
        return ok;
    }

    private static JsonObject checkBlocks(JsonArray blocks) {
        if (blocks.size() > 50) {
            return invalidBlocks("[ERROR] no more than 50 items allowed [json-pointer:/blocks]");
        }
        int total = 0;
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = blocks.get(i).getAsJsonObject();
            JsonObject text = block.getAsJsonObject("text");
            String type = block.get("type").getAsString();
            if (text != null) {
                int length = text.get("text").getAsString().length();
                total += length;
                int max = type.equals("header") ? 150 : 3000;
                if (length > max) {
                    return invalidBlocks("[ERROR] must be less than " + (max + 1) + " characters [json-pointer:/blocks/"
                            + i + "/text/text]");
                }
            }
            JsonArray elements = block.getAsJsonArray("elements");
            if (elements != null && type.equals("actions")) {
                if (elements.size() > 25) {
                    return invalidBlocks("[ERROR] no more than 25 items allowed [json-pointer:/blocks/" + i + "/elements]");
                }
                for (JsonElement element : elements) {
                    JsonObject button = element.getAsJsonObject();
                    if (button.getAsJsonObject("text").get("text").getAsString().length() > 75
                            || (button.has("value") && button.get("value").getAsString().length() > 2000)
                            || !button.has("action_id")) {
                        return invalidBlocks("[ERROR] invalid button [json-pointer:/blocks/" + i + "/elements]");
                    }
                }
            }
            if (elements != null && type.equals("context")) {
                for (JsonElement element : elements) {
                    total += element.getAsJsonObject().get("text").getAsString().length();
                }
            }
        }
        return total > 12_000 ? error("msg_blocks_too_long") : null;
    }

    private static JsonObject invalidBlocks(String message) {
        JsonObject failure = error("invalid_blocks");
        JsonObject metadata = new JsonObject();
        JsonArray messages = new JsonArray();
        messages.add(message);
        metadata.add("messages", messages);
        failure.add("response_metadata", metadata);
        return failure;
    }

    private JsonObject update(Map<String, String> form) {
        Posted message = messages.stream().filter(m -> m.ts.equals(form.get("ts"))).findFirst().orElse(null);
        if (message == null) {
            return error("message_not_found");
        }
        JsonArray blocks = form.containsKey("blocks") ? JsonParser.parseString(form.get("blocks")).getAsJsonArray()
                : new JsonArray();
        JsonObject invalid = checkBlocks(blocks);
        if (invalid != null) {
            return invalid;
        }
        message.text = form.getOrDefault("text", message.text);
        message.blocks = blocks;
        JsonObject ok = ok();
        ok.addProperty("channel", CHANNEL_ID);
        ok.addProperty("ts", message.ts);
        return ok;
    }

    private JsonObject history(Map<String, String> form) {
        boolean metadata = "true".equals(form.get("include_all_metadata")) || "1".equals(form.get("include_all_metadata"));
        double oldest = Double.parseDouble(form.getOrDefault("oldest", "0"));
        int limit = Integer.parseInt(form.getOrDefault("limit", "100"));
        String cursor = form.getOrDefault("cursor", "");
        int offset = cursor.isBlank() ? 0 : Integer.parseInt(cursor);
        List<Posted> top = new ArrayList<>(topLevel().stream().filter(m -> Double.parseDouble(m.ts) >= oldest).toList());
        java.util.Collections.reverse(top);
        JsonArray page = new JsonArray();
        for (int i = offset; i < Math.min(top.size(), offset + limit); i++) {
            JsonObject json = json(top.get(i), metadata);
            json.addProperty("reply_count", thread(top.get(i).ts).size());
            page.add(json);
        }
        JsonObject ok = ok();
        ok.add("messages", page);
        ok.addProperty("has_more", offset + limit < top.size());
        JsonObject next = new JsonObject();
        next.addProperty("next_cursor", offset + limit < top.size() ? String.valueOf(offset + limit) : "");
        ok.add("response_metadata", next);
        return ok;
    }

    private JsonObject replies(Map<String, String> form) {
        String ts = form.get("ts");
        if (messages.stream().noneMatch(m -> m.ts.equals(ts))) {
            return error("thread_not_found");
        }
        JsonArray all = new JsonArray();
        all.add(json(find(ts), false));
        thread(ts).forEach(reply -> all.add(json(reply, false)));
        JsonObject ok = ok();
        ok.add("messages", all);
        ok.addProperty("has_more", false);
        return ok;
    }

    private JsonObject reactions(Map<String, String> form) {
        Posted message = messages.stream().filter(m -> m.ts.equals(form.get("timestamp"))).findFirst().orElse(null);
        if (message == null) {
            return error("message_not_found");
        }
        JsonObject ok = ok();
        ok.addProperty("type", "message");
        ok.addProperty("channel", CHANNEL_ID);
        JsonObject json = json(message, false);
        JsonArray reactions = new JsonArray();
        message.reactions.forEach((name, users) -> {
            JsonObject reaction = new JsonObject();
            reaction.addProperty("name", name);
            reaction.addProperty("count", users.size());
            reaction.add("users", gson.toJsonTree(users));
            reactions.add(reaction);
        });
        if (!reactions.isEmpty()) {
            json.add("reactions", reactions);
        }
        ok.add("message", json);
        return ok;
    }

    private static JsonObject json(Posted message, boolean withMetadata) {
        JsonObject json = new JsonObject();
        json.addProperty("type", "message");
        json.addProperty("ts", message.ts);
        json.addProperty("text", message.text);
        if (message.user != null) {
            json.addProperty("user", message.user);
        }
        if (message.botId != null) {
            json.addProperty("bot_id", message.botId);
        }
        if (message.threadTs != null) {
            json.addProperty("thread_ts", message.threadTs);
        }
        json.add("blocks", message.blocks);
        if (withMetadata && message.metadata != null) {
            json.add("metadata", message.metadata);
        }
        return json;
    }

    private static JsonObject ok() {
        JsonObject ok = new JsonObject();
        ok.addProperty("ok", true);
        return ok;
    }

    private static JsonObject error(String error) {
        JsonObject failure = new JsonObject();
        failure.addProperty("ok", false);
        failure.addProperty("error", error);
        return failure;
    }

    /** The parameters as a reader sees them: JSON values decoded, so {@code \\u003d} reads {@code =}. */
    private static String readable(Map<String, String> form) {
        Gson plain = new GsonBuilder().disableHtmlEscaping().create();
        StringBuilder text = new StringBuilder();
        form.forEach((key, value) -> {
            String shown = value;
            if (key.equals("blocks") || key.equals("metadata")) {
                shown = plain.toJson(JsonParser.parseString(value));
            }
            text.append(key).append('=').append(shown).append('&');
        });
        return text.toString();
    }

    private static Map<String, String> form(String body, String query) {
        Map<String, String> form = new HashMap<>();
        for (String source : new String[] {query == null ? "" : query, body}) {
            for (String pair : source.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.put(key, value);
            }
        }
        return form;
    }

    private void send(HttpExchange exchange, int status, JsonObject answer) throws IOException {
        byte[] bytes = gson.toJson(answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
