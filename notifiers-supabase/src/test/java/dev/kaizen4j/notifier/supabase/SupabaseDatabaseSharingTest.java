package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.contract.ContractRequests;
import dev.kaizen4j.spi.KaizenConfig;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One pool per connection settings in a process: {@link SupabaseDatabase#shared} against a real PostgreSQL. */
class SupabaseDatabaseSharingTest {

    private TestDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.create();
        new SchemaMigrations(database.dataSource()).migrate();
    }

    private SupabaseConfig config(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("supabase.db.url", database.jdbcUrl(),
                "supabase.connect.timeout", "2s"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return SupabaseConfig.of(KaizenConfig.of(settings), Map.of());
    }

    @Test
    void givenTheSameSettings_whenSharedTwice_thenBothHandlesUseOnePool() {
        try (SupabaseDatabase first = SupabaseDatabase.shared(config());
                SupabaseDatabase second = SupabaseDatabase.shared(config());
                SupabaseDatabase otherPoolSize = SupabaseDatabase.shared(config("supabase.pool.size", "2"));
                SupabaseDatabase opened = SupabaseDatabase.open(config())) {
            assertThat(second.dataSource()).isSameAs(first.dataSource());
            assertThat(otherPoolSize.dataSource()).isNotSameAs(first.dataSource());
            assertThat(opened.dataSource()).isNotSameAs(first.dataSource());
        }
    }

    @Test
    void givenTwoHandles_whenOneIsClosedEvenTwice_thenThePoolServesTheOtherAndClosesWithIt() throws SQLException {
        SupabaseDatabase first = SupabaseDatabase.shared(config());
        SupabaseDatabase second = SupabaseDatabase.shared(config());
        HikariDataSource pool = (HikariDataSource) first.dataSource();

        first.close();
        first.close();

        second.check();
        assertThat(pool.isClosed()).isFalse();
        second.close();
        assertThat(pool.isClosed()).isTrue();
        try (SupabaseDatabase reopened = SupabaseDatabase.shared(config())) {
            assertThat(reopened.dataSource()).isNotSameAs(pool);
            reopened.check();
        }
    }

    @Test
    void givenTheRunnersHandle_whenTheBackChannelOfTheSameSettingsSubmits_thenItBorrowsFromThatPool() {
        try (SupabaseDatabase shared = SupabaseDatabase.shared(config())) {
            HikariDataSource pool = (HikariDataSource) shared.dataSource();
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isZero();

            try (BackChannel channel = SupabaseBackChannel.create(config())) {
                Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
                assertThat(submission.isSubmitted()).isTrue();
            }

            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
            assertThat(pool.isClosed()).as("the channel released its handle, not the pool").isFalse();
        }
    }
}
