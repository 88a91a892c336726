package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.team.TeamSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherFormatsCommandTest {

    /** Fixtures written from each format's specification, shared with core's source tests. */
    static final Path FORMATS = Path.of("../core/src/test/resources/formats").toAbsolutePath().normalize();
    static final String OTLP = FORMATS.resolve("otlp/genai-current.jsonl").toString();
    static final String AG2 = FORMATS.resolve("ag2/library-team.json").toString();

    @TempDir
    Path directory;

    private CommandRun kaizen(String... args) {
        return CommandRun.of(Map.of(), args);
    }

    private String state() {
        return directory.resolve("state").toString();
    }

    @Test
    void runOnTracesWithoutATeamSpecAnalyzesThemAndSaysHowToGetProposals() {
        CommandRun run = kaizen("run", "--logs", OTLP, "--state-dir", state());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Team metrics: research-team")
                .contains("No team spec: the logs were analyzed, but proposals need each agent's current prompts")
                .contains("kaizen4j init --logs " + OTLP + " --out team.yaml")
                .contains("kaizen4j run --logs " + OTLP + " --team-spec team.yaml");
        assertThat(run.err()).doesNotContain("Reading logs");
    }

    @Test
    void analyzeReadsAnAg2HistoryByContentOrByFormatFlag() {
        CommandRun detected = kaizen("analyze", "--logs", AG2, "--state-dir", state());
        CommandRun named = kaizen("analyze", "--logs", AG2, "--format", "ag2", "--team", "library",
                "--state-dir", state());

        assertThat(detected.exitCode()).as(detected.err()).isZero();
        assertThat(detected.out()).contains("Team metrics: library-team");
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(named.out()).contains("Team metrics: library");
    }

    @Test
    void anUnknownFormatIsABadInputWithTheChoices() {
        CommandRun run = kaizen("analyze", "--logs", AG2, "--format", "csv", "--state-dir", state());

        assertThat(run.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("unknown log format 'csv': use jsonl, otlp or ag2");
    }

    @Test
    void initWritesALoadableSpecWithAgentsToolsManagerAndThePromptsTheTracesCarry() throws IOException {
        Path spec = directory.resolve("spec/team.yaml");

        CommandRun init = kaizen("init", "--logs", OTLP, "--out", spec.toString(), "--state-dir", state());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("Wrote " + spec + ": team research-team, 3 agent(s) seen in 2 task(s) (otlp logs)")
                .contains("2 system prompt(s) were not in the logs");
        TeamSpec team = TeamSpecLoader.load(spec);
        assertThat(team.name()).isEqualTo("research-team");
        assertThat(team.manager()).isEqualTo("planner");
        assertThat(team.agents()).extracting(AgentSpec::name).containsExactly("planner", "researcher", "writer");
        assertThat(team.agent("planner").orElseThrow().systemPrompt())
                .isEqualTo("You are the planner. Split the work and review it.");
        assertThat(team.agent("researcher").orElseThrow().tools()).containsExactly("web_search");
        assertThat(team.agent("researcher").orElseThrow().systemPrompt()).isEmpty();
        assertThat(Files.readString(spec)).contains("# FILL IN: the current system prompt of researcher")
                .contains("# hands work to: researcher");

        CommandRun run = kaizen("run", "--logs", OTLP, "--team-spec", spec.toString(), "--state-dir", state());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("No system prompt in the team spec for researcher, writer")
                .doesNotContain("No team spec:");
    }

    @Test
    void initDoesNotOverwriteASpecUnlessForced() throws IOException {
        Path spec = directory.resolve("team.yaml");
        Files.writeString(spec, "name: mine\nagents: []\n");

        CommandRun refused = kaizen("init", "--logs", AG2, "--out", spec.toString(), "--state-dir", state());
        CommandRun forced = kaizen("init", "--logs", AG2, "--out", spec.toString(), "--force", "--state-dir", state());

        assertThat(refused.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(refused.err()).contains("exists: pass --force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(TeamSpecLoader.load(spec).agents()).extracting(AgentSpec::name)
                .containsExactly("Orchestrator", "WebSurfer", "Coder");
    }
}
