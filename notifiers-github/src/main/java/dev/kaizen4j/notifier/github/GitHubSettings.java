package dev.kaizen4j.notifier.github;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.spi.KaizenConfig;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and as whom to reach GitHub. The token is never shown: {@link #toString()} masks it.
 *
 * @param repository the repository as {@code owner/name}
 * @param token a personal access token or app installation token with issues write access (and, for
 *     pull requests, contents and pull requests write access)
 * @param apiUrl the REST API root: {@value #DEFAULT_API_URL}, or {@code https://HOST/api/v3} for GitHub
 *     Enterprise Server
 */
public record GitHubSettings(String repository, String token, String apiUrl) {

    /** The API root of github.com. */
    public static final String DEFAULT_API_URL = "https://api.github.com";
    /** Environment variable holding the token. */
    public static final String TOKEN_VARIABLE = "KAIZEN_GITHUB_TOKEN";
    /** Environment variable holding {@code owner/name}. */
    public static final String REPOSITORY_VARIABLE = "KAIZEN_GITHUB_REPOSITORY";
    /** Environment variable holding the API root; optional. */
    public static final String API_URL_VARIABLE = "KAIZEN_GITHUB_API_URL";

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    public GitHubSettings {
        requireNonNull(repository, "repository");
        requireNonNull(token, "token");
        requireNonNull(apiUrl, "apiUrl");
        repository = repository.strip();
        if (!REPOSITORY.matcher(repository).matches()) {
            throw KaizenException.invalidInput("GitHub repository must be written owner/name, was '" + repository + "'");
        }
        if (token.isBlank()) {
            throw KaizenException.invalidInput("GitHub token for " + repository + " is blank");
        }
        apiUrl = apiUrl.strip();
        while (apiUrl.endsWith("/")) {
            apiUrl = apiUrl.substring(0, apiUrl.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(apiUrl);
        } catch (IllegalArgumentException invalid) {
            throw KaizenException.invalidInput("GitHub API URL '" + apiUrl + "' is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw KaizenException.invalidInput("GitHub API URL must be an http(s) URL with a host, was '" + apiUrl + "'");
        }
    }

    /** Settings for github.com. */
    public static GitHubSettings of(String repository, String token) {
        return new GitHubSettings(repository, token, DEFAULT_API_URL);
    }

    /**
     * Reads {@value #TOKEN_VARIABLE}, {@value #REPOSITORY_VARIABLE} and, optionally,
     * {@value #API_URL_VARIABLE} (default {@value #DEFAULT_API_URL}), as {@link GitHubConfig} does.
     *
     * @throws KaizenException naming every missing or invalid variable
     */
    public static GitHubSettings fromEnvironment(Map<String, String> environment) {
        requireNonNull(environment, "environment");
        return GitHubConfig.of(KaizenConfig.fromEnvironment(environment)).settings();
    }

    /** {@link #fromEnvironment(Map)} on the process environment. */
    public static GitHubSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The repository owner. */
    public String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    @Override
    public String toString() {
        return "GitHubSettings[repository=" + repository + ", apiUrl=" + apiUrl + ", token=****]";
    }
}
