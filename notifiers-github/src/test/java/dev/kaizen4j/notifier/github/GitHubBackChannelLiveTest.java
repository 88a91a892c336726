package dev.kaizen4j.notifier.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.contract.ContractRequests;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GitHubBuilder;

/**
 * Against real GitHub; runs only when {@code KAIZEN_GITHUB_TOKEN} and {@code KAIZEN_GITHUB_REPOSITORY}
 * name a repository the token may open issues in (so it runs with the unit tests, in {@code mvn test}
 * and {@code mvn verify}, whenever they are set). Opens one issue and closes it again.
 */
@EnabledIfEnvironmentVariable(named = "KAIZEN_GITHUB_TOKEN", matches = ".+")
@EnabledIfEnvironmentVariable(named = "KAIZEN_GITHUB_REPOSITORY", matches = ".+/.+")
class GitHubBackChannelLiveTest {

    @Test
    void givenARealRepository_whenARequestIsSubmittedTwice_thenOneIssueHoldsItUndecided() throws IOException {
        GitHubSettings settings = GitHubSettings.fromEnvironment(System.getenv());
        GitHubBackChannel channel = GitHubBackChannel.builder().settings(settings).build();
        ImprovementRequest request = ContractRequests.request("Live check " + Instant.now());

        Submission first = channel.submit(request);
        Submission second = channel.submit(request);

        try {
            assertThat(first.isSubmitted()).as("submitted: %s", first.error()).isTrue();
            assertThat(second.externalId()).isEqualTo(first.externalId());
            assertThat(channel.decisionFor(first)).isEmpty();
        } finally {
            if (first.isSubmitted()) {
                GHIssue issue = new GitHubBuilder().withEndpoint(settings.apiUrl()).withOAuthToken(settings.token())
                        .build().getRepository(settings.repository()).getIssue(Integer.parseInt(first.externalId()));
                issue.comment("/reject Live test of the Kaizen4j GitHub back-channel; closing.");
                if (issue.getState() == GHIssueState.OPEN) {
                    issue.close();
                }
            }
        }
    }
}
