package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import dev.kaizen4j.validation.PassedValidation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The Supabase back-channel over JDBC against a real PostgreSQL, through the core contract kit. */
class SupabaseBackChannelJdbcTest extends SupabaseChannelContract {

    static final String PASSWORD = "S3cret-db-pw";

    private TestDatabase database;
    private BackChannel channel;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.create();
        new SchemaMigrations(database.dataSource()).migrate();
        channel = open(url(database.port()));
    }

    @Override
    protected TestDatabase database() {
        return database;
    }

    /** The URI as Supabase shows it; the embedded server trusts loopback, so the password is carried, not checked. */
    private String url(int port) {
        return "postgresql://postgres:" + PASSWORD + "@localhost:" + port + "/" + database.name() + "?sslmode=disable";
    }

    private BackChannel open(String url) {
        return open(Map.of("supabase.db.url", url, "supabase.connect.timeout", "2s"));
    }

    @Override
    protected BackChannel channel() {
        return channel;
    }

    @Override
    protected BackChannel restartedChannel() {
        return open(url(database.port()));
    }

    @Override
    protected BackChannel channelWithBackendDown() {
        return open(url(PostgrestServer.freePort()));
    }

    @Override
    protected String sentToBackend() {
        return query("SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM team_improvement_requests t");
    }

    @Override
    protected Optional<String> credential() {
        return Optional.of(PASSWORD);
    }

    // ---- beyond the contract

    @Test
    void givenASubmission_thenTheRowHoldsTheDesignColumnsAsPending() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        Submission submission = channel.submit(request);

        assertThat(query("SELECT team_name || '|' || request_type || '|' || agent_name || '|' || status || '|'"
                + " || (current_state ? 'prompt') || '|' || (proposed_state->>'prompt') || '|' || request_id"
                + " FROM team_improvement_requests WHERE id = '" + submission.externalId() + "'"))
                .isEqualTo(request.team() + "|prompt|" + request.proposal().agent() + "|pending|true|"
                        + request.proposal().after() + "|" + request.id());
        assertThat(query("SELECT effectiveness_metrics::text FROM team_improvement_requests"))
                .isEqualTo(query("SELECT '" + new com.fasterxml.jackson.databind.ObjectMapper()
                        .valueToTree(request.metrics()) + "'::jsonb::text"));
        assertThat(query("SELECT (validation->>'passed') || '|' || (validation->>'validator') || '|'"
                + " || (validation->>'checks') FROM team_improvement_requests"))
                .isEqualTo("true|prompt|" + PassedValidation.PROMPT.checks());
    }

    @Test
    void givenADecisionMadeByChangingOnlyTheStatus_thenItIsDatedAndTheAuditTrailNamesTheChange() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        update("UPDATE team_improvement_requests SET status = 'approved', reviewed_by = 'ana' WHERE id = ?::uuid",
                submission.externalId());

        ReviewDecision decision = channel.decisionFor(submission).orElseThrow();
        assertThat(decision.reviewer()).isEqualTo("ana");
        assertThat(decision.decidedAt()).isAfter(Instant.now().minusSeconds(60)).isBefore(Instant.now().plusSeconds(5));
        assertThat(query("SELECT string_agg(coalesce(from_status, '-') || '>' || to_status || ' by ' || actor, ','"
                + " ORDER BY id) FROM team_improvement_transitions"))
                .isEqualTo("->pending by postgres,pending>approved by ana");
    }

    @Test
    void givenAnApprovedRow_whenPublished_thenItIsImplementedWithTheDateAndLink() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        decide(submission, Verdict.APPROVED, "ok");
        Instant publishedAt = Instant.parse("2026-03-04T05:06:07Z");
        BackChannel dated = SupabaseBackChannel.over(
                new dev.kaizen4j.notifier.supabase.internal.JdbcRequestQueue(database.dataSource(), null),
                java.time.Clock.fixed(publishedAt, ZoneOffset.UTC));

        dated.statusChanged(submission, RequestStatus.PUBLISHED, "published by github: https://example.test/pr/7");

        assertThat(query("SELECT status || '|' || implemented_at || '|' || pull_request_url FROM team_improvement_requests"))
                .isEqualTo("implemented|" + LocalDateTime.ofInstant(publishedAt, ZoneOffset.UTC).toString().replace('T', ' ')
                        + "|https://example.test/pr/7");
        assertThat(channel.decisionFor(submission)).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.APPROVED);
    }

    @Test
    void givenARejectedRow_whenPublicationIsShown_thenTheRowStaysRejected() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        decide(submission, Verdict.REJECTED, "no");

        channel.statusChanged(submission, RequestStatus.PUBLISHED, "published by patch-file: a.patch");

        assertThat(query("SELECT status || '|' || (implemented_at IS NULL) FROM team_improvement_requests"))
                .isEqualTo("rejected|true");
    }

    // repeated: the race between inserts of one request shows only now and then
    @RepeatedTest(10)
    void givenManyThreadsSubmittingTheSameRequestAtOnce_thenOneRowIsMadeAndAllGetItsId() throws Exception {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        List<BackChannel> channels = List.of(channel, restartedChannel(), restartedChannel(), restartedChannel());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Submission>> submits = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                BackChannel each = channels.get(i % channels.size());
                submits.add(() -> each.submit(request));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Submission> result : pool.invokeAll(submits)) {
                ids.add(result.get().externalId());
            }
            assertThat(ids).doesNotContainNull().containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(requestsHeld()).isEqualTo(1);
    }

    @Test
    void givenATableCreatedByHandFromTheDesign_whenMigratedAndUsed_thenItsRowsAndColumnsAreKept() {
        TestDatabase handMade = TestDatabase.create();
        handMade.createDesignTablesByHand();
        handMade.execute("INSERT INTO team_improvement_requests (team_name, request_type, agent_name, current_state,"
                + " proposed_state, rationale) VALUES ('ops', 'prompt', 'a', '{}', '{}', 'by hand')");
        new SchemaMigrations(handMade.dataSource()).migrate();
        BackChannel onHandMade = closedAfterTheTest(SupabaseBackChannel.jdbc(handMade.dataSource()));

        Submission submission = onHandMade.submit(ContractRequests.request("Use the target keyword."));
        Submission again = onHandMade.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).as("submitted: %s", submission.error()).isTrue();
        assertThat(again.externalId()).isEqualTo(submission.externalId());
        try (Connection connection = handMade.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT rationale FROM team_improvement_requests ORDER BY created_at, rationale")) {
            List<String> rationales = new ArrayList<>();
            while (rows.next()) {
                rationales.add(rows.getString(1));
            }
            assertThat(rationales).hasSize(2).contains("by hand");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void givenTheServerKilledTheChannelsConnections_whenUsedAgain_thenItReconnectsAndNothingIsLost() {
        Submission before = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = 'kaizen4j' AND pid <> pg_backend_pid()")).isNotEqualTo("0");
        Submission after = channel.submit(ContractRequests.request("Ask the SEO specialist first."));
        Submission retried = after.isSubmitted() ? after
                : channel.submit(ContractRequests.request("Ask the SEO specialist first."));

        assertThat(after.isSubmitted() || after.retriable()).as("a killed connection is retriable: %s", after.error())
                .isTrue();
        assertThat(retried.isSubmitted()).as("submitted after reconnecting: %s", retried.error()).isTrue();
        assertThat(channel.submit(ContractRequests.request("Use the target keyword.")).externalId())
                .isEqualTo(before.externalId());
        assertThat(requestsHeld()).isEqualTo(2);
    }

    @Test
    void givenAPendingRow_whenDecidedThroughTheChannel_thenItIsReadBackAndASecondDecisionChangesNothing() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        SupabaseBackChannel deciding = SupabaseBackChannel.jdbc(database.dataSource(),
                java.time.Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC));

        Optional<ReviewDecision> decided = deciding.decide(submission.requestId(), Verdict.NEEDS_WORK, "ana", "cite it");
        Optional<ReviewDecision> late = deciding.decide(submission.requestId(), Verdict.APPROVED, "bo", "");

        assertThat(decided).isPresent();
        assertThat(late).isEmpty();
        assertThat(channel.decisionFor(submission)).contains(new ReviewDecision(Verdict.NEEDS_WORK, "ana", "cite it",
                Instant.parse("2026-02-03T04:05:06Z")));
        assertThat(deciding.decide("nobody-1", Verdict.APPROVED, "ana", "")).isEmpty();
    }

    @Test
    void givenAListener_whenAPersonDecidesInTheTable_thenTheDecisionArrivesWithoutPolling() throws Exception {
        Submission decided = channel.submit(ContractRequests.request("Use the target keyword."));
        Submission other = channel.submit(ContractRequests.request("Ask the SEO specialist first."));
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        channel.decisionsTo((name, requestId, decision) ->
                heard.add(name + " " + requestId + " " + decision.verdict() + " " + decision.notes()));
        awaitListening();

        update("UPDATE team_improvement_requests SET reviewer_notes = 'typo fixed' WHERE id = ?::uuid", other.externalId());
        decide(decided, Verdict.REJECTED, "too vague");

        assertThat(heard.poll(10, TimeUnit.SECONDS))
                .isEqualTo("supabase " + decided.requestId() + " REJECTED too vague");
        assertThat(heard.poll(500, TimeUnit.MILLISECONDS)).as("a change other than a decision is not heard").isNull();
    }

    /** LISTEN runs on the channel's own thread; the test waits until the server has registered it. */
    private void awaitListening() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (!query("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kaizen4j'"
                    + " AND query LIKE 'LISTEN%'").equals("0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the channel did not LISTEN within 10 s");
    }

    @Test
    void givenAnotherRowWithTheSameRequestId_whenSubmitting_thenTheUniqueViolationIsOneLineAndNotRetriable() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        database.execute("INSERT INTO team_improvement_requests (request_id, fingerprint, team_name, request_type,"
                + " agent_name, current_state, proposed_state, rationale) VALUES ('" + request.id() + "', 'other',"
                + " 't', 'prompt', 'a', '{}', '{}', 'by hand')");

        Submission failed = channel.submit(request);

        assertThat(failed.isSubmitted()).isFalse();
        assertThat(failed.retriable()).isFalse();
        assertThat(failed.error()).contains("a unique value is taken").contains(request.id()).doesNotContain("\n");
    }

    @Test
    void givenTheTableMissing_whenSubmitting_thenTheFailureSaysToMigrateAndIsNotRetriable() {
        TestDatabase empty = TestDatabase.create();
        BackChannel unmigrated = closedAfterTheTest(SupabaseBackChannel.jdbc(empty.dataSource()));

        Submission failed = unmigrated.submit(ContractRequests.request("Use the target keyword."));

        assertThat(failed.isSubmitted()).isFalse();
        assertThat(failed.retriable()).isFalse();
        assertThat(failed.error()).contains("team_improvement_requests").contains("kaizen4j migrate")
                .doesNotContain("\n");
    }

    @Test
    void givenTheBackendDown_thenTheFailureSaysItCannotBeReachedInOneLine() {
        Submission failed = channelWithBackendDown().submit(ContractRequests.request("Use the target keyword."));

        assertThat(failed.error()).contains("cannot be reached").doesNotContain("\n").doesNotContain(PASSWORD);
    }

    private String query(String sql) {
        return Sql.scalar(database.dataSource(), sql);
    }

}
