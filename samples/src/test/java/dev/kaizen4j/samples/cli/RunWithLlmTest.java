package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaizen4j.testing.OpenAiStub;
import dev.kaizen4j.testing.OpenAiStub.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kaizen4j run --llm openai} against a local OpenAI-compatible endpoint. */
class RunWithLlmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL_TO_ACTION = "End every piece with one clear call to action.";
    static final String KEYWORD_LINE = "Put the brief's target_keyword in the title and the first paragraph.";

    @TempDir
    Path directory;

    @AutoClose
    private OpenAiStub endpoint;

    @Test
    void givenAModel_whenRunOnTheExample_thenItPrintsTheDiscussionProposalsAndTokens() throws IOException {
        endpoint = OpenAiStub.start(RunWithLlmTest::marketingTeamAnswer);

        CommandRun result = kaizen(Map.of("KAIZEN_OPENAI_BASE_URL", endpoint.baseUrl(), "KAIZEN_LLM_MODEL", "gpt-4.1-mini"),
                "run", "--llm", "openai", "--state-dir", state());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("LLM mode: openai model gpt-4.1-mini at " + endpoint.baseUrl())
                .doesNotContain("Offline mode")
                .contains("content_creator: My drafts missed the brief's target keyword")
                .contains("Plan: 1. content_creator:")
                .contains("+" + KEYWORD_LINE)
                .contains("LLM calls (")
                .containsPattern("tokens this cycle: \\d+ in \\(estimated \\d+\\), \\d+ out");
        assertThat(requestFiles()).isNotEmpty();
        assertThat(Files.readString(requestFiles().get(0))).contains(KEYWORD_LINE);
        List<JsonNode> requests = endpoint.requests();
        assertThat(requests).extracting(OpenAiStub::schemaName)
                .contains("agent_reflection", "improvement_plan", "agent_proposals");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.path("model").asText()).isEqualTo("gpt-4.1-mini");
            assertThat(request.path("response_format").path("type").asText()).isEqualTo("json_schema");
        });
        int perCall = result.out().lines()
                .filter(line -> line.matches("  (attribution-review|reflection:|plan|proposals:).*"))
                .mapToInt(line -> Integer.parseInt(line.substring(38).trim().split("\\s+")[0])).max().orElseThrow();
        assertThat(perCall).isBetween(1, 6000);
    }

    @Test
    void givenAModelAnsweringGarbage_whenRun_thenItReportsTheErrorsAndSubmitsNothing() throws IOException {
        endpoint = OpenAiStub.start(request -> Reply.ok("<html>Sorry, I can't help with that</html>"));

        CommandRun result = kaizen(Map.of("KAIZEN_OPENAI_BASE_URL", endpoint.baseUrl(), "KAIZEN_OPENAI_API_KEY", "k"),
                "run", "--llm", "openai", "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(RunCommand.EXIT_CYCLE_ERRORS);
        assertThat(result.out())
                .contains("Errors (")
                .contains("did not match the required JSON schema after one repair")
                .contains("0 proposed, 0 submitted")
                .contains("nothing from the failed steps was submitted");
        assertThat(Files.exists(directory.resolve("state/requests")) ? requestFiles() : List.of()).isEmpty();
    }

    @Test
    void givenARedactionPattern_whenRun_thenMatchesNeverReachTheModel() {
        endpoint = OpenAiStub.start(RunWithLlmTest::marketingTeamAnswer);

        CommandRun result = kaizen(Map.of("KAIZEN_OPENAI_BASE_URL", endpoint.baseUrl()), "run", "--llm", "openai",
                "--redact", "(?i)sustainable packaging", "--redact", "Eco-friendly Shipping", "--state-dir", state());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(endpoint.rawBodies()).isNotEmpty()
                .allSatisfy(body -> assertThat(body).doesNotContainIgnoringCase("sustainable packaging")
                        .doesNotContain("Eco-friendly Shipping"))
                .anySatisfy(body -> assertThat(body).contains("[REDACTED:pattern-1]"))
                .anySatisfy(body -> assertThat(body).contains("[REDACTED:pattern-2]"));
    }

    @Test
    void givenAnInvalidRedactionPattern_whenRun_thenAClearError() {
        CommandRun result = kaizen(Map.of(), "run", "--redact", "([a-z", "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("--redact '([a-z' is not a regular expression");
    }

    @Test
    void givenAnUnknownProvider_whenRun_thenAClearError() {
        CommandRun result = kaizen(Map.of(), "run", "--llm", "watson", "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("--llm 'watson' is not a provider");
    }

    @Test
    void givenOpenAiWithoutKeyOrEndpoint_whenRun_thenItAsksForTheKey() {
        CommandRun result = kaizen(Map.of(), "run", "--llm", "openai", "--state-dir", state());

        assertThat(result.exitCode()).isEqualTo(KaizenCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("KAIZEN_OPENAI_API_KEY");
    }

    /** Valid answers about the bundled example, chosen by the schema each request declares. */
    static Reply marketingTeamAnswer(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        switch (OpenAiStub.schemaName(request)) {
            case "attribution_review" -> answer.putArray("reviews");
            case "agent_reflection" -> {
                answer.put("reflection", "My drafts missed the brief's target keyword in most content tasks.");
                answer.putArray("root_causes").add("My prompt never mentions the target keyword");
                answer.putArray("proposed_changes").add("Ask for the keyword in the title and first paragraph");
                answer.putArray("evidence").add("71% of content tasks");
            }
            case "improvement_plan" -> {
                List<String> agents = new ArrayList<>();
                request.path("response_format").path("json_schema").path("schema").path("properties")
                        .path("improvements").path("items").path("properties").path("agent").path("enum")
                        .forEach(agent -> agents.add(agent.asText()));
                answer.put("summary", "Content is our weakest link this week.");
                answer.putArray("went_well").add("Every task was reviewed");
                answer.putArray("struggles").add("Keywords missing from content");
                ObjectNode improvement = answer.putArray("improvements").addObject();
                improvement.put("agent", agents.contains("content_creator") ? "content_creator" : agents.get(0));
                improvement.put("goal", "Use the target keyword in every content deliverable");
                improvement.putArray("finding_ids");
                improvement.putArray("evidence").add("71% of content tasks");
            }
            case "agent_proposals" -> {
                var refinements = answer.putArray("prompt_refinements");
                answer.putArray("code_modifications");
                if (OpenAiStub.message(request, "system").contains("improving the agent 'content_creator'")) {
                    ObjectNode refinement = refinements.addObject();
                    refinement.put("field", "system_prompt");
                    refinement.putArray("edits").addObject().put("find", CALL_TO_ACTION)
                            .put("replace", CALL_TO_ACTION + "\n" + KEYWORD_LINE);
                    refinement.put("rationale", "The keyword check failed in 71% of content tasks.");
                    refinement.putArray("evidence").add("71% of content tasks");
                }
            }
            default -> { }
        }
        return Reply.ok(answer.toString());
    }

    private String state() {
        return directory.resolve("state").toString();
    }

    private List<Path> requestFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("state/requests"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static CommandRun kaizen(Map<String, String> environment, String... args) {
        return CommandRun.of(environment, args);
    }
}
