package dev.kaizen4j.samples.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionRead;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestMarkdown;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Puts each request to {@code <url>/requests/<id>} as Markdown and reads {@code <url>/requests/<id>/decision}. */
public final class WebhookBackChannel implements BackChannel {

    private final HttpClient http = HttpClient.newHttpClient();
    private final WebhookConfig config;

    public WebhookBackChannel(WebhookConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Submission submit(ImprovementRequest request) {
        String body = "# " + request.title() + "\n\n" + RequestMarkdown.render(request)
                + "\nfingerprint: " + request.fingerprint() + "\n";
        try {   // PUT is idempotent: the same request lands on the same resource
            HttpResponse<String> response = send(call(request.id()).PUT(HttpRequest.BodyPublishers.ofString(body)));
            if (response.statusCode() / 100 == 2) {
                return Submission.submitted(name(), request.id(), request.id(), config.url() + "/requests/" + request.id());
            }
            return Submission.failed(name(), request.id(), "HTTP " + response.statusCode(), response.statusCode() >= 500);
        } catch (IOException failure) {
            return Submission.failed(name(), request.id(), "cannot reach " + config.url() + ": " + failure, true);
        }
    }

    @Override
    public Optional<ReviewDecision> decisionFor(Submission submission) {
        try {
            return decision(submission);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    @Override   // so that a service that cannot be read is reported, not taken for "nobody decided yet"
    public DecisionRead readDecisions(Collection<Submission> submissions) {
        return DecisionRead.each(submissions, this::decision);
    }

    private Optional<ReviewDecision> decision(Submission submission) throws IOException {
        HttpResponse<String> response;
        try {
            response = send(call(submission.requestId() + "/decision").GET());
        } catch (IOException unreachable) {
            throw new IOException("cannot reach " + config.url() + ": " + unreachable, unreachable);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();   // nobody decided yet
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + config.url());
        }
        JsonNode json = new ObjectMapper().readTree(response.body());
        return Verdict.parse(json.path("verdict").asText()).map(verdict -> new ReviewDecision(verdict,
                json.path("reviewer").asText("unknown"), json.path("notes").asText(""),
                Instant.parse(json.path("decided_at").asText())));
    }

    private HttpRequest.Builder call(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.url() + "/requests/" + path))
                .timeout(config.timeout());
        config.token().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
    }
}
