package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.SchemaMigrations.AppliedMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    @Test
    void createsTheDesignTablesWithRowLevelSecurityWhenTheyDoNotExist() throws SQLException {
        TestDatabase database = TestDatabase.create();

        List<AppliedMigration> applied = new SchemaMigrations(database.dataSource()).migrate();

        assertThat(applied).extracting(AppliedMigration::version).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(columns(database, "team_effectiveness_metrics")).containsExactly(
                "id uuid", "team_name text", "metric_date date", "tasks_completed integer",
                "average_completion_time interval", "collaboration_score double precision",
                "error_rate double precision", "improvement_suggestions integer");
        assertThat(columns(database, "team_improvement_requests")).startsWith(
                "id uuid", "team_name text", "request_type text", "agent_name text", "current_state jsonb",
                "proposed_state jsonb", "rationale text", "effectiveness_metrics jsonb", "status text",
                "created_at timestamp without time zone", "reviewed_at timestamp without time zone",
                "implemented_at timestamp without time zone", "reviewer_notes text")
                .contains("fingerprint text", "request_id text", "diff text", "validation jsonb");
        assertThat(rowLevelSecurity(database, "team_improvement_requests")).isTrue();
        assertThat(rowLevelSecurity(database, "team_effectiveness_metrics")).isTrue();
        assertThat(rowLevelSecurity(database, "kaizen4j_ledger_entries")).isTrue();
    }

    @Test
    void keepsTablesAUserCreatedByHandWithTheirRowsAndSecuritySettings() throws SQLException {
        TestDatabase database = TestDatabase.create();
        database.createDesignTablesByHand();
        database.execute("""
                INSERT INTO team_improvement_requests (team_name, request_type, agent_name, current_state,
                    proposed_state, rationale, status, reviewer_notes)
                VALUES ('support', 'prompt', 'triage', '{"prompt": "old"}', '{"prompt": "new"}', 'by hand',
                    'approved', 'looks fine')""");

        List<AppliedMigration> applied = new SchemaMigrations(database.dataSource()).migrate();

        assertThat(applied).isNotEmpty();
        assertThat(rowLevelSecurity(database, "team_improvement_requests")).isFalse();
        assertThat(rowLevelSecurity(database, "team_effectiveness_metrics")).isFalse();
        assertThat(columns(database, "team_improvement_requests")).startsWith(
                "id uuid", "team_name text", "request_type text").contains("fingerprint text");
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT team_name, status, reviewer_notes, proposed_state->>'prompt', fingerprint"
                                + " FROM team_improvement_requests");
                ResultSet rows = query.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("support");
            assertThat(rows.getString(2)).isEqualTo("approved");
            assertThat(rows.getString(3)).isEqualTo("looks fine");
            assertThat(rows.getString(4)).isEqualTo("new");
            assertThat(rows.getString(5)).isNull();
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void migratingAnUpToDateSchemaAppliesNothing() {
        TestDatabase database = TestDatabase.create();
        SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
        migrations.migrate();

        assertThat(migrations.pending()).isEmpty();
        assertThat(migrations.migrate()).isEmpty();
    }

    @Test
    void recordsEveryStatusChangeOfAQueueRowInTheAuditTrail() throws SQLException {
        TestDatabase database = TestDatabase.create();
        new SchemaMigrations(database.dataSource()).migrate();
        database.execute("""
                INSERT INTO team_improvement_requests (team_name, request_type, agent_name, current_state,
                    proposed_state, rationale, request_id)
                VALUES ('support', 'prompt', 'triage', '{}', '{}', 'why', 'support-1');
                UPDATE team_improvement_requests SET status = 'rejected', reviewer_notes = 'too vague',
                    reviewed_by = 'dana' WHERE request_id = 'support-1';
                UPDATE team_improvement_requests SET rationale = 'edited' WHERE request_id = 'support-1';
                """);

        List<String> trail = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT from_status, to_status, actor, reason"
                        + " FROM team_improvement_transitions WHERE request_id = 'support-1' ORDER BY id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                trail.add(rows.getString(1) + "->" + rows.getString(2) + " by " + rows.getString(3) + ": "
                        + rows.getString(4));
            }
        }
        assertThat(trail).containsExactly("null->pending by postgres: null", "pending->rejected by dana: too vague");
    }

    @Test
    void grantsTheServiceRoleWhereTheDatabaseHasOne() throws SQLException {
        TestDatabase database = TestDatabase.create();
        database.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'service_role') THEN"
                + " CREATE ROLE service_role NOLOGIN BYPASSRLS; END IF; END $$");

        new SchemaMigrations(database.dataSource()).migrate();

        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT has_table_privilege('service_role', 'team_improvement_requests', 'INSERT')");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            assertThat(rows.getBoolean(1)).isTrue();
        }
    }

    @Test
    void aBlankSchemaNameIsRefused() {
        TestDatabase database = TestDatabase.create();

        assertThatThrownBy(() -> new SchemaMigrations(database.dataSource(), " "))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("schema");
    }

    private static List<String> columns(TestDatabase database, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT column_name, data_type"
                        + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?"
                        + " ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return columns;
    }

    private static boolean rowLevelSecurity(TestDatabase database, String table) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass(?)")) {
            query.setString(1, "public." + table);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
