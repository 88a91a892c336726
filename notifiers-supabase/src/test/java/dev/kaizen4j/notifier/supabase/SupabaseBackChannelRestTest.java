package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Supabase back-channel over the REST transport, through the real PostgREST and the core contract kit. */
@RequiresPostgrest
class SupabaseBackChannelRestTest extends SupabaseChannelContract {

    @RegisterExtension
    static final SharedSupabaseRest supabase = SharedSupabaseRest.migrated();
    @RegisterExtension
    static final SharedSupabaseRest handMade = SharedSupabaseRest.start(database -> {
        database.createDesignTablesByHand();
        database.execute("INSERT INTO team_improvement_requests (team_name, request_type, agent_name, current_state,"
                + " proposed_state, rationale, status, reviewer_notes) VALUES ('sales-team', 'prompt', 'closer',"
                + " '{\"prompt\":\"old\"}', '{\"prompt\":\"new\"}', 'typed by a person', 'approved', 'fine')");
        new SchemaMigrations(database.dataSource()).migrate();
    });

    private BackChannel channel;
    private int sentBefore;

    @BeforeEach
    void freshQueue() {
        supabase.database().execute("TRUNCATE team_improvement_requests, team_improvement_transitions");
        supabase.gateway().clearFaults();
        sentBefore = supabase.gateway().sent().size();
        channel = open(supabase.gateway().url().toString());
    }

    @Override
    protected TestDatabase database() {
        return supabase.database();
    }

    private BackChannel open(String url) {
        return open(Map.of("supabase.url", url, "supabase.key", PostgrestServer.serviceRoleKey()));
    }

    @Override
    protected BackChannel channel() {
        return channel;
    }

    @Override
    protected BackChannel restartedChannel() {
        return open(supabase.gateway().url().toString());
    }

    @Override
    protected BackChannel channelWithBackendDown() {
        return open("http://127.0.0.1:" + PostgrestServer.freePort());
    }

    @Override
    protected String sentToBackend() {
        List<String> sent = supabase.gateway().sent();
        return String.join("\n", sent.subList(sentBefore, sent.size()));
    }

    @Override
    protected Optional<String> credential() {
        return Optional.of(PostgrestServer.serviceRoleKey());
    }

    // ---- beyond the contract

    @Test
    void givenAnApprovedRow_whenPublished_thenItIsImplementedWithTheLinkThroughAConditionalUpdate() {
        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));
        decide(submission, Verdict.APPROVED, "ok");

        channel.statusChanged(submission, RequestStatus.PUBLISHED, "published by github: https://github.com/a/b/pull/3");

        assertThat(Rows.single(supabase.database().dataSource(), "SELECT status, pull_request_url,"
                + " implemented_at IS NOT NULL AS dated FROM team_improvement_requests"))
                .containsEntry("status", "implemented")
                .containsEntry("pull_request_url", "https://github.com/a/b/pull/3")
                .containsEntry("dated", "t");
        assertThat(supabase.gateway().sent()).last().asString().contains("status=eq.approved");
        assertThat(channel.decisionFor(submission)).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.APPROVED);
    }

    @Test
    void givenARefusedKey_whenSubmitting_thenTheFailureIsAValueSayingToUseTheServiceRoleKeyAndNotRetriable() {
        String foreign = PostgrestServer.foreignKey();
        BackChannel refused = open(Map.of("supabase.url", supabase.gateway().url().toString(), "supabase.key", foreign));

        Submission submission = refused.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.retriable()).isFalse();
        assertThat(submission.error()).contains("401", "service_role key").doesNotContain(foreign);
    }

    @Test
    void givenTheServiceUnavailableForAMoment_whenSubmitting_thenTheRetrySucceeds() {
        supabase.gateway().failNext(1, 503, "{\"message\":\"Service Unavailable\"}");

        Submission submission = channel.submit(ContractRequests.request("Use the target keyword."));

        assertThat(submission.isSubmitted()).as("submitted: %s", submission.error()).isTrue();
        assertThat(requestsHeld()).isEqualTo(1);
    }

    @Test
    void givenTablesMadeByHandFromTheDesign_whenUsedOverRest_thenNewRowsAreAddedAndTheUsersRowIsKept() {
        BackChannel onHandMade = open(Map.of("supabase.url", handMade.gateway().url().toString(), "supabase.key",
                PostgrestServer.serviceRoleKey()));
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        Submission first = onHandMade.submit(request);
        Submission again = onHandMade.submit(request);

        assertThat(first.isSubmitted()).as("submitted: %s", first.error()).isTrue();
        assertThat(again.externalId()).isEqualTo(first.externalId());
        assertThat(Rows.column(handMade.database().dataSource(), "SELECT team_name || ':' || status FROM"
                + " team_improvement_requests ORDER BY created_at, team_name"))
                .containsExactlyInAnyOrder("sales-team:approved", "marketing-team:pending");
        assertThat(Rows.single(handMade.database().dataSource(), "SELECT relrowsecurity::text AS rls FROM pg_class"
                + " WHERE relname = 'team_improvement_requests'")).containsEntry("rls", "false");
    }
}
