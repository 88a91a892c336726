package dev.kaizen4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local OpenAI-compatible endpoint: answers {@code POST /v1/chat/completions} as OpenAI does, with
 * what a responder function says, and records every request body. Listens on loopback only.
 */
public final class OpenAiStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> rawBodies = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, Reply> responder;

    /**
     * What the endpoint answers.
     *
     * @param status the HTTP status
     * @param content the assistant message's content for a 200, or the error message otherwise
     */
    public record Reply(int status, String content) {

        public static Reply ok(String content) {
            return new Reply(200, content);
        }

        public static Reply error(int status, String message) {
            return new Reply(status, message);
        }
    }

    private OpenAiStub(Function<JsonNode, Reply> responder) throws IOException {
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static OpenAiStub start(Function<JsonNode, Reply> responder) {
        try {
            return new OpenAiStub(responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void respondWith(Function<JsonNode, Reply> responder) {
        this.responder = responder;
    }

    /** The parsed request bodies, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The raw request bodies, in order. */
    public List<String> rawBodies() {
        return List.copyOf(rawBodies);
    }

    /** The name of the JSON schema a request declared, or an empty string. */
    public static String schemaName(JsonNode request) {
        return request.path("response_format").path("json_schema").path("name").asText("");
    }

    /** The text of the request's message with {@code role}, or an empty string. */
    public static String message(JsonNode request, String role) {
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals(role)) {
                JsonNode content = message.path("content");
                return content.isTextual() ? content.asText() : content.toString();
            }
        }
        return "";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
                return;
            }
            rawBodies.add(body);
            JsonNode request = JSON.readTree(body);
            requests.add(request);
            Reply reply = responder.apply(request);
            if (reply.status() != 200) {
                ObjectNode error = JSON.createObjectNode();
                error.putObject("error").put("message", reply.content()).put("type", "server_error");
                send(exchange, reply.status(), error.toString());
                return;
            }
            ObjectNode response = JSON.createObjectNode();
            response.put("id", "chatcmpl-" + requests.size());
            response.put("object", "chat.completion");
            response.put("created", 1750000000L);
            response.put("model", request.path("model").asText());
            ObjectNode choice = response.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", reply.content());
            choice.put("finish_reason", "stop");
            int prompt = body.length() / 4;
            int completion = reply.content().length() / 4;
            response.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                    .put("total_tokens", prompt + completion);
            send(exchange, 200, response.toString());
        } catch (RuntimeException failure) {
            send(exchange, 500, "{\"error\":{\"message\":\"" + failure.getClass().getSimpleName() + "\"}}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
