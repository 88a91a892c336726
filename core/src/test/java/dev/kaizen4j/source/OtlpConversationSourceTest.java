package dev.kaizen4j.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpConversationSourceTest {

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(OtlpConversationSourceTest.class.getResource("/formats/otlp/" + name).toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static List<Conversation> read(ConversationSource source, List<SourceProblem> problems) {
        try (Stream<Conversation> tasks = source.conversations(ConversationQuery.all(),
                SourceProblemListener.collectingInto(problems))) {
            return tasks.toList();
        }
    }

    @Test
    void groupsSpansSpreadOverLinesOutOfOrderIntoOneTaskPerTrace() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Conversation> tasks = read(OtlpConversationSource.of(fixture("genai-current.jsonl")), problems);

        assertThat(problems).isEmpty();
        assertThat(tasks).extracting(Conversation::taskId)
                .containsExactlyInAnyOrder("conv-42", "0af7651916cd43dd8448eb211c80319c");
        Conversation brief = tasks.stream().filter(task -> task.taskId().equals("conv-42")).findFirst().orElseThrow();
        assertThat(brief.teamName()).isEqualTo("research-team");
        assertThat(brief.outcome()).isEqualTo(TaskOutcome.SUCCESS);
        assertThat(brief.events()).extracting(ConversationEvent::agentName, ConversationEvent::type,
                        ConversationEvent::toAgent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("user", MessageType.TASK_ASSIGNMENT, "planner"),
                        org.assertj.core.groups.Tuple.tuple("planner", MessageType.DELEGATION, "researcher"),
                        org.assertj.core.groups.Tuple.tuple("researcher", MessageType.TOOL_CALL, null),
                        org.assertj.core.groups.Tuple.tuple("web_search", MessageType.TOOL_RESULT, "researcher"),
                        org.assertj.core.groups.Tuple.tuple("researcher", MessageType.TOOL_CALL, null),
                        org.assertj.core.groups.Tuple.tuple("web_search", MessageType.TOOL_RESULT, "researcher"),
                        org.assertj.core.groups.Tuple.tuple("researcher", MessageType.UPDATE, "planner"),
                        org.assertj.core.groups.Tuple.tuple("planner", MessageType.ANSWER, null),
                        org.assertj.core.groups.Tuple.tuple("system", MessageType.TASK_COMPLETION, null));
        assertThat(brief.events().get(0).message()).isEqualTo("Write a market brief on EV chargers");
        assertThat(brief.events().get(0).metadataString("system_instructions"))
                .contains("You are the planner. Split the work and review it.");
        ConversationEvent failedCall = brief.events().get(3);
        assertThat(failedCall.error()).contains("search backend timed out");
        assertThat(failedCall.tool()).contains("web_search");
        assertThat(failedCall.metadataString("tool_call_id")).contains("call_1");
        assertThat(brief.events().get(5).message()).isEqualTo("IEA: charger installations up 30%");
        assertThat(brief.events().get(6).tokens()).hasValue(340);
        assertThat(brief.events().get(7).tokens()).hasValue(200);
        assertThat(brief.events().get(7).durationSeconds()).hasValue(60.0);
        assertThat(brief.start()).isEqualTo(java.time.Instant.parse("2025-06-10T14:00:00Z"));
        assertThat(brief.durationSeconds()).isEqualTo(60.0);
    }

    @Test
    void failureComesFromTheRootSpansErrorStatus() {
        List<Conversation> tasks = read(OtlpConversationSource.of(fixture("genai-current.jsonl")), new ArrayList<>());

        Conversation email = tasks.stream().filter(task -> task.taskId().startsWith("0af7")).findFirst().orElseThrow();
        assertThat(email.outcome()).isEqualTo(TaskOutcome.FAILURE);
        ConversationEvent writerEnd = email.events().get(email.events().size() - 2);
        assertThat(writerEnd.agentName()).isEqualTo("writer");
        assertThat(writerEnd.type()).isEqualTo(MessageType.ERROR);
        assertThat(writerEnd.error()).contains("writer gave up after 3 attempts");
        assertThat(email.events()).anySatisfy(event -> {
            assertThat(event.agentName()).isEqualTo("writer");
            assertThat(event.message()).isEqualTo("I cannot find the product name in the brief.");
            assertThat(event.tokens()).hasValue(62);
        });
        assertThat(email.events().get(email.events().size() - 1).error()).contains("writer gave up after 3 attempts");
    }

    @Test
    void readsOlderConventionsFromASingleDocument() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Conversation> tasks = read(OtlpConversationSource.of(fixture("genai-older.json")), problems);

        assertThat(problems).isEmpty();
        assertThat(tasks).hasSize(1);
        Conversation support = tasks.get(0);
        assertThat(support.teamName()).isEqualTo("support-team");
        assertThat(support.agents()).containsExactly("support");
        ConversationEvent chat = support.events().stream()
                .filter(event -> event.message().contains("pending authorization")).findFirst().orElseThrow();
        assertThat(chat.agentName()).isEqualTo("support");
        assertThat(chat.tokens()).hasValue(120);
        assertThat(chat.metadataString("provider")).contains("openai");
        assertThat(chat.metadataString("model")).contains("gpt-4o");
        assertThat(support.events()).anySatisfy(event -> assertThat(event.tool()).contains("lookup_invoice"));
        assertThat(support.outcome()).isEqualTo(TaskOutcome.SUCCESS);
    }

    @Test
    void readsOpenInferenceSpansAsASecondDialect() {
        List<Conversation> tasks = read(OtlpConversationSource.builder(fixture("openinference.jsonl"))
                .team("helpdesk").build(), new ArrayList<>());

        assertThat(tasks).hasSize(1);
        Conversation ticket = tasks.get(0);
        assertThat(ticket.teamName()).isEqualTo("helpdesk");
        assertThat(ticket.taskId()).isEqualTo("ticket-7");
        assertThat(ticket.events()).extracting(ConversationEvent::agentName, ConversationEvent::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("user", MessageType.TASK_ASSIGNMENT),
                        org.assertj.core.groups.Tuple.tuple("triage", MessageType.UPDATE),
                        org.assertj.core.groups.Tuple.tuple("triage", MessageType.TOOL_CALL),
                        org.assertj.core.groups.Tuple.tuple("refund", MessageType.TOOL_RESULT),
                        org.assertj.core.groups.Tuple.tuple("triage", MessageType.ANSWER),
                        org.assertj.core.groups.Tuple.tuple("system", MessageType.TASK_COMPLETION));
        assertThat(ticket.events().get(0).message()).isEqualTo("My order never arrived");
        assertThat(ticket.events().get(1).tokens()).hasValue(50);
        assertThat(ticket.events().get(4).message()).isEqualTo("Refund issued for order 991.");
    }

    @Test
    void reportsAMalformedLineWithItsLineAndByteOffsetAndReadsTheRest() throws IOException {
        List<String> lines = Files.readAllLines(fixture("genai-current.jsonl"));
        Path file = dir.resolve("broken.jsonl");
        Files.write(file, List.of(lines.get(0), "{\"resourceSpans\": [ oops", lines.get(1), "[1,2]", lines.get(2),
                lines.get(3), lines.get(4)));
        List<SourceProblem> problems = new ArrayList<>();

        List<Conversation> tasks = read(OtlpConversationSource.of(file), problems);

        assertThat(tasks).hasSize(2);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).location()).isEqualTo(file.toString());
        assertThat(problems.get(0).line()).isEqualTo(2);
        long lineStart = lines.get(0).length() + 1;
        assertThat(problems.get(0).message()).startsWith("invalid JSON");
        long byteOffset = Long.parseLong(problems.get(0).message().replaceAll(".*\\(byte (\\d+)\\)$", "$1"));
        assertThat(byteOffset).isBetween(lineStart + 19, lineStart + 24);
        assertThat(problems.get(1).line()).isEqualTo(4);
        assertThat(problems.get(1).message()).contains("not a JSON object");
    }

    @Test
    void aSyntaxErrorInADocumentKeepsTheSpansBeforeIt() throws IOException {
        String document = Files.readString(fixture("genai-older.json"));
        int cut = document.indexOf("\"c000000000000003\"");
        Path file = dir.resolve("cut.json");
        Files.writeString(file, document.substring(0, cut) + "}}}");
        List<SourceProblem> problems = new ArrayList<>();

        List<Conversation> tasks = read(OtlpConversationSource.of(file), problems);

        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).events()).noneSatisfy(event -> assertThat(event.tool()).contains("lookup_invoice"));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isGreaterThan(1);
            assertThat(problem.message()).contains("invalid JSON").contains("byte ");
        });
    }

    @Test
    void beyondTheSpanBoundTheOldestTraceIsEmittedAsItIsAndLateSpansAreReportedNotDuplicated() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Conversation> tasks = read(OtlpConversationSource.builder(fixture("genai-current.jsonl"))
                .maxBufferedSpans(3).build(), problems);

        assertThat(tasks).extracting(Conversation::taskId).doesNotHaveDuplicates();
        assertThat(problems).anySatisfy(problem -> assertThat(problem.message())
                .contains("emitted without its root span").contains("raise maxBufferedSpans"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem.message())
                .contains("arrived after its trace was emitted"));
    }

    @Test
    void filtersByTeamAndWindow() {
        OtlpConversationSource source = OtlpConversationSource.of(fixture("genai-current.jsonl"));
        try (Stream<Conversation> tasks = source.conversations(ConversationQuery.team("other-team"))) {
            assertThat(tasks).isEmpty();
        }
        try (Stream<Conversation> tasks = source.conversations(ConversationQuery.team("research-team")
                .within(dev.kaizen4j.model.TimeWindow.between(java.time.Instant.parse("2025-06-10T14:01:00Z"),
                        java.time.Instant.parse("2025-06-11T00:00:00Z"))))) {
            assertThat(tasks).extracting(Conversation::taskId).containsExactly("0af7651916cd43dd8448eb211c80319c");
        }
    }

    @Test
    void readsLinesTooLongToSniffAsAStreamedDocument() throws IOException {
        StringBuilder spans = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            String trace = String.format("%032x", i + 1);
            spans.append(i == 0 ? "" : ",").append("{\"traceId\":\"").append(trace).append("\",\"spanId\":\"")
                    .append(String.format("%016x", i + 1)).append("\",\"name\":\"invoke_agent worker\","
                            + "\"startTimeUnixNano\":\"1749564000000000000\",\"endTimeUnixNano\":\"1749564001000000000\","
                            + "\"attributes\":[{\"key\":\"gen_ai.output.messages\",\"value\":{\"stringValue\":\"")
                    .append("x".repeat(3000)).append("\"}}]}");
        }
        String line = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"bulk\"}}]},\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}";
        Path file = dir.resolve("long.jsonl");
        Files.writeString(file, line + "\n" + line.replace("\"bulk\"", "\"second\"") + "\n");
        assertThat(Files.size(file)).isGreaterThan(2L << 20);
        List<SourceProblem> problems = new ArrayList<>();

        List<Conversation> tasks = read(OtlpConversationSource.of(file), problems);

        assertThat(problems).isEmpty();
        assertThat(tasks).hasSize(400);
        assertThat(tasks).extracting(Conversation::teamName).containsOnly("bulk");
    }
}
