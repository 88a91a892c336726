package dev.kaizen4j.notifier.supabase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TaskOutcome;
import dev.kaizen4j.model.TimeWindow;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.JsonlConversationSource;
import dev.kaizen4j.source.SourceProblem;
import dev.kaizen4j.source.SourceProblemListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresConversationSourceTest {

    /** Events of two teams, tasks interleaved as concurrent loggers write them. */
    static final List<String> LOG = List.of(
            "{\"timestamp\":\"2025-06-10T09:00:00\",\"team_name\":\"marketing-team\",\"task_id\":\"TASK-001\",\"agent_name\":\"manager\",\"message\":\"Write the launch post\",\"message_type\":\"task_assignment\",\"to_agent\":\"content_creator\",\"metadata\":{\"task_type\":\"content\",\"target_keyword\":\"solar\"}}",
            "{\"timestamp\":\"2025-06-10T09:00:30\",\"team_name\":\"sales-team\",\"task_id\":\"TASK-001\",\"agent_name\":\"closer\",\"message\":\"Call the lead\",\"message_type\":\"proposal\",\"metadata\":{}}",
            "{\"timestamp\":\"2025-06-10T09:01:00\",\"team_name\":\"marketing-team\",\"task_id\":\"TASK-002\",\"agent_name\":\"manager\",\"message\":\"Research competitors\",\"message_type\":\"task_assignment\",\"to_agent\":\"market_researcher\",\"metadata\":{}}",
            "{\"timestamp\":\"2025-06-10T09:02:00\",\"team_name\":\"marketing-team\",\"task_id\":\"TASK-001\",\"agent_name\":\"content_creator\",\"message\":\"Draft ready\",\"message_type\":\"shouting\",\"metadata\":{\"tokens\":812,\"nested\":{\"a\":[1,2.5,\"x\"]},\"gone\":null}}",
            "{\"timestamp\":\"2025-06-10T09:03:00\",\"team_name\":\"marketing-team\",\"task_id\":\"TASK-002\",\"agent_name\":\"market_researcher\",\"message\":\"web_search failed\",\"message_type\":\"error\",\"metadata\":{\"error\":\"timeout\",\"tool\":\"web_search\"}}",
            "{\"timestamp\":\"2025-06-10T09:04:00\",\"team_name\":\"marketing-team\",\"task_id\":\"TASK-001\",\"agent_name\":\"manager\",\"message\":\"Published\",\"message_type\":\"task_completion\",\"metadata\":{\"duration_seconds\":240.5}}",
            "{\"timestamp\":\"2025-06-10T09:05:00\",\"team_name\":\"marketing-team\",\"task_id\":\"TASK-002\",\"agent_name\":\"system\",\"message\":\"gave up\",\"message_type\":\"update\",\"metadata\":{\"outcome\":\"failed\"}}",
            "{\"timestamp\":\"2025-06-11T10:00:00\",\"team_name\":\"marketing-team\",\"task_id\":\"TASK-003\",\"agent_name\":\"manager\",\"message\":\"Next one\",\"message_type\":\"task_assignment\",\"metadata\":{}}");

    private static TestDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.create();
        new SchemaMigrations(database.dataSource()).migrate();
    }

    @BeforeEach
    void emptyTable() {
        database.execute("TRUNCATE team_conversations");
    }

    private static void insertLog(TestDatabase target) {
        String sql = "INSERT INTO team_conversations (team_name, task_id, agent_name, message, message_type, to_agent,"
                + " metadata, \"timestamp\") SELECT j->>'team_name', j->>'task_id', j->>'agent_name', j->>'message',"
                + " j->>'message_type', j->>'to_agent', j->'metadata', (j->>'timestamp')::timestamp AT TIME ZONE 'UTC'"
                + " FROM (SELECT ?::jsonb AS j) line";
        try (Connection connection = target.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            for (String line : LOG) {
                insert.setString(1, line);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Conversation> read(PostgresConversationSource source, ConversationQuery query,
            List<SourceProblem> problems) {
        try (Stream<Conversation> tasks = source.conversations(query, SourceProblemListener.collectingInto(problems))) {
            return tasks.toList();
        }
    }

    @Test
    void givenTheSameEventsInALogFileAndInTheTable_whenRead_thenBothSourcesGiveEqualConversations(@TempDir Path dir)
            throws IOException {
        insertLog(database);
        Path log = Files.write(dir.resolve("team.jsonl"), LOG, UTF_8);
        List<SourceProblem> problems = new ArrayList<>();

        List<Conversation> fromTable = read(PostgresConversationSource.of(database.dataSource()),
                ConversationQuery.team("marketing-team"), problems);
        List<Conversation> fromFile;
        try (Stream<Conversation> tasks = JsonlConversationSource.of(log).conversations(ConversationQuery.team("marketing-team"))) {
            fromFile = tasks.toList();
        }

        assertThat(problems).isEmpty();
        assertThat(fromTable).extracting(Conversation::taskId).containsExactly("TASK-001", "TASK-002", "TASK-003");
        assertThat(fromTable).containsExactlyInAnyOrderElementsOf(fromFile);
    }

    @Test
    void givenRows_whenRead_thenEachColumnMapsToTheEventAsTheLogFormatDefinesIt() {
        insertLog(database);

        List<Conversation> tasks = read(PostgresConversationSource.of(database.dataSource()),
                ConversationQuery.team("marketing-team"), new ArrayList<>());

        Conversation first = tasks.get(0);
        assertThat(first.outcome()).isEqualTo(TaskOutcome.SUCCESS);
        assertThat(first.durationSeconds()).isEqualTo(240.5);
        ConversationEvent assignment = first.events().get(0);
        assertThat(assignment.timestamp()).isEqualTo(Instant.parse("2025-06-10T09:00:00Z"));
        assertThat(assignment.toAgent()).isEqualTo("content_creator");
        assertThat(assignment.type()).isEqualTo(MessageType.TASK_ASSIGNMENT);
        assertThat(assignment.metadata()).containsEntry("target_keyword", "solar");
        ConversationEvent draft = first.events().get(1);
        assertThat(draft.type()).as("unknown types read as update").isEqualTo(MessageType.UPDATE);
        assertThat(draft.metadata()).containsEntry("tokens", 812).containsOnlyKeys("tokens", "nested");
        assertThat(tasks.get(1).outcome()).isEqualTo(TaskOutcome.FAILURE);
        assertThat(tasks).extracting(Conversation::teamName).containsOnly("marketing-team");
    }

    @Test
    void givenAWindow_whenRead_thenTasksStartingInItComeWithAllTheirEventsAndOthersNot() {
        insertLog(database);
        database.execute("INSERT INTO team_conversations (team_name, task_id, agent_name, message, message_type,"
                + " \"timestamp\") VALUES ('marketing-team', 'TASK-000', 'manager', 'late reply', 'update',"
                + " TIMESTAMPTZ '2025-06-10T09:03:30Z'), ('marketing-team', 'TASK-000', 'manager', 'started before',"
                + " 'task_assignment', TIMESTAMPTZ '2025-06-09T12:00:00Z')");
        TimeWindow window = TimeWindow.between(Instant.parse("2025-06-10T00:00:00Z"), Instant.parse("2025-06-10T09:01:00Z"));

        List<Conversation> tasks = read(PostgresConversationSource.of(database.dataSource()),
                new ConversationQuery(null, window), new ArrayList<>());

        // in the order they end, as the JSON Lines source emits them: marketing's ends with a late event
        assertThat(tasks).extracting(task -> task.teamName() + "/" + task.taskId())
                .containsExactly("sales-team/TASK-001", "marketing-team/TASK-001");
        assertThat(tasks.get(1).events()).hasSize(3).last()
                .satisfies(event -> assertThat(event.timestamp()).isAfter(window.to()));
    }

    @Test
    void givenUnusableRowsInAHandMadeTable_whenRead_thenEachIsReportedWithItsIdAndTheRestIsRead() {
        TestDatabase handMade = TestDatabase.create();
        handMade.execute("CREATE TABLE agent_log (id BIGSERIAL PRIMARY KEY, team_name TEXT, task_id TEXT, agent_name TEXT,"
                + " message TEXT, message_type TEXT, to_agent TEXT, metadata JSONB, \"timestamp\" TIMESTAMPTZ);"
                + "INSERT INTO agent_log (team_name, task_id, agent_name, message, message_type, metadata, \"timestamp\") VALUES"
                + " ('t', 'A', 'writer', 'ok', 'proposal', NULL, TIMESTAMPTZ '2025-06-10T09:00:00Z'),"
                + " ('t', 'A', 'writer', 'list', 'update', '[1, 2]', TIMESTAMPTZ '2025-06-10T09:01:00Z'),"
                + " ('t', ' ', 'writer', 'no task', 'update', '{}', TIMESTAMPTZ '2025-06-10T09:02:00Z'),"
                + " ('t', 'A', 'writer', 'when?', 'update', '{}', NULL),"
                + " ('t', 'A', 'writer', NULL, 'task_completion', '{}', TIMESTAMPTZ '2025-06-10T09:03:00Z')");
        List<SourceProblem> problems = new ArrayList<>();

        List<Conversation> tasks = read(PostgresConversationSource.builder(handMade.dataSource()).table("agent_log")
                .build(), ConversationQuery.all(), problems);

        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.events()).extracting(ConversationEvent::message).containsExactly("ok", "");
            assertThat(task.outcome()).isEqualTo(TaskOutcome.SUCCESS);
        });
        assertThat(problems).extracting(SourceProblem::toString).containsExactlyInAnyOrder(
                "public.agent_log id 2: 'metadata' must be a JSON object, found [1, 2]",
                "public.agent_log id 3: 'task_id' is missing",
                "public.agent_log id 4: 'timestamp' is missing");
    }

    @Test
    void givenNoTable_whenRead_thenOneLineSaysToMigrate() {
        TestDatabase empty = TestDatabase.create();

        assertThatThrownBy(() -> read(PostgresConversationSource.of(empty.dataSource()), ConversationQuery.all(),
                new ArrayList<>()))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("public.team_conversations")
                .hasMessageContaining("kaizen4j migrate");
    }

    @Test
    void givenAStreamClosedHalfWay_thenItsConnectionIsReleasedAndTheSourceReadsAgain() {
        insertLog(database);
        PostgresConversationSource source = PostgresConversationSource.builder(database.dataSource()).fetchSize(1).build();

        for (int i = 0; i < 30; i++) {
            try (Stream<Conversation> tasks = source.conversations(ConversationQuery.all())) {
                assertThat(tasks.findFirst()).isPresent();
            }
        }

        assertThat(Rows.count(database.dataSource(), "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                + database.name() + "' AND state LIKE 'idle in transaction%'")).isZero();
    }

    @Test
    void givenBadSettings_whenBuilt_thenTheyAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> PostgresConversationSource.builder(database.dataSource()).table("x; DROP TABLE y"))
                .isInstanceOf(KaizenException.class).hasMessageContaining("'x; DROP TABLE y'");
        assertThatThrownBy(() -> PostgresConversationSource.builder(database.dataSource()).fetchSize(0))
                .isInstanceOf(KaizenException.class).hasMessageContaining("was 0");
    }

    /**
     * 100,000 events of 2 KB (200 MB of messages) read by a JVM with a 48 MB heap: only a cursor that
     * fetches a few rows at a time can do it; reading the whole result at once runs out of memory.
     */
    @Test
    void givenALargeTable_whenStreamedByAJvmWithASmallHeap_thenEveryTaskIsReadWithoutRunningOutOfMemory()
            throws Exception {
        TestDatabase large = TestDatabase.create();
        new SchemaMigrations(large.dataSource()).migrate();
        large.execute("INSERT INTO team_conversations (team_name, task_id, agent_name, message, message_type, metadata,"
                + " \"timestamp\") SELECT 'marketing-team', 'TASK-' || (i / 10), 'writer', repeat(md5(i::text), 64),"
                + " CASE WHEN i % 10 = 9 THEN 'task_completion' ELSE 'update' END, jsonb_build_object('n', i),"
                + " TIMESTAMPTZ '2025-06-10T00:00:00Z' + i * INTERVAL '1 second' FROM generate_series(0, 99999) i");

        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), StreamingProbe.class.getName(),
                large.jdbcUrl(), "500")
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), UTF_8);
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("tasks=10000 events=100000 completed=10000");
    }

    /** Reads every conversation of a database and prints what it counted; run in its own JVM. */
    public static final class StreamingProbe {
        public static void main(String[] args) {
            org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
            dataSource.setUrl(args[0]);
            PostgresConversationSource source = PostgresConversationSource.builder(dataSource)
                    .fetchSize(Integer.parseInt(args[1])).build();
            long tasks = 0;
            long events = 0;
            long completed = 0;
            try (Stream<Conversation> all = source.conversations(ConversationQuery.team("marketing-team"))) {
                for (Conversation task : (Iterable<Conversation>) all::iterator) {
                    tasks++;
                    events += task.events().size();
                    completed += task.outcome() == TaskOutcome.SUCCESS ? 1 : 0;
                }
            }
            System.out.println("tasks=" + tasks + " events=" + events + " completed=" + completed);
        }
    }

}
