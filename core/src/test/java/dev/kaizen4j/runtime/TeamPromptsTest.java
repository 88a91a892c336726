package dev.kaizen4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.experiment.Rollout;
import dev.kaizen4j.experiment.Variant;
import dev.kaizen4j.review.contract.MutableClock;
import dev.kaizen4j.team.PromptField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamPromptsTest {

    static final String SPEC = """
            # the demo team
            name: demo
            agents:
              - name: writer
                role: Writer
                goal: Publish weekly.
                system_prompt: |
                  You write posts for {{brand}}.
              - name: editor
                role: Editor
                system_prompt: You edit posts.
            """;

    @TempDir
    Path directory;

    private Path file;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-16T09:00:00Z"));
    private final List<TeamPrompts.Problem> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void writeSpec() throws IOException {
        file = directory.resolve("team.yaml");
        write(SPEC);
    }

    @Test
    void givenASpecFile_thenEachAgentsTextsAndAStableVersionAreServed() {
        TeamPrompts prompts = prompts();

        assertThat(prompts.systemPrompt("writer")).isEqualTo("You write posts for {{brand}}.\n");
        assertThat(prompts.prompt("writer", PromptField.GOAL)).isEqualTo("Publish weekly.");
        assertThat(prompts.version("writer")).hasSize(12).matches("[0-9a-f]+")
                .isEqualTo(TeamPrompts.fromFile(file).version("writer"))
                .isNotEqualTo(prompts.version("editor"));
        assertThat(prompts.agent("writer").variant()).isNull();
    }

    @Test
    void givenTheFileChanges_whenTheCheckIntervalPassed_thenTheNewTextAndANewVersionAreServed() throws IOException {
        TeamPrompts prompts = prompts();
        String before = prompts.version("writer");
        String editorBefore = prompts.version("editor");

        write(SPEC.replace("You write posts for {{brand}}.", "You write posts for {{brand}}.\n      Cite sources."));
        assertThat(prompts.systemPrompt("writer")).as("within the interval").doesNotContain("Cite sources.");

        clock.advance(Duration.ofSeconds(2));

        assertThat(prompts.systemPrompt("writer")).contains("Cite sources.");
        assertThat(prompts.version("writer")).isNotEqualTo(before);
        assertThat(prompts.version("editor")).as("another agent's texts did not change").isEqualTo(editorBefore);
    }

    @Test
    void givenALongInterval_whenReloadedOnDemand_thenTheChangeIsServedAtOnce() throws IOException {
        TeamPrompts prompts = TeamPrompts.builder().file(file).clock(clock).checkInterval(Duration.ofHours(1)).build();

        assertThat(prompts.reload()).as("nothing changed").isFalse();
        write(SPEC.replace("You edit posts.", "You edit posts for clarity."));

        assertThat(prompts.reload()).isTrue();
        assertThat(prompts.systemPrompt("editor")).isEqualTo("You edit posts for clarity.");
    }

    @Test
    void givenAnInvalidHandEdit_thenTheLastGoodVersionIsServedAndTheErrorNamesFileAndLine() throws IOException {
        TeamPrompts prompts = prompts();
        String good = prompts.version("writer");

        write(SPEC.replace("  - name: editor", "  - name: [editor"));
        clock.advance(Duration.ofSeconds(2));

        assertThat(prompts.systemPrompt("writer")).isEqualTo("You write posts for {{brand}}.\n");
        assertThat(prompts.version("writer")).isEqualTo(good);
        assertThat(prompts.problem()).get().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(file.toString());
            assertThat(problem.line()).isPositive();
            assertThat(problem.message()).contains(file.toString(), "line " + problem.line(), "not valid YAML");
        });
        clock.advance(Duration.ofSeconds(2));
        prompts.systemPrompt("writer");
        assertThat(problems).as("reported once").hasSize(1);

        write(SPEC.replace("You edit posts.", "You edit posts carefully."));
        clock.advance(Duration.ofSeconds(2));

        assertThat(prompts.systemPrompt("editor")).isEqualTo("You edit posts carefully.");
        assertThat(prompts.problem()).isEmpty();
    }

    @Test
    void givenASpecMissingARequiredField_thenItIsRefusedWithTheLineLikeASyntaxError() throws IOException {
        TeamPrompts prompts = prompts();

        write(SPEC.replace("  - name: editor\n", "  - role_only: true\n"));
        clock.advance(Duration.ofSeconds(2));

        assertThat(prompts.systemPrompt("editor")).isEqualTo("You edit posts.");
        assertThat(prompts.problem()).get().extracting(TeamPrompts.Problem::line).isEqualTo(9);
    }

    @Test
    void givenTheFileIsDeleted_thenTheLastGoodVersionIsServed() throws IOException {
        TeamPrompts prompts = prompts();
        Files.delete(file);
        clock.advance(Duration.ofSeconds(2));

        assertThat(prompts.systemPrompt("editor")).isEqualTo("You edit posts.");
        assertThat(prompts.problem()).get().extracting(TeamPrompts.Problem::message).asString().contains("team.yaml");
    }

    @Test
    void givenNoGoodVersionYet_whenBuilt_thenItFailsNamingTheLine() throws IOException {
        write("name: demo\nagents:\n  - name: [writer\n");

        assertThatThrownBy(() -> TeamPrompts.fromFile(file))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("line");
        assertThatThrownBy(() -> TeamPrompts.fromClasspath("runtime/missing.yaml"))
                .hasMessageContaining("classpath:runtime/missing.yaml not found");
    }

    @Test
    void givenAnUnknownAgent_thenTheErrorListsTheAgents() {
        assertThatThrownBy(() -> prompts().systemPrompt("seo"))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("no agent 'seo'").hasMessageContaining("writer").hasMessageContaining("editor");
    }

    @Test
    void givenAClasspathResource_thenItsPromptsAreServed() {
        TeamPrompts prompts = TeamPrompts.fromClasspath("runtime/team.yaml");

        assertThat(prompts.systemPrompt("writer")).isEqualTo("You write posts for {{brand}}.");
        assertThat(prompts.reload()).isFalse();
    }

    @Test
    void givenAVariantSelector_thenATaskMayBeServedAVariantWithItsOwnVersion() {
        TeamPrompts prompts = TeamPrompts.builder().file(file).clock(clock)
                .variants((current, taskId) -> taskId.endsWith("7")
                        ? current.withVariant("treatment", PromptField.SYSTEM_PROMPT, "You write short posts.")
                        : current)
                .build();

        AgentPrompts control = prompts.agent("writer", "TASK-1");
        AgentPrompts treatment = prompts.agent("writer", "TASK-7");

        assertThat(control).isEqualTo(prompts.agent("writer"));
        assertThat(treatment.systemPrompt()).isEqualTo("You write short posts.");
        assertThat(treatment.variant()).isEqualTo("treatment");
        assertThat(treatment.version()).isNotEqualTo(control.version());
        assertThat(treatment.goal()).isEqualTo(control.goal());
    }

    @Test
    void givenARollout_thenEachTaskGetsItsArmsTextAndTheMetadataTheVerifierGroupsBy() {
        Rollout rollout = Rollout.builder().experimentKey("short-posts").build();
        TeamPrompts prompts = TeamPrompts.builder().file(file).clock(clock)
                .experiment("writer", PromptField.SYSTEM_PROMPT, rollout, "You write short posts.").build();
        String spec = prompts.systemPrompt("writer");

        Map<Variant, Integer> served = new EnumMap<>(Variant.class);
        for (int task = 0; task < 200; task++) {
            String taskId = "TASK-" + task;
            Variant assigned = rollout.assign(taskId).orElseThrow();
            AgentPrompts writer = prompts.agent("writer", taskId);

            assertThat(writer.systemPrompt()).isEqualTo(assigned == Variant.TREATMENT ? "You write short posts." : spec);
            assertThat(PromptVersionedEventLog.metadata(prompts, "writer", taskId))
                    .containsEntry("variant", assigned.key())
                    .containsEntry("experiment", "short-posts")
                    .containsEntry("prompt_version", writer.version());
            served.merge(assigned, 1, Integer::sum);
        }

        assertThat(served.get(Variant.CONTROL)).isBetween(70, 130);
        assertThat(served.get(Variant.TREATMENT)).isBetween(70, 130);
        assertThat(prompts.agent("editor", "TASK-1")).isEqualTo(prompts.agent("editor"));
    }

    @Test
    void givenManyThreadsReadingWhileTheFileChanges_thenEachGetsAWholeVersionAndNoneFails() throws Exception {
        TeamPrompts prompts = TeamPrompts.builder().file(file).checkInterval(Duration.ZERO).build();
        String oldText = prompts.systemPrompt("writer");
        String newSpec = SPEC.replace("You write posts for {{brand}}.", "You write long posts for {{brand}}.");
        String newVersion = AgentPrompts.versionOf("You write long posts for {{brand}}.\n", "Writer", "Publish weekly.", "");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                readers.add(pool.submit(() -> {
                    for (int n = 0; n < 2_000; n++) {
                        AgentPrompts writer = prompts.agent("writer");
                        seen.add(writer.systemPrompt() + "|" + writer.version());
                    }
                }));
            }
            write(newSpec);
            for (Future<?> reader : readers) {
                reader.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        prompts.reload();

        assertThat(prompts.version("writer")).isEqualTo(newVersion);
        assertThat(seen).allSatisfy(pair -> assertThat(pair).isIn(
                oldText + "|" + AgentPrompts.versionOf(oldText, "Writer", "Publish weekly.", ""),
                "You write long posts for {{brand}}.\n|" + newVersion));
    }

    private TeamPrompts prompts() {
        return TeamPrompts.builder().file(file).clock(clock).onProblem(problems::add).build();
    }

    private void write(String content) throws IOException {
        Files.writeString(file, content);
        // some file systems keep modification times in whole seconds; a new one marks every write
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusNanos(System.nanoTime() % 1_000_000_000)));
    }
}
