package dev.kaizen4j.notifier.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubSettingsTest {

    @Test
    void givenTheEnvironment_whenRead_thenRepositoryTokenAndApiUrlAreTaken() {
        GitHubSettings settings = GitHubSettings.fromEnvironment(Map.of("KAIZEN_GITHUB_TOKEN", "ghp_secret",
                "KAIZEN_GITHUB_REPOSITORY", "acme/agents", "KAIZEN_GITHUB_API_URL", "https://ghe.acme.test/api/v3/"));

        assertThat(settings).isEqualTo(new GitHubSettings("acme/agents", "ghp_secret", "https://ghe.acme.test/api/v3"));
        assertThat(settings.owner()).isEqualTo("acme");
    }

    @Test
    void givenNoApiUrl_whenRead_thenGitHubComIsUsed() {
        GitHubSettings settings = GitHubSettings.fromEnvironment(Map.of("KAIZEN_GITHUB_TOKEN", "t",
                "KAIZEN_GITHUB_REPOSITORY", "acme/agents"));

        assertThat(settings.apiUrl()).isEqualTo("https://api.github.com");
    }

    @Test
    void givenNoToken_whenRead_thenTheMessageNamesTheVariable() {
        assertThatThrownBy(() -> GitHubSettings.fromEnvironment(Map.of("KAIZEN_GITHUB_REPOSITORY", "acme/agents")))
                .isInstanceOfSatisfying(KaizenException.class,
                        e -> assertThat(e.kind()).isEqualTo(KaizenException.Kind.INVALID_INPUT))
                .hasMessageContaining("KAIZEN_GITHUB_TOKEN) is required");
    }

    @Test
    void givenNoRepository_whenRead_thenTheMessageNamesTheVariable() {
        assertThatThrownBy(() -> GitHubSettings.fromEnvironment(Map.of("KAIZEN_GITHUB_TOKEN", "t")))
                .hasMessageContaining("KAIZEN_GITHUB_REPOSITORY) is required").hasMessageContaining("owner/name");
    }

    @Test
    void givenARepositoryWithoutOwner_whenCreated_thenItIsRefused() {
        assertThatThrownBy(() -> GitHubSettings.of("agents", "t")).hasMessageContaining("owner/name");
        assertThatThrownBy(() -> new GitHubSettings("acme/agents", "t", "ftp://x"))
                .hasMessageContaining("http(s) URL");
    }

    @Test
    void givenSettings_whenPrinted_thenTheTokenIsMasked() {
        assertThat(GitHubSettings.of("acme/agents", "ghp_secret").toString())
                .isEqualTo("GitHubSettings[repository=acme/agents, apiUrl=https://api.github.com, token=****]");
    }

    @Test
    void givenABuilderWithoutToken_whenBuilt_thenItSaysWhatIsMissing() {
        assertThatThrownBy(() -> GitHubBackChannel.builder().repository("acme/agents").build())
                .isInstanceOf(KaizenException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> GitHubChangePublisher.builder().token("t").build())
                .isInstanceOf(KaizenException.class).hasMessageContaining("repository");
    }

    @Test
    void givenTheEnvironment_whenBuildingFromIt_thenNothingIsSentYet() {
        GitHubBackChannel channel = GitHubBackChannel.fromEnvironment(Map.of("KAIZEN_GITHUB_TOKEN", "t",
                "KAIZEN_GITHUB_REPOSITORY", "acme/agents", "KAIZEN_GITHUB_API_URL", "http://127.0.0.1:9")).build();

        assertThat(channel.name()).isEqualTo("github:acme/agents");
        assertThat(channel.repository()).isEqualTo("acme/agents");
    }
}
