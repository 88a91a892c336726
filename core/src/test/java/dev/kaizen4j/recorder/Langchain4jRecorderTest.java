package dev.kaizen4j.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class Langchain4jRecorderTest {

    interface Support {
        @SystemMessage("You answer billing questions.")
        String answer(@MemoryId String ticket, @UserMessage String question);
    }

    static final class Billing {
        @Tool("Looks up an invoice")
        String lookupInvoice(String id) {
            if (id.startsWith("X")) {
                throw new IllegalArgumentException("unknown invoice " + id);
            }
            return "invoice " + id + ": 42 EUR";
        }
    }

    /** Asks for the invoice tool once, then answers with what the tool said. */
    static final class Scripted implements ChatModel {
        private final List<ChatModelListener> listeners;

        Scripted(List<ChatModelListener> listeners) {
            this.listeners = listeners;
        }

        @Override
        public List<ChatModelListener> listeners() {
            return listeners;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            Object last = request.messages().get(request.messages().size() - 1);
            AiMessage answer = last instanceof ToolExecutionResultMessage result ? AiMessage.from("Result: " + result.text())
                    : AiMessage.from(ToolExecutionRequest.builder().id("c1").name("lookupInvoice")
                            .arguments(request.messages().toString().contains("X-9") ? "{\"id\":\"X-9\"}"
                                    : "{\"id\":\"A-1\"}").build());
            return ChatResponse.builder().aiMessage(answer).tokenUsage(new TokenUsage(10, 5)).build();
        }
    }

    private static Support support(Langchain4jRecorder recorder) {
        return AiServices.builder(Support.class)
                .chatModel(new Scripted(List.of(recorder.chatModelListener())))
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                .tools(new Billing())
                .registerListeners(recorder.aiServiceListeners())
                .build();
    }

    @Test
    void recordsAiServiceQuestionsToolCallsResultsFailuresTokensAndTheHostsOutcome() {
        List<ConversationEvent> events = new CopyOnWriteArrayList<>();
        Langchain4jRecorder recorder = Langchain4jRecorder.create("billing-team", events::add,
                Clock.fixed(Instant.parse("2025-06-10T09:00:00Z"), ZoneOffset.UTC));
        Support support = support(recorder);

        support.answer("TICKET-1", "What is on invoice A-1?");
        support.answer("TICKET-2", "What is on invoice X-9?");
        recorder.markOutcome("TICKET-2", TaskOutcome.FAILURE, "Customer escalated");

        assertThat(events).filteredOn(event -> event.taskId().equals("TICKET-1"))
                .extracting(ConversationEvent::agentName, ConversationEvent::type, ConversationEvent::toAgent)
                .containsExactly(tuple("user", MessageType.QUESTION, "Support"),
                        tuple("Support", MessageType.TOOL_CALL, null),
                        tuple("lookupInvoice", MessageType.TOOL_RESULT, "Support"),
                        tuple("Support", MessageType.ANSWER, "user"));
        ConversationEvent question = events.get(0);
        assertThat(question.metadataString("system_instructions")).contains("You answer billing questions.");
        assertThat(events).filteredOn(event -> event.taskId().equals("TICKET-1") && event.type() == MessageType.ANSWER)
                .singleElement().satisfies(answer -> {
                    assertThat(answer.message()).isEqualTo("Result: invoice A-1: 42 EUR");
                    assertThat(answer.tokens()).hasValue(30);
                });
        List<ConversationEvent> second = events.stream().filter(event -> event.taskId().equals("TICKET-2")).toList();
        assertThat(second).filteredOn(event -> event.type() == MessageType.TOOL_RESULT).singleElement()
                .satisfies(result -> assertThat(result.error()).isPresent());
        assertThat(second.get(second.size() - 1).declaredOutcome()).contains(TaskOutcome.FAILURE);
    }

    @Test
    void aFailingSinkNeverReachesTheAgentLoop() {
        Langchain4jRecorder recorder = Langchain4jRecorder.create("team", event -> {
            throw new IllegalStateException("disk full");
        }, Clock.systemUTC());
        Support support = support(recorder);

        assertThat(support.answer("T", "What is on invoice A-1?")).isEqualTo("Result: invoice A-1: 42 EUR");
    }

    @Test
    void concurrentConversationsKeepTheirEventsApartAndInOrder() throws Exception {
        List<ConversationEvent> events = new CopyOnWriteArrayList<>();
        Langchain4jRecorder recorder = Langchain4jRecorder.create("billing-team", events::add, Clock.systemUTC());
        Support support = support(recorder);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int i = 0; i < 40; i++) {
            String ticket = "T-" + i;
            pool.submit(() -> support.answer(ticket, "What is on invoice A-" + ticket + "?"));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        java.util.Map<String, List<ConversationEvent>> byTask = events.stream()
                .collect(java.util.stream.Collectors.groupingBy(ConversationEvent::taskId));
        assertThat(byTask).hasSize(40);
        byTask.forEach((ticket, taskEvents) -> {
            assertThat(taskEvents).extracting(ConversationEvent::type).containsExactly(MessageType.QUESTION,
                    MessageType.TOOL_CALL, MessageType.TOOL_RESULT, MessageType.ANSWER);
            assertThat(taskEvents.get(0).message()).isEqualTo("What is on invoice A-" + ticket + "?");
            assertThat(taskEvents.get(3).tokens()).hasValue(30);
        });
    }
}
