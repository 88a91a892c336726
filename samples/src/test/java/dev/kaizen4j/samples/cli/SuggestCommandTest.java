package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuggestCommandTest {

    private static final String MARKETING_SPEC = "src/main/resources/examples/marketing-team/team.yaml";

    @TempDir
    Path directory;

    @Test
    void givenAChangeVerifiedEffective_whenSuggested_thenAnotherTeamsAgentOfTheSameRoleGetsARequest()
            throws IOException {
        String id = verifiedContentCreatorRequest(0.60, 0.85);
        Path news = newsTeamSpec();

        CommandRun result = kaizen("suggest", "--from", id, "--team-spec", MARKETING_SPEC, news.toString(),
                "--state-dir", state());
        CommandRun again = kaizen("suggest", "--from", id, "--team-spec", MARKETING_SPEC, news.toString(),
                "--state-dir", state());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Suggesting " + id)
                .containsPattern("news-team: news-team-[0-9a-f]{8} submitted - refine writer system_prompt")
                .contains(" You write news for {{outlet}}.");
        String request = Files.readString(directory.resolve("state/requests/" + requestId("refine writer system_prompt")
                + ".json"));
        assertThat(request).contains("origin:" + id).contains("Verified effective in team marketing-team");
        assertThat(again.out()).contains("suppressed duplicate");
    }

    @Test
    void givenAChangeNotVerifiedEffective_whenSuggested_thenAClearError() throws IOException {
        kaizen("run", "--state-dir", state());
        String id = contentCreatorRequestId();

        CommandRun result = kaizen("suggest", "--from", id, "--team-spec", MARKETING_SPEC, newsTeamSpec().toString(),
                "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("is submitted; only changes verified effective are suggested");
    }

    @Test
    void givenASmallLift_whenSuggested_thenNothingIsSuggested() throws IOException {
        String id = verifiedContentCreatorRequest(0.60, 0.85);

        CommandRun result = kaizen("suggest", "--from", id, "--team-spec", MARKETING_SPEC, newsTeamSpec().toString(),
                "--threshold", "0.9", "--state-dir", state());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("is below the threshold 0.9; nothing to suggest");
    }

    @Test
    void givenHelp_thenTheCommandIsDocumented() {
        CommandRun result = kaizen("suggest", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: kaizen4j suggest").contains("--from=ID").contains("--team-spec=FILE");
    }

    private String verifiedContentCreatorRequest(double controlRate, double treatmentRate) throws IOException {
        kaizen("run", "--state-dir", state());
        String id = contentCreatorRequestId();
        kaizen("review", "approve", id, "--state-dir", state());
        Path logs = VerifyCommandTest.experimentLog(directory, 1000, controlRate, treatmentRate, false);
        CommandRun verify = kaizen("verify", "--logs", logs.toString(), "--experiment", "writer-checklist",
                "--request", id, "--state-dir", state());
        assertThat(verify.out()).as(verify.err()).contains("Recorded verified_effective for " + id);
        return id;
    }

    private Path newsTeamSpec() throws IOException {
        Path spec = directory.resolve("news/team.yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, """
                name: news-team
                agents:
                  - name: writer
                    role: Content Creator
                    system_prompt: |
                      You write news for {{outlet}}.
                      Check every figure twice.
                  - name: photo_editor
                    role: Photo Editor
                    system_prompt: You pick photos for {{outlet}}.
                """);
        return spec;
    }

    private String contentCreatorRequestId() {
        return requestId("refine content_creator system_prompt");
    }

    private String requestId(String summary) {
        return kaizen("review", "list", "--state-dir", state()).out().lines()
                .filter(line -> line.endsWith(summary))
                .map(line -> line.split("\\s+")[0])
                .findFirst().orElseThrow();
    }

    private String state() {
        return directory.resolve("state").toString();
    }

    private static CommandRun kaizen(String... args) {
        return CommandRun.of(Map.of(), args);
    }
}
