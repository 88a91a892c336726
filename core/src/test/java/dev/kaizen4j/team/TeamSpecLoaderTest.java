package dev.kaizen4j.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamSpecLoaderTest {

    @TempDir
    Path directory;

    @Test
    void givenACrewStyleYamlSpec_whenLoaded_thenEveryFieldIsRead() throws IOException {
        Path file = write("team.yaml", """
                name: marketing-team
                description: Content marketing
                manager: manager
                agents:
                  - name: manager
                    role: Marketing Manager
                  - name: content_creator
                    role: Content Creator
                    goal: Write posts
                    backstory: A former journalist
                    system_prompt: |
                      You write for {{brand}}.
                    tools: [write_draft]
                    source_file: agents/ContentCreator.java
                    parameters:
                      temperature: 0.8
                      limits: {words: 1200}
                checks:
                  - name: seo-keywords
                    description: content tasks mention the target keyword
                    agent: content_creator
                    task_type: content
                    deliverable_mentions: target_keyword
                """);

        TeamSpec team = TeamSpecLoader.load(file);

        assertThat(team.name()).isEqualTo("marketing-team");
        assertThat(team.manager()).isEqualTo("manager");
        AgentSpec creator = team.agent("content_creator").orElseThrow();
        assertThat(creator.systemPrompt()).isEqualTo("You write for {{brand}}.\n");
        assertThat(creator.tools()).containsExactly("write_draft");
        assertThat(creator.parameters()).containsEntry("temperature", 0.8);
        assertThat(team.sourcePath("content_creator")).contains(directory.resolve("agents/ContentCreator.java"));
        assertThat(team.checks()).singleElement().satisfies(check -> {
            assertThat(check.taskType()).isEqualTo("content");
            assertThat(check.deliverableMentions()).isEqualTo("target_keyword");
        });
    }

    @Test
    void givenAgentsKeyedByName_whenLoaded_thenTheKeysAreTheNames() throws IOException {
        Path file = write("agents.yaml", """
                team: research-crew
                agents:
                  researcher:
                    role: Senior Researcher
                    goal: Find facts
                  writer:
                    role: Writer
                """);

        TeamSpec team = TeamSpecLoader.load(file);

        assertThat(team.name()).isEqualTo("research-crew");
        assertThat(team.agents()).extracting(AgentSpec::name).containsExactly("researcher", "writer");
    }

    @Test
    void givenAJsonSpec_whenLoaded_thenItIsReadAsJson() throws IOException {
        Path file = write("team.json", """
                {"name": "ops", "agents": [{"name": "planner", "systemPrompt": "Plan {task}."}]}
                """);

        TeamSpec team = TeamSpecLoader.load(file);

        assertThat(team.agent("planner").orElseThrow().systemPrompt()).isEqualTo("Plan {task}.");
    }

    @Test
    void givenAnAgentWithoutName_whenLoaded_thenTheErrorNamesFileLineAndKey() throws IOException {
        Path file = write("team.yaml", """
                name: ops
                agents:
                  - name: planner
                  - role: Writer
                """);

        assertThatThrownBy(() -> TeamSpecLoader.load(file))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 4")
                .hasMessageContaining("agents[1].name");
    }

    @Test
    void givenBrokenYaml_whenLoaded_thenTheErrorNamesTheLine() throws IOException {
        Path file = write("team.yaml", "name: ops\nagents:\n  - name: [unclosed\n");

        assertThatThrownBy(() -> TeamSpecLoader.load(file))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining(file.toString())
                .hasMessageMatching("(?s).*line \\d+: not valid YAML.*");
    }

    @Test
    void givenAManagerWhoIsNotAnAgent_whenLoaded_thenItIsRejected() throws IOException {
        Path file = write("team.yaml", "name: ops\nmanager: boss\nagents:\n  - name: planner\n");

        assertThatThrownBy(() -> TeamSpecLoader.load(file))
                .hasMessageContaining("line 2")
                .hasMessageContaining("manager 'boss' is not one of the agents");
    }

    @Test
    void givenTheSameAgentTwice_whenLoaded_thenItIsRejected() throws IOException {
        Path file = write("team.yaml", "name: ops\nagents:\n  - name: planner\n  - name: planner\n");

        assertThatThrownBy(() -> TeamSpecLoader.load(file)).hasMessageContaining("agent 'planner' is listed twice");
    }

    @Test
    void givenToolsThatAreNotAList_whenLoaded_thenTheErrorNamesTheKey() throws IOException {
        Path file = write("team.yaml", "name: ops\nagents:\n  - name: planner\n    tools: search\n");

        assertThatThrownBy(() -> TeamSpecLoader.load(file))
                .hasMessageContaining("line 4")
                .hasMessageContaining("agents[0].tools' must be a list");
    }

    @Test
    void givenNoAgents_whenLoaded_thenItIsRejected() throws IOException {
        Path file = write("team.yaml", "name: ops\n");

        assertThatThrownBy(() -> TeamSpecLoader.load(file)).hasMessageContaining("'agents' is missing");
    }

    @Test
    void givenAMissingFile_whenLoaded_thenTheErrorNamesIt() {
        Path missing = directory.resolve("absent.yaml");

        assertThatThrownBy(() -> TeamSpecLoader.load(missing))
                .isInstanceOf(KaizenException.class)
                .hasMessage("team spec not found: " + missing);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
