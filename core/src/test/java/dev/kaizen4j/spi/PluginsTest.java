package dev.kaizen4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.testing.Fixtures;
import java.nio.file.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    @TempDir
    Path directory;

    @Test
    void givenCoresProviders_whenListed_thenFileAndPatchFileAreFoundByServiceLoader() {
        assertThat(Plugins.backChannelProviders(Plugins.contextLoader())).extracting(BackChannelProvider::name)
                .contains("file");
        assertThat(Plugins.publisherProviders(Plugins.contextLoader())).extracting(ChangePublisherProvider::name)
                .contains("patch-file");
    }

    @Test
    void givenAnUnknownName_whenResolved_thenOneLineNamesTheKnownOnes() {
        assertThatThrownBy(() -> Plugins.backChannel("jira", KaizenConfig.empty()))
                .isInstanceOf(KaizenException.class)
                .hasMessageStartingWith("unknown back-channel 'jira'; known: ")
                .hasMessageContaining("file")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Plugins.publisher("gitlab", KaizenConfig.empty()))
                .hasMessageStartingWith("unknown publisher 'gitlab'; known: ")
                .hasMessageContaining("patch-file");
    }

    @Test
    void givenTheStateDirectory_whenTheFileProvidersCreate_thenTheyWorkBelowIt() throws IOException {
        Path spec = Files.writeString(directory.resolve("team.yaml"), """
                name: marketing-team
                agents:
                  - name: content_creator
                    role: Content Creator
                    system_prompt: "You write engaging marketing content for {brand}."
                """);
        KaizenConfig config = KaizenConfig.of(Map.of("state.dir", directory.toString(), "team.spec", spec.toString(),
                "repo.root", directory.toString()));

        try (BackChannel channel = Plugins.backChannel("FILE", config);
                ChangePublisher publisher = Plugins.publisher("patch-file", config)) {
            assertThat(((FileBackChannel) channel).directory()).isEqualTo(directory.resolve("requests"));
            assertThat(publisher.publish(Fixtures.request("Use it."), new ReviewDecision(
                    Verdict.APPROVED, "alice", "", Fixtures.NOW)).reference())
                    .startsWith(directory.resolve("patches").toString());
        }
    }

    @Test
    void givenAnExplicitDirectory_whenTheFileProviderCreates_thenItWinsOverTheStateDirectory() {
        KaizenConfig config = KaizenConfig.of(Map.of("state.dir", "elsewhere", "file.directory",
                directory.resolve("inbox").toString()));

        try (BackChannel channel = Plugins.backChannel("file", config)) {
            assertThat(((FileBackChannel) channel).directory()).isEqualTo(directory.resolve("inbox"));
        }
    }
}
