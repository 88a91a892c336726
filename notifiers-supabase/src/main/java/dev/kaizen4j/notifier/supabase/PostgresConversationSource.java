package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.model.TimeWindow;
import dev.kaizen4j.notifier.supabase.internal.Database;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.ConversationSource;
import dev.kaizen4j.source.SourceProblem;
import dev.kaizen4j.source.SourceProblemListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Streams a team's conversations from the {@code team_conversations} table (the log format's fields,
 * {@code metadata} as JSONB), as runtimes that log to the database write them.
 *
 * <p>One query per call selects the tasks whose first event falls in the window and returns their events
 * task by task (tasks in order of their last event, as the JSON Lines source emits them when they end;
 * events in time order) through a server-side cursor:
 * the connection leaves auto-commit off and fetches {@link Builder#fetchSize(int) a few hundred rows} at a
 * time, so the process holds one task and one fetch whatever the table's size. This works through
 * Supabase's session and transaction poolers alike, the cursor living in one transaction.
 *
 * <p>As in the JSON Lines source, unknown {@code message_type}s read as {@code update}, and a row that
 * cannot be used (no timestamp, a blank task id, {@code metadata} that is not a JSON object) is skipped and
 * reported to the listener with its {@code id}; it never stops a run.
 *
 * <pre>{@code
 * ConversationSource source = PostgresConversationSource.of(dataSource);
 * try (Stream<Conversation> tasks = source.conversations(ConversationQuery.team("marketing-team"))) {
 *     tasks.forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Thread safety: immutable; concurrent calls each take their own connection. The returned stream
 * holds a connection until it is closed.
 */
public final class PostgresConversationSource implements ConversationSource {

    /** The table the migrations create. */
    public static final String DEFAULT_TABLE = "team_conversations";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DataSource dataSource;
    private final String schema;
    private final String table;
    private final int fetchSize;

    private PostgresConversationSource(Builder builder) {
        this.dataSource = builder.dataSource;
        this.schema = builder.schema;
        this.table = builder.table;
        this.fetchSize = builder.fetchSize;
    }

    /** A source on {@code public.team_conversations}; the caller owns and closes {@code dataSource}. */
    public static PostgresConversationSource of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Where the events are read, for messages: {@code schema.table}. */
    public String location() {
        return schema + "." + table;
    }

    @Override
    public Stream<Conversation> conversations(ConversationQuery query, SourceProblemListener problems) {
        requireNonNull(query, "query");
        requireNonNull(problems, "problems");
        Cursor cursor = open(query);
        TaskIterator tasks = new TaskIterator(cursor, problems);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(tasks, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(cursor::close);
    }

    private Cursor open(ConversationQuery query) {
        String from = "\"" + schema + "\".\"" + table + "\"";
        List<Object> parameters = new ArrayList<>();
        StringBuilder tasks = new StringBuilder("SELECT team_name, task_id, max(\"timestamp\") AS ended, max(id) AS last_id FROM ")
                .append(from).append(" WHERE true");
        query.teamName().ifPresent(team -> {
            tasks.append(" AND team_name = ?");
            parameters.add(team);
        });
        tasks.append(" GROUP BY team_name, task_id HAVING true");
        TimeWindow window = query.window();
        if (!window.from().equals(Instant.MIN)) {
            tasks.append(" AND min(\"timestamp\") >= ?");
            parameters.add(Timestamp.from(window.from()));
        }
        if (!window.to().equals(Instant.MAX)) {
            tasks.append(" AND min(\"timestamp\") < ?");
            parameters.add(Timestamp.from(window.to()));
        }
        // Tasks whose events all lack a timestamp have no start: they are read (and reported) only
        // when the window is unbounded, as their start cannot fall in a bounded one.
        String sql = "WITH tasks AS (" + tasks + ") SELECT e.id, e.team_name, e.task_id, e.agent_name, e.message,"
                + " e.message_type, e.to_agent, e.metadata::text, e.\"timestamp\" FROM " + from + " e"
                + " JOIN tasks t ON t.team_name = e.team_name AND t.task_id = e.task_id"
                // Tasks in the order they end, as the JSON Lines source emits them, so that both give the same report.
                + " ORDER BY t.ended NULLS LAST, t.last_id, e.team_name, e.task_id, e.\"timestamp\" NULLS LAST, e.id";
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            // the driver streams through a cursor only inside a transaction and with a fetch size
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return new Cursor(connection, statement, statement.executeQuery());
        } catch (SQLException e) {
            if (connection != null) {
                Cursor.release(connection);
            }
            throw Database.failure("reading conversations from " + location(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgresConversationSource[" + location() + ", fetch size " + fetchSize + "]";
    }

    /** An open query: its connection, kept in one read-only transaction until closed. */
    private record Cursor(Connection connection, PreparedStatement statement, ResultSet rows) {

        void close() {
            try {
                rows.close();
                statement.close();
            } catch (SQLException ignored) {
                // the connection is released below whatever happened to the cursor
            }
            release(connection);
        }

        static void release(Connection connection) {
            try {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // a broken connection: closing it is all that is left
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    /** Groups consecutive rows of one team and task into a conversation. */
    private final class TaskIterator implements Iterator<Conversation> {
        private final Cursor cursor;
        private final SourceProblemListener problems;
        private @Nullable ConversationEvent pending;
        private @Nullable Conversation next;
        private boolean exhausted;

        TaskIterator(Cursor cursor, SourceProblemListener problems) {
            this.cursor = cursor;
            this.problems = problems;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !exhausted) {
                next = readTask();
            }
            return next != null;
        }

        @Override
        public Conversation next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Conversation task = next;
            next = null;
            return task;
        }

        private @Nullable Conversation readTask() {
            List<ConversationEvent> events = new ArrayList<>();
            if (pending != null) {
                events.add(pending);
                pending = null;
            }
            ConversationEvent event;
            while ((event = nextEvent()) != null) {
                if (!events.isEmpty() && !sameTask(events.get(0), event)) {
                    pending = event;
                    break;
                }
                events.add(event);
            }
            if (events.isEmpty()) {
                return null;
            }
            return Conversation.of(events.get(0).teamName(), events.get(0).taskId(), events);
        }

        private static boolean sameTask(ConversationEvent a, ConversationEvent b) {
            return a.taskId().equals(b.taskId()) && a.teamName().equals(b.teamName());
        }

        /** The next usable row as an event; null at the end. Unusable rows are reported and skipped. */
        private @Nullable ConversationEvent nextEvent() {
            try {
                while (cursor.rows().next()) {
                    ResultSet row = cursor.rows();
                    long id = row.getLong(1);
                    try {
                        return event(row);
                    } catch (BadRow bad) {
                        problems.problem(new SourceProblem(location() + " id " + id, 0, bad.getMessage()));
                    }
                }
                exhausted = true;
                return null;
            } catch (SQLException e) {
                exhausted = true;
                throw Database.failure("reading conversations from " + location(), e);
            }
        }

        private ConversationEvent event(ResultSet row) throws SQLException {
            String team = required(row.getString(2), "team_name");
            String taskId = required(row.getString(3), "task_id");
            String agent = required(row.getString(4), "agent_name");
            String message = row.getString(5);
            String type = row.getString(6);
            OffsetDateTime timestamp = row.getObject(9, OffsetDateTime.class);
            if (timestamp == null) {
                throw new BadRow("'timestamp' is missing");
            }
            return new ConversationEvent(timestamp.toInstant(), team, taskId, agent, message == null ? "" : message,
                    type == null ? MessageType.UPDATE : MessageType.parse(type), row.getString(7),
                    metadata(row.getString(8)));
        }

        private static String required(@Nullable String value, String column) {
            if (value == null || value.isBlank()) {
                throw new BadRow("'" + column + "' is missing");
            }
            return value;
        }

        private static Map<String, Object> metadata(@Nullable String json) {
            if (json == null) {
                return Map.of();
            }
            if (!json.stripLeading().startsWith("{")) {
                throw new BadRow("'metadata' must be a JSON object, found " + abbreviate(json));
            }
            try {
                Map<String, Object> parsed = JSON.readValue(json, MAP);
                Map<String, Object> metadata = new LinkedHashMap<>();
                // a JSON null carries nothing, as in the log format
                parsed.forEach((key, value) -> {
                    if (value != null) {
                        metadata.put(key, value);
                    }
                });
                return metadata;
            } catch (JsonProcessingException e) {
                throw new BadRow("'metadata' is not valid JSON: " + e.getOriginalMessage());
            }
        }

        private static String abbreviate(String json) {
            return json.length() > 40 ? json.substring(0, 40) + "..." : json;
        }
    }

    /** A row that cannot be an event. */
    private static final class BadRow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRow(String message) {
            super(message, null, false, false);
        }
    }

    /** Settings of a {@link PostgresConversationSource}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema = "public";
        private String table = DEFAULT_TABLE;
        private int fetchSize = 500;

        private Builder(DataSource dataSource) {
            this.dataSource = requireNonNull(dataSource, "dataSource");
        }

        /** The schema holding the table; {@code public} by default. */
        public Builder schema(String schema) {
            this.schema = identifier(schema, "schema");
            return this;
        }

        /**
         * The table, by default {@value #DEFAULT_TABLE}; another table (or view) needs the same columns:
         * {@code id, team_name, task_id, agent_name, message, message_type, to_agent, metadata, timestamp}.
         */
        public Builder table(String table) {
            this.table = identifier(table, "table");
            return this;
        }

        /** Rows fetched per round trip, and so held at once beside the current task; 500 by default. */
        public Builder fetchSize(int rows) {
            if (rows < 1) {
                throw KaizenException.invalidInput("the fetch size must be at least 1 row, was " + rows);
            }
            this.fetchSize = rows;
            return this;
        }

        public PostgresConversationSource build() {
            return new PostgresConversationSource(this);
        }

        private static String identifier(String name, String what) {
            requireNonNull(name, what);
            if (!IDENTIFIER.matcher(name).matches()) {
                throw KaizenException.invalidInput("the " + what + " name '" + name + "' is not a plain SQL identifier"
                        + " (letters, digits, _ and $, not starting with a digit)");
            }
            return name;
        }
    }
}
