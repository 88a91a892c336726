package dev.kaizen4j.samples.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/**
 * A chat model answering from a script, offline: the researcher calls {@code web_search} once and reports
 * what it found (or that it found nothing), the writer turns the facts into an article.
 */
final class ScriptedChatModel implements ChatModel {

    private final List<ChatModelListener> listeners;

    ScriptedChatModel(List<ChatModelListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        String system = messages.stream().filter(SystemMessage.class::isInstance).map(m -> ((SystemMessage) m).text())
                .findFirst().orElse("");
        String user = messages.stream().filter(UserMessage.class::isInstance).map(m -> ((UserMessage) m).singleText())
                .reduce((first, second) -> second).orElse("");
        ChatMessage last = messages.get(messages.size() - 1);
        AiMessage answer;
        if (system.startsWith("You are the researcher")) {
            if (last instanceof ToolExecutionResultMessage result) {
                answer = result.text().contains("source:") ? AiMessage.from("Facts: " + result.text())
                        : AiMessage.from("Facts: none found, the search failed. Proceeding without sources.");
            } else {
                String topic = user.substring(user.indexOf(':') + 1).trim();
                answer = AiMessage.from(ToolExecutionRequest.builder().id("call-" + Math.abs(topic.hashCode()))
                        .name("web_search").arguments("{\"query\":\"" + topic + "\"}").build());
            }
        } else {
            String facts = user.substring(user.indexOf("facts:") + 6).trim();
            answer = AiMessage.from(facts.contains("source:")
                    ? "Article: " + facts.replace("Facts: ", "")
                    : "Article: a general overview written without sourced figures.");
        }
        return ChatResponse.builder().aiMessage(answer).tokenUsage(new TokenUsage(user.length() / 4 + 20, 30)).build();
    }
}
