package dev.kaizen4j.notifier.supabase;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Supabase's API gateway in front of a {@link PostgrestServer}: serves {@code /rest/v1/<table>} by
 * forwarding to PostgREST's {@code /<table>}, refuses requests without an {@code apikey} header as
 * Supabase's gateway does, and records what clients sent. Tests can make it answer the next requests
 * with a fault (such as a 503 while the database restarts) before forwarding again.
 */
public final class SupabaseGateway implements AutoCloseable {

    private static final String PREFIX = "/rest/v1";
    private static final Set<String> FORWARDED_REQUEST_HEADERS =
            Set.of("authorization", "prefer", "content-type", "accept", "range");
    private static final Set<String> FORWARDED_RESPONSE_HEADERS =
            Set.of("content-type", "content-range", "preference-applied", "location");

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> sent = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();

    private SupabaseGateway(HttpServer server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** A gateway on a free loopback port forwarding to {@code postgrest}. */
    public static SupabaseGateway in(PostgrestServer postgrest) {
        return forwardingTo(postgrest.url());
    }

    /** A gateway forwarding to {@code upstream}, which may be a closed port. */
    public static SupabaseGateway forwardingTo(URI upstream) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SupabaseGateway gateway = new SupabaseGateway(server, upstream);
            server.createContext("/", gateway::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway", e);
        }
    }

    /** The project URL, as Supabase shows it ({@code https://xyz.supabase.co}); the API lives under {@code /rest/v1}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next {@code count} requests with {@code status} and {@code body} instead of forwarding them. */
    public synchronized void failNext(int count, int status, String body) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(status, body));
        }
    }

    /** Forgets the faults not answered yet. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    /** The requests received so far (method, path with query, body), one text each. */
    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    /** How many requests reached the gateway, faults included. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Fault fault;
            synchronized (this) {
                sent.add(exchange.getRequestMethod() + " " + pathAndQuery + "\n" + new String(body, UTF_8));
                fault = faults.poll();
            }
            if (fault != null) {
                respond(exchange, fault.status(), fault.body());
                return;
            }
            if (!pathAndQuery.startsWith(PREFIX + "/")) {
                respond(exchange, 404, "{\"message\":\"no Route matched with those values\"}");
                return;
            }
            if (exchange.getRequestHeaders().getFirst("apikey") == null) {
                respond(exchange, 401, "{\"message\":\"No API key found in request\"}");
                return;
            }
            forward(exchange, pathAndQuery.substring(PREFIX.length()), body);
        }
    }

    private void forward(HttpExchange exchange, String pathAndQuery, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Supabase's gateway answers 502 when its upstream cannot be reached
            respond(exchange, 502, "{\"message\":\"An invalid response was received from the upstream server\"}");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "{\"message\":\"interrupted\"}");
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (FORWARDED_RESPONSE_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private record Fault(int status, String body) {}
}
