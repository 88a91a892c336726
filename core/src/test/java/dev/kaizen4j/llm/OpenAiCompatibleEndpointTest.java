package dev.kaizen4j.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaizen4j.CycleResult;
import dev.kaizen4j.ImprovementCycle;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.testing.Fixtures;
import dev.kaizen4j.testing.OpenAiStub;
import dev.kaizen4j.testing.OpenAiStub.Reply;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM stages on langchain4j's real OpenAI client, against a local OpenAI-compatible endpoint. */
class OpenAiCompatibleEndpointTest {

    private static final String LOGGED_KEY = "sk-proj-4f9Qx7TbZ2vL8mN3pR6sW1yK0aJcXdEe";
    /** An AWS secret access key (generated) written after "credential" without an assignment. */
    private static final String LOGGED_AWS_SECRET = "Qm7Rt2Wx9Lp4Zs8Kd1Vn6Hj3Bf5Gc0YaEuT/iOo+";

    @TempDir
    Path directory;

    @AutoClose
    private OpenAiStub endpoint;

    private static Function<JsonNode, Reply> validAnswers() {
        return request -> Reply.ok(switch (OpenAiStub.schemaName(request)) {
            case "attribution_review" -> LlmFixtures.review("TASK-4", "content_creator", 1);
            case "agent_reflection" -> LlmFixtures.reflection();
            case "improvement_plan" -> LlmFixtures.plan("content_creator", "check:seo-keywords");
            case "agent_proposals" -> LlmFixtures.validProposals();
            default -> "{}";
        });
    }

    private OpenAiChatModel model(int maxRetries) {
        return OpenAiChatModel.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey("test-key")
                .modelName("gpt-4.1-mini")
                .maxRetries(maxRetries)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private CycleResult runCycle(OpenAiChatModel model) {
        Conversation leaky = Conversation.of(Fixtures.TEAM, "TASK-4", List.of(
                LlmFixtures.event("TASK-4", "manager", MessageType.TASK_ASSIGNMENT, "Write a post. Key: " + LOGGED_KEY),
                LlmFixtures.event("TASK-4", "content_creator", MessageType.PROPOSAL,
                        "Draft ready, the image tool worked with credential " + LOGGED_AWS_SECRET),
                Fixtures.event("TASK-4", "system", MessageType.UPDATE, "ended", Map.of("outcome", "failure"))));
        return ImprovementCycle.builder()
                .team(LlmFixtures.team(directory.resolve("team")))
                .source((query, problems) -> Stream.of(leaky))
                .analyzer(LlmFixtures.analyzerReturning(LlmFixtures.report()))
                .backChannel(new FileBackChannel(directory.resolve("requests")))
                .ledger(new InMemoryImprovementLedger())
                .llm(LlmAssistant.of(model))
                .build()
                .run();
    }

    @Test
    void givenTheOpenAiClient_whenTheCycleRuns_thenRequestsDeclareTheSchemaAndCarryNoSecrets() {
        endpoint = OpenAiStub.start(validAnswers());

        CycleResult result = runCycle(model(0));

        assertThat(result.errors()).isEmpty();
        assertThat(result.submitted()).hasSize(2);
        assertThat(endpoint.requests()).hasSize(4);
        JsonNode request = endpoint.requests().get(0);
        assertThat(request.path("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(request.path("messages")).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user");
        assertThat(request.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(request.path("response_format").path("json_schema").path("name").asText())
                .isEqualTo("attribution_review");
        assertThat(request.path("response_format").path("json_schema").path("schema").path("required").toString())
                .contains("reviews");
        assertThat(OpenAiStub.message(request, "user")).contains("<<<DATA-").contains("[REDACTED:openai-key]");
        assertThat(endpoint.rawBodies()).allSatisfy(body -> assertThat(body).doesNotContain(LOGGED_KEY)
                .doesNotContain(LOGGED_AWS_SECRET).doesNotContain(LOGGED_AWS_SECRET.substring(0, 20)));
        assertThat(endpoint.rawBodies()).anySatisfy(body -> assertThat(body).contains("credential [REDACTED:secret]"));
        assertThat(result.llmUsage().calls()).allSatisfy(call -> assertThat(call.inputTokens()).isPositive());
    }

    @Test
    void givenMalformedAnswers_whenTheCycleRuns_thenEachCallIsRepairedOnceThenReportedAndNothingIsSubmitted() {
        endpoint = OpenAiStub.start(request -> Reply.ok("I think the content creator should try harder."));

        CycleResult result = runCycle(model(0));

        assertThat(result.errors()).hasSize(3).allSatisfy(error -> assertThat(error.message())
                .contains("did not match the required JSON schema after one repair"));
        assertThat(result.outcomes()).isEmpty();
        assertThat(endpoint.requests()).hasSize(6);
        JsonNode repair = endpoint.requests().get(1);
        assertThat(repair.path("messages")).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(repair.path("messages").get(3).path("content").asText()).contains("not JSON");
    }

    @Test
    void givenRateLimitingAndAServerError_whenCalled_thenTheClientRetriesAndTheCycleSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        Function<JsonNode, Reply> valid = validAnswers();
        endpoint = OpenAiStub.start(request -> switch (calls.incrementAndGet()) {
            case 1 -> Reply.error(429, "Rate limit reached, retry later");
            case 2 -> Reply.error(503, "The server is overloaded");
            default -> valid.apply(request);
        });

        CycleResult result = runCycle(model(2));

        assertThat(result.errors()).isEmpty();
        assertThat(result.submitted()).hasSize(2);
        assertThat(endpoint.requests()).hasSize(6);
    }

    @Test
    void givenAServerThatKeepsFailing_whenCalled_thenTheErrorIsReportedAndNothingSubmitted() {
        endpoint = OpenAiStub.start(request -> Reply.error(500, "internal error"));

        CycleResult result = runCycle(model(1));

        assertThat(result.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.message()).contains("the model call failed"));
        assertThat(result.outcomes()).isEmpty();
        assertThat(endpoint.requests()).hasSize(6);
    }
}
