package dev.kaizen4j.testing;

import dev.kaizen4j.llm.internal.Messages;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link ChatModel} answering from a script: a function of the request, or a queue of answers.
 * It records every request and reports token usage as the characters of the messages divided by four
 * (times a factor, to play a tokenizer that counts more).
 */
public final class ScriptedChatModel implements ChatModel {

    private final Function<ChatRequest, String> script;
    private final double inputTokenFactor;
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    public ScriptedChatModel(Function<ChatRequest, String> script) {
        this(script, 1.0);
    }

    /** A model whose tokenizer counts {@code inputTokenFactor} times the characters-divided-by-four of a prompt. */
    public ScriptedChatModel(Function<ChatRequest, String> script, double inputTokenFactor) {
        this.script = script;
        this.inputTokenFactor = inputTokenFactor;
    }

    /** Answers with {@code answers} in order, then with the last one. */
    public static ScriptedChatModel answering(String... answers) {
        Deque<String> queue = new ArrayDeque<>(List.of(answers));
        return new ScriptedChatModel(request -> queue.size() > 1 ? queue.poll() : queue.peek());
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        String answer = script.apply(request);
        int input = (int) (request.messages().stream().mapToInt(m -> text(m).length()).sum() / 4 * inputTokenFactor);
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(answer))
                .tokenUsage(new TokenUsage(input, answer.length() / 4))
                .build();
    }

    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** The name of the JSON schema the request declared, or an empty string. */
    public static String schemaName(ChatRequest request) {
        return request.responseFormat() == null || request.responseFormat().jsonSchema() == null ? ""
                : request.responseFormat().jsonSchema().name();
    }

    /** All message texts of the request, joined. */
    public static String allText(ChatRequest request) {
        StringBuilder text = new StringBuilder();
        request.messages().forEach(message -> text.append(text(message)).append('\n'));
        return text.toString();
    }

    public static String text(ChatMessage message) {
        return Messages.text(message);
    }
}
