package dev.kaizen4j.notifier.github;

import dev.kaizen4j.spi.ConfigKey;
import dev.kaizen4j.spi.ConfigKey.Type;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.PluginConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The GitHub notifier's settings, below the prefix {@code github}: the property
 * {@code kaizen.github.token} or the variable {@code KAIZEN_GITHUB_TOKEN}, and so on. Read them from any
 * source: {@code GitHubConfig.of(KaizenConfig.fromEnvironment(System.getenv()))}. The token is never shown.
 */
public interface GitHubConfig extends PluginConfig {

    ConfigKey REPOSITORY = ConfigKey.required("repository", Type.STRING,
            "the repository holding review issues and pull requests, as owner/name");
    ConfigKey TOKEN = ConfigKey.required("token", Type.SECRET,
            "a token with issues write access (and contents and pull requests write access to publish)");
    ConfigKey API_URL = ConfigKey.optional("api.url", Type.URL, GitHubSettings.DEFAULT_API_URL,
            "the REST API root; https://HOST/api/v3 for GitHub Enterprise Server");
    ConfigKey MAX_RATE_LIMIT_WAIT = ConfigKey.optional("max.rate.limit.wait", Type.DURATION, "60s",
            "the longest a call waits when rate limited; longer waits fail as retriable");
    ConfigKey TEAM_SPEC_PATH = ConfigKey.optional("team.spec.path", Type.STRING, "teams/{team}/team.yaml",
            "pull requests: the team spec file in the repository; {team} stands for the team's name");
    ConfigKey SOURCE_DIR = ConfigKey.optional("source.dir", Type.STRING, null,
            "pull requests: the folder agents' source files are relative to; default the repository root");
    ConfigKey BASE_BRANCH = ConfigKey.optional("base.branch", Type.STRING, null,
            "pull requests: the branch they target; default the repository's default branch");

    /** Every setting, in the order the README lists them. */
    List<ConfigKey> KEYS = List.of(REPOSITORY, TOKEN, API_URL, MAX_RATE_LIMIT_WAIT, TEAM_SPEC_PATH, SOURCE_DIR,
            BASE_BRANCH);

    /** The GitHub settings of {@code source}. */
    static GitHubConfig of(KaizenConfig source) {
        return source::get;
    }

    @Override
    default String prefix() {
        return "github";
    }

    @Override
    default List<ConfigKey> keys() {
        return KEYS;
    }

    /** The generic checks, and that the repository is written {@code owner/name}. */
    @Override
    default List<String> problems() {
        List<String> problems = new ArrayList<>(PluginConfig.super.problems());
        value(REPOSITORY).filter(repository -> !Pattern.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository))
                .ifPresent(repository -> problems.add("kaizen.github.repository (KAIZEN_GITHUB_REPOSITORY) must be"
                        + " written owner/name, was '" + repository + "'"));
        return problems;
    }

    /**
     * Repository, token and API URL, checked.
     *
     * @throws dev.kaizen4j.KaizenException listing every invalid or missing setting
     */
    default GitHubSettings settings() {
        validate();
        return new GitHubSettings(string(REPOSITORY), string(TOKEN), string(API_URL));
    }

    default Duration maxRateLimitWait() {
        return duration(MAX_RATE_LIMIT_WAIT);
    }
}
