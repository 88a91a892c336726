package dev.kaizen4j.notifier.github.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.github.GitHubSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * One repository on one GitHub, reached through github-api with bounded rate-limit waits; turns
 * every failure into a {@link KaizenException} whose message names the repository and the operation
 * and never contains the token.
 */
public final class GitHubAccess {

    /** A call to github-api. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private final GitHubSettings settings;
    private final GitHub github;
    private volatile @Nullable GHRepository repository;

    private GitHubAccess(GitHubSettings settings, GitHub github) {
        this.settings = settings;
        this.github = github;
    }

    /** Prepares the client; sends nothing. */
    public static GitHubAccess connect(GitHubSettings settings, Duration maxRateLimitWait, Sleeper sleeper,
            Clock clock) {
        requireNonNull(settings, "settings");
        RateLimitWaits waits = new RateLimitWaits(maxRateLimitWait, sleeper, clock);
        try {
            GitHub github = new GitHubBuilder()
                    .withEndpoint(settings.apiUrl())
                    // a plain provider: github-api would otherwise call GET /user to learn the login
                    .withAuthorizationProvider(new TokenAuthorization(settings.token()))
                    .withRateLimitHandler(waits.primary())
                    .withAbuseLimitHandler(waits.secondary())
                    .build();
            return new GitHubAccess(settings, github);
        } catch (IOException | RuntimeException failure) {
            throw KaizenException.invalidInput("cannot set up the GitHub client for " + settings.repository() + " at "
                    + settings.apiUrl() + ": " + scrub(String.valueOf(failure.getMessage()), settings.token()));
        }
    }

    public GitHubSettings settings() {
        return settings;
    }

    /** The repository, read once and then kept. */
    public GHRepository repository() throws IOException {
        GHRepository known = repository;
        if (known == null) {
            known = github.getRepository(settings.repository());
            repository = known;
        }
        return known;
    }

    /**
     * Runs {@code call}, describing a failure as {@code operation} (for example "creating the issue").
     *
     * @throws KaizenException on any failure, with a kind that says whether a retry can help
     */
    public <T> T call(String operation, Call<T> call) {
        try {
            return call.run();
        } catch (IOException | RuntimeException failure) {
            if (failure instanceof KaizenException || failure instanceof UnsupportedOperationException) {
                throw (RuntimeException) failure; // already described, or for the caller to describe
            }
            throw failure(operation, failure);
        }
    }

    /** Describes a failure of {@code operation}. */
    public KaizenException failure(String operation, Exception failure) {
        String where = " while " + operation + " in " + settings.repository();
        RateLimitWaitExceeded limited = cause(failure, RateLimitWaitExceeded.class);
        if (limited != null) {
            return new KaizenException(KaizenException.Kind.RATE_LIMITED, "GitHub rate limit reached (HTTP "
                    + limited.status() + ")" + where + "; GitHub asks to retry in " + limited.retryAfter().toSeconds()
                    + "s", limited);
        }
        if (cause(failure, InterruptedIOException.class) != null) {
            return new KaizenException(KaizenException.Kind.RETRIABLE, "interrupted" + where);
        }
        HttpException http = cause(failure, HttpException.class);
        int status = http == null ? -1 : http.getResponseCode();
        if (status <= 0 && cause(failure, FileNotFoundException.class) != null) {
            status = 404;
        }
        String detail = detail(failure);
        return switch (status) {
            case 401 -> new KaizenException(KaizenException.Kind.AUTHENTICATION, "GitHub refused the token (401 Unauthorized)"
                    + where + ": check " + GitHubSettings.TOKEN_VARIABLE + detail, null);
            case 403 -> new KaizenException(KaizenException.Kind.AUTHENTICATION, "GitHub denied access (403 Forbidden)"
                    + where + ": the token lacks the permission for this" + detail, null);
            case 404 -> KaizenException.invalidInput("GitHub answered 404 Not Found" + where
                    + ": the repository or the item does not exist, or the token cannot see it" + detail);
            case 409 -> new KaizenException(KaizenException.Kind.RETRIABLE, "GitHub reported a conflict (409)" + where
                    + ": the branch or file changed meanwhile" + detail, null);
            case 422 -> KaizenException.invalidInput("GitHub rejected the request as invalid (422 Unprocessable Entity)"
                    + where + detail);
            case 429 -> new KaizenException(KaizenException.Kind.RATE_LIMITED, "GitHub rate limit reached (429)" + where
                    + detail, null);
            default -> {
                if (status >= 500) {
                    yield new KaizenException(KaizenException.Kind.RETRIABLE, "GitHub is unavailable (HTTP " + status + ")"
                            + where + detail, null);
                }
                if (status >= 400) {
                    yield KaizenException.invalidInput("GitHub answered HTTP " + status + where + detail);
                }
                if (failure instanceof GHIOException && String.valueOf(failure.getMessage()).startsWith("Ran out of retries")) {
                    yield new KaizenException(KaizenException.Kind.RATE_LIMITED, "GitHub kept refusing requests"
                            + where + " after waiting for its rate limit", null);
                }
                Throwable root = failure; // github-api's wrapper says "HTTP response code: -1"; name what failed below it
                while (root.getClass().getName().startsWith("org.kohsuke.") && root.getCause() != null
                        && root.getCause() != root) {
                    root = root.getCause();
                }
                String reason = root.getClass().getSimpleName()
                        + (root.getMessage() == null || root.getMessage().isBlank() ? "" : " " + root.getMessage());
                yield new KaizenException(KaizenException.Kind.RETRIABLE, "cannot reach GitHub at " + settings.apiUrl()
                        + where + ": " + scrub(reason, settings.token()), failure);
            }
        };
    }

    /** GitHub's own explanation from the error body, such as "Bad credentials" or "Validation Failed". */
    private String detail(Exception failure) {
        String message = failure.getMessage();
        if (message == null) {
            return "";
        }
        int json = message.indexOf('{');
        String text = null;
        if (json >= 0) {
            try {
                JsonNode body = JSON.readTree(message.substring(json));
                StringBuilder explained = new StringBuilder(body.path("message").asText(""));
                for (JsonNode error : body.path("errors")) {
                    String part = error.isTextual() ? error.asText()
                            : error.path("message").asText(error.path("code").asText("") + " "
                                    + error.path("field").asText("")).strip();
                    if (!part.isBlank()) {
                        explained.append(explained.length() == 0 ? "" : "; ").append(part);
                    }
                }
                text = explained.toString();
            } catch (IOException notJson) {
                text = null;
            }
        }
        if (text == null || text.isBlank()) {
            return "";
        }
        text = scrub(text, settings.token());
        return " (GitHub says: " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text) + ")";
    }

    /** {@code text} with every occurrence of {@code secret} masked. */
    public static String scrub(String text, String secret) {
        return secret.isEmpty() ? text : text.replace(secret, "****");
    }

    /** Sends the token as GitHub documents it; its {@code toString} shows no secret. */
    private static final class TokenAuthorization implements AuthorizationProvider {
        private final String header;

        TokenAuthorization(String token) {
            this.header = "token " + token;
        }

        @Override
        public String getEncodedAuthorization() {
            return header;
        }

        @Override
        public String toString() {
            return "TokenAuthorization[****]";
        }
    }

    private static <E extends Throwable> @Nullable E cause(Throwable failure, Class<E> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
