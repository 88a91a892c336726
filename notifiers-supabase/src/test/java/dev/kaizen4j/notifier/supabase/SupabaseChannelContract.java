package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.BackChannelContract;
import dev.kaizen4j.spi.KaizenConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The core contract kit for the Supabase back-channel, whatever its transport: channels opened from
 * settings and closed after each test, and reviewers deciding in the table as a person would.
 */
abstract class SupabaseChannelContract extends BackChannelContract {

    private final List<BackChannel> opened = new ArrayList<>();

    /** The database the channels under test write to. */
    protected abstract TestDatabase database();

    @AfterEach
    void closeChannels() {
        opened.forEach(BackChannel::close);
    }

    /** A channel made from {@code kaizen.*} settings, as the runner makes it; closed after the test. */
    protected BackChannel open(Map<String, String> settings) {
        return closedAfterTheTest(SupabaseBackChannel.create(SupabaseConfig.of(KaizenConfig.of(settings), Map.of())));
    }

    /** {@code channel}, to be closed after the test. */
    protected BackChannel closedAfterTheTest(BackChannel channel) {
        opened.add(channel);
        return channel;
    }

    @Override
    protected void decide(Submission submission, Verdict verdict, String notes) {
        update("UPDATE team_improvement_requests SET status = ?, reviewer_notes = ? WHERE id = ?::uuid",
                verdict.name().toLowerCase(Locale.ROOT), notes, submission.externalId());
    }

    @Override
    protected int requestsHeld() {
        return (int) Rows.count(database().dataSource(), "SELECT count(*) FROM team_improvement_requests");
    }

    /** Runs an update of exactly one row, with {@code parameters} as its strings. */
    protected void update(String sql, String... parameters) {
        try (Connection connection = database().dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
