package dev.kaizen4j.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.llm.internal.Messages;
import dev.kaizen4j.llm.internal.Schemas;
import dev.kaizen4j.redaction.Redactor;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one structured request: redacts the prompt, checks it against the per-call and per-cycle
 * budgets, declares the schema as the response format, validates the answer and, when it is
 * invalid, asks once for a repair.
 */
final class StructuredChat {

    /** Tokens a prompt builder must leave free so the repair request still fits in the budget. */
    static final int REPAIR_RESERVE_MAX = 900;

    private static final Logger log = LoggerFactory.getLogger(StructuredChat.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_OVERHEAD = 4;
    private static final int PROBLEMS_QUOTED = 6;
    private static final double MAX_CALIBRATION = 2.0;

    private final ChatModel model;
    private final TokenEstimator estimator;
    private final Redactor redactor;
    private final int callBudget;
    private final int cycleBudget;
    private final @Nullable Integer maxOutputTokens;
    private final List<LlmCall> calls = new ArrayList<>();
    private volatile boolean responseFormatSupported = true;
    private double calibration = 1.0;

    StructuredChat(ChatModel model, TokenEstimator estimator, Redactor redactor, int callBudget, int cycleBudget,
            @Nullable Integer maxOutputTokens) {
        this.model = model;
        this.estimator = estimator;
        this.redactor = redactor;
        this.callBudget = callBudget;
        this.cycleBudget = cycleBudget;
        this.maxOutputTokens = maxOutputTokens;
    }

    /** Reads a valid answer into a value, or says why it breaks the contract. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(JsonNode answer) throws InvalidAnswer;
    }

    /** The tokens a prompt builder may spend on system text, instructions and evidence together. */
    int promptBudget() {
        return callBudget - repairReserve();
    }

    /** The tokens a prompt costs besides its evidence: the system text, the output contract and the frame. */
    int overhead(String system, JsonSchema schema, String userFrame) {
        String schemaJson = Schemas.toJson(schema.rootElement()).toString();
        return estimate(schemaJson) + estimate(system + "\n\n" + contract(schemaJson)) + estimate(userFrame)
                + 3 * MESSAGE_OVERHEAD + 32;
    }

    /** The tokens left for evidence, with a margin for redaction markers that are longer than what they mask. */
    int evidenceBudget(String system, JsonSchema schema, String userFrame) {
        return (int) ((promptBudget() - overhead(system, schema, userFrame)) * 0.95);
    }

    /** The estimator's count, scaled up when the provider has counted more than estimated before. */
    int estimate(String text) {
        return (int) Math.ceil(estimator.estimate(text) * calibration());
    }

    synchronized List<LlmCall> calls() {
        return List.copyOf(calls);
    }

    synchronized List<LlmCall> drainCalls() {
        List<LlmCall> drained = List.copyOf(calls);
        calls.clear();
        return drained;
    }

    <T> T ask(String purpose, String system, String user, JsonSchema schema, AnswerReader<T> reader)
            throws LlmCallFailed {
        String schemaJson = Schemas.toJson(schema.rootElement()).toString();
        String systemText = redactor.redact(system + "\n\n" + contract(schemaJson));
        String userText = redactor.redact(user);
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(systemText), UserMessage.from(userText)));
        int estimated = estimate(messages, schemaJson);
        if (estimated > promptBudget()) {
            throw failed(purpose, 0, "the prompt of ~" + estimated + " tokens exceeds the budget of "
                    + promptBudget() + " (before the repair reserve): not sent");
        }
        Answer first = send(purpose, messages, schema, schemaJson, estimated);
        List<String> problems = problems(first.text, schema, reader);
        if (problems.isEmpty()) {
            return readValid(first.text, reader);
        }
        log.debug("LLM answer for {} was invalid, asking once for a repair: {}", purpose, problems);
        markLastCall("invalid answer: " + summary(problems));
        messages.add(AiMessage.from(redactor.redact(truncate(first.text, repairReserve() / 2))));
        messages.add(UserMessage.from(redactor.redact(truncate(repairRequest(problems), repairReserve() / 2 - 16))));
        int repairEstimate = estimate(messages, schemaJson);
        if (repairEstimate > callBudget) {
            // Only when the provider's counts raised the estimates since the prompt was built.
            throw failed(purpose + " (repair)", 0, "the repair of ~" + repairEstimate + " tokens exceeds the budget of "
                    + callBudget + ": not sent; the answer was invalid: " + summary(problems));
        }
        Answer second = send(purpose + " (repair)", messages, schema, schemaJson, repairEstimate);
        List<String> remaining = problems(second.text, schema, reader);
        if (remaining.isEmpty()) {
            return readValid(second.text, reader);
        }
        String error = purpose + ": the model's answer did not match the required JSON schema after one repair: "
                + summary(remaining);
        markLastCall("invalid answer: " + summary(remaining));
        throw new LlmCallFailed(error);
    }

    private Answer send(String purpose, List<ChatMessage> messages, JsonSchema schema, String schemaJson, int estimated)
            throws LlmCallFailed {
        synchronized (this) {
            long spent = calls.stream().mapToLong(StructuredChat::spent).sum();
            if (spent + estimated > cycleBudget) {
                throw failed(purpose, 0, "the cycle's budget of " + cycleBudget + " input tokens is spent ("
                        + spent + " used): not sent");
            }
        }
        ChatResponse response;
        try {
            response = model.chat(request(messages, schema));
        } catch (UnsupportedFeatureException noStructuredOutput) {
            // Some providers reject a JSON schema response format; the schema is in the instructions as well.
            log.info("The model does not accept a JSON schema response format; relying on the instructions: {}",
                    noStructuredOutput.getMessage());
            responseFormatSupported = false;
            try {
                response = model.chat(request(messages, schema));
            } catch (RuntimeException failure) {
                throw failed(purpose, estimated, "the model call failed: " + describe(failure));
            }
        } catch (RuntimeException failure) {
            throw failed(purpose, estimated, "the model call failed: " + describe(failure));
        }
        TokenUsage usage = response.tokenUsage();
        if (usage != null && usage.inputTokenCount() != null && estimated > 0) {
            calibrate(usage.inputTokenCount(), estimated);
        }
        record(new LlmCall(purpose, estimated, usage == null ? null : usage.inputTokenCount(),
                usage == null ? null : usage.outputTokenCount(), null));
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                : response.aiMessage().text();
        return new Answer(text);
    }

    private ChatRequest request(List<ChatMessage> messages, JsonSchema schema) {
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (responseFormatSupported) {
            request.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build());
        }
        if (maxOutputTokens != null) {
            request.maxOutputTokens(maxOutputTokens);
        }
        return request.build();
    }

    private <T> List<String> problems(String text, JsonSchema schema, AnswerReader<T> reader) {
        JsonNode answer;
        try {
            answer = JSON.readTree(stripFences(text));
        } catch (JsonProcessingException notJson) {
            return List.of("the answer is not JSON: " + notJson.getOriginalMessage());
        }
        if (answer == null || answer.isMissingNode()) {
            return List.of("the answer is empty");
        }
        List<String> problems = Schemas.validate(schema.rootElement(), answer);
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            reader.read(answer);
            return List.of();
        } catch (InvalidAnswer invalid) {
            return invalid.problems();
        }
    }

    private static <T> T readValid(String text, AnswerReader<T> reader) {
        try {
            return reader.read(JSON.readTree(stripFences(text)));
        } catch (JsonProcessingException | InvalidAnswer impossible) {
            throw new IllegalStateException("an answer checked as valid could not be read", impossible);
        }
    }

    /** Models without structured output often wrap JSON in a Markdown fence; nothing else is forgiven. */
    static String stripFences(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("```")) {
            int firstLine = trimmed.indexOf('\n');
            int closing = trimmed.lastIndexOf("```");
            if (firstLine > 0 && closing > firstLine) {
                return trimmed.substring(firstLine + 1, closing).strip();
            }
        }
        return trimmed;
    }

    private static String contract(String schemaJson) {
        return "Output contract: answer with exactly one JSON object that matches this JSON schema, and nothing"
                + " else (no prose, no Markdown):\n" + schemaJson;
    }

    private static String repairRequest(List<String> problems) {
        return "Your answer was rejected because it breaks the output contract:\n- "
                + String.join("\n- ", problems.stream().limit(PROBLEMS_QUOTED).map(p -> truncate(p, 60)).toList())
                + "\nAnswer again with only the corrected JSON object.";
    }

    private int estimate(List<ChatMessage> messages, String schemaJson) {
        int total = estimate(schemaJson);
        for (ChatMessage message : messages) {
            total += MESSAGE_OVERHEAD + estimate(Messages.text(message));
        }
        return total;
    }

    private int repairReserve() {
        return Math.min(REPAIR_RESERVE_MAX, callBudget / 5);
    }

    /** Cuts text to about {@code tokens} tokens (four characters each, as the default estimator counts). */
    private static String truncate(String text, int tokens) {
        int chars = Math.max(16, tokens * 4 - 16);
        return text.length() <= chars ? text : text.substring(0, chars) + " …[cut]";
    }

    private static String summary(List<String> problems) {
        String joined = String.join("; ", problems.stream().limit(PROBLEMS_QUOTED).toList());
        return problems.size() > PROBLEMS_QUOTED ? joined + "; and " + (problems.size() - PROBLEMS_QUOTED) + " more"
                : joined;
    }

    private String describe(RuntimeException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return redactor.redact(message.length() > 300 ? message.substring(0, 300) + "…" : message);
    }

    /** Records a call that failed; {@code sentEstimate} is 0 when nothing was sent. */
    private LlmCallFailed failed(String purpose, int sentEstimate, String reason) {
        record(new LlmCall(purpose, sentEstimate, null, null, reason));
        return new LlmCallFailed(purpose + ": " + reason);
    }

    /**
     * Learns from the provider's count: when it counted more input tokens than estimated (tokenizers
     * differ, and the schema is sent twice), later estimates are scaled up by the largest ratio seen, so
     * the budgets hold in the provider's tokens too. Capped, so one odd count cannot starve every prompt.
     */
    private synchronized void calibrate(int counted, int estimated) {
        double ratio = counted * calibration / estimated;
        calibration = Math.min(MAX_CALIBRATION, Math.max(calibration, ratio));
    }

    private synchronized double calibration() {
        return calibration;
    }

    /** What a call spent of the cycle's budget: the provider's count when larger than the estimate. */
    private static long spent(LlmCall call) {
        return Math.max(call.estimatedInputTokens(), call.inputTokens() == null ? 0 : call.inputTokens());
    }

    private synchronized void record(LlmCall call) {
        calls.add(call);
    }

    private synchronized void markLastCall(String error) {
        LlmCall last = calls.remove(calls.size() - 1);
        calls.add(new LlmCall(last.purpose(), last.estimatedInputTokens(), last.inputTokens(), last.outputTokens(),
                error));
    }

    private record Answer(String text) {}
}
