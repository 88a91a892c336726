package dev.kaizen4j.notifier.supabase.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.DatabaseUnreachableException;
import dev.kaizen4j.notifier.supabase.SupabaseDatabase;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void givenSupabasesConnectionUri_thenHostPortDatabaseAndCredentialsAreReadAndTheUrlHasNoPassword() {
        Database.Target target = Database.parse(
                "postgresql://postgres.abcd:p%40ss:w/rd@aws-0-eu-west-1.pooler.supabase.com:5432/postgres?sslmode=require");

        assertThat(target.host()).isEqualTo("aws-0-eu-west-1.pooler.supabase.com");
        assertThat(target.port()).isEqualTo(5432);
        assertThat(target.database()).isEqualTo("postgres");
        assertThat(target.user()).isEqualTo("postgres.abcd");
        assertThat(target.password()).isEqualTo("p@ss:w/rd");
        assertThat(target.jdbcUrl())
                .isEqualTo("jdbc:postgresql://aws-0-eu-west-1.pooler.supabase.com:5432/postgres?sslmode=require");
        assertThat(target.toString()).doesNotContain("p@ss").contains("as postgres.abcd");
        assertThat(target.transactionPooler()).isFalse();
    }

    @Test
    void givenTheTransactionPoolersPort_thenPreparedStatementsAreTurnedOff() {
        Database.Target target = Database.parse("postgres://u:pw@db.example.test:6543/postgres");

        assertThat(target.transactionPooler()).isTrue();
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.test:6543/postgres?prepareThreshold=0");
    }

    @Test
    void givenAJdbcUrlWithCredentialsInTheQuery_thenTheyAreTakenOutOfTheUrl() {
        Database.Target target = Database.parse("jdbc:postgresql://localhost:5433/kz?user=app&password=hunter2&ssl=false");

        assertThat(target.user()).isEqualTo("app");
        assertThat(target.password()).isEqualTo("hunter2");
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/kz?ssl=false");
        assertThat(Database.parse("jdbc:postgresql://localhost/kz").port()).isEqualTo(5432);
    }

    @Test
    void givenAnUnknownScheme_thenTheErrorNamesItWithoutThePassword() {
        assertThatThrownBy(() -> Database.parse("mysql://root:topsecret@host/db"))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("postgresql://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> Database.parse("postgresql://u:pw@host:99999/db"))
                .hasMessageContaining("'99999' is not a port number");
        assertThatThrownBy(() -> Database.parse("postgresql://u:pw@/db")).hasMessageContaining("names no host");
    }

    @Test
    void givenSqlStates_thenEachBecomesOneClearLineOfTheRightKind() {
        assertThat(Database.failure("x", new SQLException("password authentication failed for user \"u\"", "28P01")))
                .hasMessage("x failed: the database refused the credentials: password authentication failed for user \"u\"")
                .extracting(KaizenException::kind).isEqualTo(KaizenException.Kind.AUTHENTICATION);
        assertThat(Database.failure("x", new SQLException("relation \"t\" does not exist\n  Position: 15", "42P01")))
                .hasMessage("x failed: relation \"t\" does not exist (the schema is not migrated: run kaizen4j migrate)")
                .extracting(KaizenException::isRetriable).isEqualTo(false);
        assertThat(Database.failure("x", new SQLException("could not serialize access", "40001")).isRetriable()).isTrue();
        assertThat(Database.failure("x", new SQLException("deadlock detected", "40P01")).isRetriable()).isTrue();
        assertThat(Database.failure("x", new SQLException("duplicate key value", "23505")).isRetriable()).isFalse();
        assertThat(Database.failure("x", new SQLException("terminating connection due to administrator command", "57P01"))
                .isRetriable()).isTrue();
        assertThat(Database.failure("x", new SQLException("Connection refused", "08001", new ConnectException("refused"))))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void givenTheTransactionPooler_thenOnlyThePublicSchemaIsAcceptedAndMigrationsAreRefused() {
        Database.Target pooler = Database.parse("postgresql://u:pw@127.0.0.1:6543/postgres");

        assertThatThrownBy(() -> Database.open(pooler, "kaizen", 1, Duration.ofSeconds(1)))
                .isInstanceOf(KaizenException.class).hasMessageContaining("schema 'kaizen'").hasMessageContaining("5432");
        try (SupabaseDatabase database = SupabaseDatabase.open("postgresql://u:pw@127.0.0.1:6543/postgres")) {
            assertThat(database.transactionPooler()).isTrue();
            assertThatThrownBy(database::migrate).isInstanceOf(KaizenException.class)
                    .hasMessageContaining("migrate through port 5432");
        }
    }
}
