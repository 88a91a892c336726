package dev.kaizen4j.samples.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A review service on loopback, answering as the webhook plugin's service does: {@code PUT /requests/ID}
 * stores a request (201, or 200 when it exists), {@code GET /requests/ID/decision} answers 404 until a
 * reviewer decides, then the decision as JSON.
 */
public final class ReviewService implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> requests = new LinkedHashMap<>();
    private final Map<String, String> decisions = new LinkedHashMap<>();
    private final List<String> received = new ArrayList<>();

    public ReviewService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/requests/", this::handle);
        server.start();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public synchronized Map<String, String> requests() {
        return Map.copyOf(requests);
    }

    /** Every call as received: method, path, authorization header and body. */
    public synchronized String received() {
        return String.join("\n", received);
    }

    public synchronized void decide(String requestId, String verdict, String reviewer, String notes) {
        decisions.put(requestId, "{\"verdict\":\"" + verdict + "\",\"reviewer\":\"" + reviewer + "\",\"notes\":\""
                + notes + "\",\"decided_at\":\"" + Instant.parse("2025-06-16T10:00:00Z") + "\"}");
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/requests/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + "\n" + body);
        if (exchange.getRequestMethod().equals("PUT") && !path.contains("/")) {
            int status = requests.containsKey(path) ? 200 : 201;
            requests.put(path, body);
            answer(exchange, status, "");
        } else if (exchange.getRequestMethod().equals("GET") && path.endsWith("/decision")) {
            String decision = decisions.get(path.substring(0, path.length() - "/decision".length()));
            answer(exchange, decision == null ? 404 : 200, decision == null ? "{}" : decision);
        } else {
            answer(exchange, 405, "");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
