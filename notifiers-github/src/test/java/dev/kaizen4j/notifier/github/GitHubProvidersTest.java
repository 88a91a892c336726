package dev.kaizen4j.notifier.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.contract.ContractRequests;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.Plugins;
import java.io.File;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class GitHubProvidersTest {

    @AutoClose
    private final FakeGitHub github = new FakeGitHub();

    @Test
    void givenTheGitHubSettings_whenTheChannelIsMadeByName_thenItOpensIssuesInThatRepository() {
        KaizenConfig config = KaizenConfig.fromEnvironment(Map.of("KAIZEN_GITHUB_REPOSITORY", FakeGitHub.REPOSITORY,
                "KAIZEN_GITHUB_TOKEN", FakeGitHub.TOKEN, "KAIZEN_GITHUB_API_URL", github.apiUrl()));

        try (BackChannel channel = Plugins.backChannel("github", config);
                ChangePublisher publisher = Plugins.publisher("github", config)) {
            Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

            assertThat(channel.name()).isEqualTo("github:acme/agents");
            assertThat(submission.isSubmitted()).as("submitted: %s", submission.error()).isTrue();
            assertThat(github.issues()).hasSize(1);
            assertThat(publisher).isInstanceOf(GitHubChangePublisher.class);
        }
    }

    @Test
    void givenSeveralBadSettings_whenTheChannelIsMadeByName_thenEveryProblemIsNamedAndTheTokenIsNot() {
        KaizenConfig config = KaizenConfig.of(Map.of("github.repository", "agents", "github.token", FakeGitHub.TOKEN,
                "github.api.url", "not a url", "github.max.rate.limit.wait", "a while"));

        assertThatThrownBy(() -> Plugins.backChannel("github", config))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("kaizen.github.repository (KAIZEN_GITHUB_REPOSITORY) must be written owner/name")
                .hasMessageContaining("kaizen.github.api.url (KAIZEN_GITHUB_API_URL) must be an http(s) URL")
                .hasMessageContaining("kaizen.github.max.rate.limit.wait (KAIZEN_GITHUB_MAX_RATE_LIMIT_WAIT)")
                .hasMessageNotContaining(FakeGitHub.TOKEN);
        assertThat(GitHubConfig.of(config).describe()).contains("kaizen.github.token=****")
                .doesNotContain(FakeGitHub.TOKEN);
    }

    @Test
    void givenTheNotifier_thenAtMostFourPublicTypesLieOutsideInternal() throws Exception {
        Path classes = Path.of(GitHubBackChannel.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/kaizen4j/notifier/github");
        List<String> publicTypes;
        try (Stream<Path> files = Files.list(classes)) {
            publicTypes = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class"))
                    .map(name -> "dev.kaizen4j.notifier.github." + name.substring(0, name.length() - ".class".length()))
                    .filter(GitHubProvidersTest::isPublic)
                    .sorted()
                    .toList();
        }

        assertThat(publicTypes).as("public types in %s", classes + File.separator).containsExactly(
                "dev.kaizen4j.notifier.github.GitHubBackChannel", "dev.kaizen4j.notifier.github.GitHubChangePublisher",
                "dev.kaizen4j.notifier.github.GitHubConfig", "dev.kaizen4j.notifier.github.GitHubSettings");
    }

    private static boolean isPublic(String className) {
        try {
            return Modifier.isPublic(Class.forName(className).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
