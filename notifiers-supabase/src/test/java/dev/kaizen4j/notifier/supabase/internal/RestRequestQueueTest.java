package dev.kaizen4j.notifier.supabase.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.notifier.supabase.RequiresPostgrest;
import dev.kaizen4j.notifier.supabase.Rows;
import dev.kaizen4j.notifier.supabase.SharedSupabaseRest;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.Verdict;
import dev.kaizen4j.review.contract.ContractRequests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The review queue through the real PostgREST, on a database Kaizen4j migrated. */
@RequiresPostgrest
class RestRequestQueueTest {

    @RegisterExtension
    static final SharedSupabaseRest supabase = SharedSupabaseRest.migrated();
    private RestRequestQueue queue;

    @BeforeEach
    void emptyQueue() {
        supabase.database().execute("TRUNCATE team_improvement_requests, team_improvement_transitions");
        queue = new RestRequestQueue(supabase.client());
    }

    @Test
    void givenANewRow_whenEnqueued_thenOnePendingRowHoldsItsColumnsAsTheDesignDefinesThem() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");

        String id = queue.enqueue(QueueRow.of(request));

        Map<String, String> row = row("SELECT id::text, request_id, fingerprint, team_name, request_type, agent_name,"
                + " current_state->>'prompt' AS current_prompt, proposed_state->>'field' AS field, rationale,"
                + " effectiveness_metrics->>'success_rate' AS success_rate, status, title, diff,"
                + " validation->>'validator' AS validator, created_at IS NOT NULL"
                + " AS dated FROM team_improvement_requests");
        assertThat(row).containsEntry("id", id)
                .containsEntry("request_id", request.id())
                .containsEntry("fingerprint", request.fingerprint())
                .containsEntry("team_name", "marketing-team")
                .containsEntry("request_type", "prompt")
                .containsEntry("agent_name", "content_creator")
                .containsEntry("current_prompt", request.proposal().before())
                .containsEntry("field", "system_prompt")
                .containsEntry("success_rate", "0.58")
                .containsEntry("status", "pending")
                .containsEntry("title", request.title())
                .containsEntry("validator", "prompt")
                .containsEntry("dated", "t");
        assertThat(row.get("diff")).contains("Use the target keyword.");
    }

    @Test
    void givenACodeChange_whenEnqueued_thenTheStatesHoldThePathAndTheCode() {
        queue.enqueue(QueueRow.of(ContractRequests.codeRequest()));

        Map<String, String> row = row("SELECT request_type, proposed_state->>'path' AS path,"
                + " proposed_state->>'code' AS code, category FROM team_improvement_requests");
        assertThat(row).containsEntry("request_type", "code")
                .containsEntry("path", "agents/MarketResearcher.java")
                .containsEntry("category", "adjust_parameters");
        assertThat(row.get("code")).contains("MAX_SEARCH_RETRIES = 2;");
    }

    @Test
    void givenAnEnqueuedRow_whenEnqueuedAgain_thenTheSameIdIsReturnedAndNoRowIsAdded() {
        QueueRow row = QueueRow.of(ContractRequests.request("Use the target keyword."));
        String first = queue.enqueue(row);

        String second = new RestRequestQueue(supabase.client()).enqueue(row);

        assertThat(second).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM team_improvement_requests")).isEqualTo(1);
    }

    // repeated: the race between inserts of one request shows only now and then
    @RepeatedTest(10)
    void givenEightRuntimesEnqueuingTheSameRowAtOnce_thenOneRowIsMadeAndAllGetItsId() throws Exception {
        QueueRow row = QueueRow.of(ContractRequests.request("Use the target keyword."));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> runtimes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runtimes.add(() -> new RestRequestQueue(supabase.client()).enqueue(row));
            }
            Set<String> ids = new java.util.HashSet<>();
            for (Future<String> id : pool.invokeAll(runtimes)) {
                ids.add(id.get());
            }

            assertThat(ids).hasSize(1);
            assertThat(count("SELECT count(*) FROM team_improvement_requests")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM team_improvement_transitions")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenRowsDecidedByPeople_whenReviewStatesAreRead_thenEachDecidedRowReadsAsItsDecision() {
        ImprovementRequest approved = ContractRequests.request("Use the target keyword.");
        ImprovementRequest needsWork = ContractRequests.request("Ask the SEO specialist first.");
        ImprovementRequest open = ContractRequests.request("Quote the brief.");
        List.of(approved, needsWork, open).forEach(request -> queue.enqueue(QueueRow.of(request)));
        supabase.database().execute("UPDATE team_improvement_requests SET status = 'approved', reviewer_notes = 'Ship it',"
                + " reviewed_at = TIMESTAMP '2025-06-17 10:30:00', reviewed_by = 'dana'"
                + " WHERE request_id = '" + approved.id() + "';"
                + "UPDATE team_improvement_requests SET status = 'needs_work', reviewer_notes = 'Name the source'"
                + " WHERE request_id = '" + needsWork.id() + "'");

        Map<String, ReviewState> states = queue.reviewStates(List.of(approved.id(), needsWork.id(), open.id(), "absent"));

        assertThat(states).containsOnlyKeys(approved.id(), needsWork.id(), open.id());
        assertThat(states.get(approved.id()))
                .isEqualTo(new ReviewState("approved", "Ship it", Instant.parse("2025-06-17T10:30:00Z"), "dana"));
        assertThat(states.get(needsWork.id()).decision()).get()
                .satisfies(decision -> assertThat(decision.verdict()).isEqualTo(Verdict.NEEDS_WORK))
                .satisfies(decision -> assertThat(decision.notes()).isEqualTo("Name the source"));
        assertThat(states.get(open.id()).isPending()).isTrue();
        assertThat(states.get(open.id()).decision()).isEmpty();
    }

    @Test
    void givenMoreIdsThanOneUrlCarries_whenReviewStatesAreRead_thenAllRowsAreFound() {
        List<String> ids = IntStream.range(0, 120)
                .mapToObj(i -> queue.enqueue(QueueRow.of(ContractRequests.request("Lesson number " + i))))
                .toList();
        List<String> requestIds = IntStream.range(0, 120)
                .mapToObj(i -> ContractRequests.request("Lesson number " + i).id())
                .toList();

        Map<String, ReviewState> states = queue.reviewStates(requestIds);

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(states).hasSize(120).containsOnlyKeys(requestIds);
    }

    @Test
    void givenRequestIdsWithQuotesAndCommas_whenReadBack_thenTheFilterMatchesThemExactly() {
        QueueRow tricky = withIds(QueueRow.of(ContractRequests.request("Use the target keyword.")),
                "team \"a\",b) & c", "fp,\"1\"");
        QueueRow plain = withIds(QueueRow.of(ContractRequests.request("Quote the brief.")), "team", "fp2");
        queue.enqueue(tricky);
        queue.enqueue(plain);

        assertThat(queue.reviewStates(List.of(tricky.requestId()))).containsOnlyKeys(tricky.requestId());
        assertThat(queue.enqueue(tricky)).isEqualTo(queue.enqueue(tricky));
        assertThat(count("SELECT count(*) FROM team_improvement_requests")).isEqualTo(2);
    }

    @Test
    void givenAnApprovedRow_whenMarkedImplemented_thenItIsImplementedWithTheTimeAndLinkAndAudited() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        queue.enqueue(QueueRow.of(request));
        supabase.database().execute("UPDATE team_improvement_requests SET status = 'approved', reviewed_by = 'dana'"
                + " WHERE request_id = '" + request.id() + "'");

        boolean marked = queue.markImplemented(request.id(), Instant.parse("2025-06-18T08:00:00.123456Z"),
                "https://github.com/acme/agents/pull/7");

        assertThat(marked).isTrue();
        assertThat(row("SELECT status, implemented_at::text AS at, pull_request_url FROM team_improvement_requests"))
                .containsEntry("status", "implemented")
                .containsEntry("at", "2025-06-18 08:00:00.123456")
                .containsEntry("pull_request_url", "https://github.com/acme/agents/pull/7");
        assertThat(column("SELECT coalesce(from_status, '-') || '>' || to_status FROM team_improvement_transitions"
                + " ORDER BY id")).containsExactly("->pending", "pending>approved", "approved>implemented");
    }

    @Test
    void givenARowNotApproved_whenMarkedImplemented_thenNothingChanges() {
        ImprovementRequest request = ContractRequests.request("Use the target keyword.");
        queue.enqueue(QueueRow.of(request));
        supabase.database().execute("UPDATE team_improvement_requests SET status = 'rejected'"
                + " WHERE request_id = '" + request.id() + "'");

        boolean marked = queue.markImplemented(request.id(), Instant.parse("2025-06-18T08:00:00Z"), null);

        assertThat(marked).isFalse();
        assertThat(row("SELECT status, implemented_at FROM team_improvement_requests"))
                .containsEntry("status", "rejected").containsEntry("implemented_at", null);
        assertThat(queue.markImplemented("absent", Instant.parse("2025-06-18T08:00:00Z"), null)).isFalse();
    }

    static QueueRow withIds(QueueRow row, String requestId, String fingerprint) {
        return new QueueRow(requestId, fingerprint, row.teamName(), row.requestType(), row.agentName(),
                row.currentState(), row.proposedState(), row.rationale(), row.effectivenessMetrics(), row.title(),
                row.category(), row.diff());
    }

    private Map<String, String> row(String sql) {
        return Rows.single(supabase.database().dataSource(), sql);
    }

    private List<String> column(String sql) {
        return Rows.column(supabase.database().dataSource(), sql);
    }

    private long count(String sql) {
        return Rows.count(supabase.database().dataSource(), sql);
    }
}
