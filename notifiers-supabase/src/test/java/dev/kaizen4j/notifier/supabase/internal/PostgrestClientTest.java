package dev.kaizen4j.notifier.supabase.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.supabase.PostgrestServer;
import dev.kaizen4j.notifier.supabase.RequiresPostgrest;
import dev.kaizen4j.notifier.supabase.SharedSupabaseRest;
import dev.kaizen4j.review.contract.ContractRequests;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the REST transport fails: one clear line, retried only where a retry can help, never the key. */
@RequiresPostgrest
class PostgrestClientTest {

    @RegisterExtension
    static final SharedSupabaseRest supabase = SharedSupabaseRest.migrated();
    @RegisterExtension
    static final SharedSupabaseRest unmigrated = SharedSupabaseRest.start(database -> { });

    @BeforeEach
    void emptyQueue() {
        supabase.database().execute("TRUNCATE team_improvement_requests, team_improvement_transitions");
        supabase.sleeps().clear();
        supabase.gateway().clearFaults();
    }

    private static QueueRow row(String lesson) {
        return QueueRow.of(ContractRequests.request(lesson));
    }

    @Test
    void givenAKeyOfAnotherProject_whenUsed_thenItFailsAsAuthenticationOnceWithoutTheKey() {
        String key = PostgrestServer.foreignKey();
        RestRequestQueue queue = new RestRequestQueue(supabase.client(key));
        int before = supabase.gateway().requests();

        assertThatThrownBy(() -> queue.enqueue(row("Use the target keyword.")))
                .isInstanceOf(KaizenException.class)
                .satisfies(e -> assertThat(((KaizenException) e).kind()).isEqualTo(KaizenException.Kind.AUTHENTICATION))
                .hasMessageContaining("HTTP 401 PGRST301")
                .hasMessageContaining("service_role key")
                .hasMessageNotContaining(key)
                .hasMessageNotContaining(key.substring(key.lastIndexOf('.') + 1));
        assertThat(supabase.gateway().requests() - before).as("a refused key is not retried").isEqualTo(1);
    }

    @Test
    void givenTheAnonKey_whenTheQueueIsWritten_thenThePermissionErrorSaysToUseTheServiceRoleKey() {
        RestRequestQueue queue = new RestRequestQueue(supabase.client(PostgrestServer.anonKey()));

        assertThatThrownBy(() -> queue.enqueue(row("Use the target keyword.")))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("42501")
                .hasMessageContaining("permission denied for table team_improvement_requests")
                .hasMessageContaining("use the service_role key");
    }

    @Test
    void givenADatabaseWithoutTheTables_whenTheQueueIsWritten_thenTheErrorNamesTheTableAndTheMigration() {
        RestRequestQueue queue = new RestRequestQueue(unmigrated.client());

        assertThatThrownBy(() -> queue.enqueue(row("Use the target keyword.")))
                .isInstanceOf(KaizenException.class)
                .satisfies(e -> assertThat(((KaizenException) e).kind()).isEqualTo(KaizenException.Kind.INVALID_INPUT))
                .hasMessage("Supabase REST POST team_improvement_requests failed: HTTP 404: no table"
                        + " team_improvement_requests in the exposed schema - the table is missing: apply Kaizen4j's"
                        + " migrations (kaizen4j migrate)");
        assertThatThrownBy(() -> queue.reviewStates(List.of("r")))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("GET team_improvement_requests failed: HTTP 404 42P01")
                .hasMessageContaining("team_improvement_requests\" does not exist")
                .hasMessageContaining("kaizen4j migrate");
    }

    @Test
    void givenAnotherRowWithTheSameRequestId_whenEnqueued_thenTheUniqueViolationIsReportedWithItsDetails() {
        RestRequestQueue queue = new RestRequestQueue(supabase.client());
        QueueRow first = row("Use the target keyword.");
        queue.enqueue(first);
        QueueRow sameId = RestRequestQueueTest.withIds(row("Quote the brief."), first.requestId(), "another");
        int before = supabase.gateway().sent().size();

        assertThatThrownBy(() -> queue.enqueue(sameId))
                .isInstanceOf(KaizenException.class)
                .satisfies(e -> assertThat(((KaizenException) e).isRetriable()).isFalse())
                .hasMessageContaining("HTTP 409 23505")
                .hasMessageContaining("duplicate key value violates unique constraint")
                .hasMessageContaining("(details: Key (request_id)=(" + first.requestId() + ") already exists.)");
        // the insert is not retried; one look-up checks whether the request's own row is there
        List<String> sent = supabase.gateway().sent();
        assertThat(sent.subList(before, sent.size())).satisfiesExactly(
                insert -> assertThat(insert).startsWith("POST /rest/v1/team_improvement_requests"),
                lookUp -> assertThat(lookUp).startsWith("GET /rest/v1/team_improvement_requests?select=id&fingerprint=eq."));
    }

    @Test
    void givenTwo503s_whenEnqueued_thenItIsRetriedWithGrowingBackOffAndSucceeds() {
        supabase.gateway().failNext(2, 503, "{\"message\":\"Service Unavailable\"}");
        int before = supabase.gateway().requests();

        String id = new RestRequestQueue(supabase.client()).enqueue(row("Use the target keyword."));

        assertThat(id).isNotBlank();
        assertThat(supabase.gateway().requests() - before).isEqualTo(3);
        assertThat(supabase.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void givenA504AndA520_whenRead_thenBothAreRetried() {
        supabase.gateway().failNext(1, 504, "");
        supabase.gateway().failNext(1, 520, "<html>origin error</html>");

        assertThat(new RestRequestQueue(supabase.client()).reviewStates(List.of("absent"))).isEmpty();
        assertThat(supabase.sleeps()).hasSize(2);
    }

    @Test
    void givenASerializationFailureOrADeadlock_whenEnqueued_thenItIsRetried() {
        supabase.gateway().failNext(1, 409, "{\"code\":\"40001\",\"message\":\"could not serialize access\"}");
        supabase.gateway().failNext(1, 409, "{\"code\":\"40P01\",\"message\":\"deadlock detected\"}");

        String id = new RestRequestQueue(supabase.client()).enqueue(row("Use the target keyword."));

        assertThat(id).isNotBlank();
        assertThat(supabase.sleeps()).hasSize(2);
    }

    @Test
    void givenAnUnavailableServiceThatStaysDown_whenEnqueued_thenItGivesUpAfterTheAttemptsAsRetriable() {
        supabase.gateway().failNext(10, 503, "{\"message\":\"Service Unavailable\"}");
        PostgrestClient client = supabase.clientBuilder(PostgrestServer.serviceRoleKey())
                .maxAttempts(3).backoff(Duration.ofMillis(100), Duration.ofMillis(150)).build();
        int before = supabase.gateway().requests();

        assertThatThrownBy(() -> new RestRequestQueue(client).enqueue(row("Use the target keyword.")))
                .isInstanceOf(KaizenException.class)
                .satisfies(e -> assertThat(((KaizenException) e).isRetriable()).isTrue())
                .hasMessageContaining("HTTP 503: Service Unavailable")
                .hasMessageContaining("after 3 attempts");
        assertThat(supabase.gateway().requests() - before).isEqualTo(3);
        assertThat(supabase.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    }

    @Test
    void givenOtherClientErrors_whenSent_thenNoneIsRetried() {
        List<Integer> statuses = List.of(400, 404, 409, 429, 500, 502);
        List<String> messages = new ArrayList<>();
        for (int status : statuses) {
            supabase.gateway().failNext(1, status, "{\"code\":\"XX000\",\"message\":\"refused " + status + "\"}");
            try {
                new RestRequestQueue(supabase.client()).enqueue(row("Use the target keyword."));
            } catch (KaizenException e) {
                messages.add(e.getMessage());
            }
        }

        assertThat(messages).hasSize(statuses.size());
        assertThat(supabase.sleeps()).isEmpty();
        assertThat(messages.get(3)).contains("HTTP 429 XX000: refused 429");
    }

    @Test
    void givenNothingListening_whenEnqueued_thenTheNetworkFailureIsRetriedThenReportedWithTheHost() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<Duration> sleeps = new ArrayList<>();
        PostgrestClient client = PostgrestClient.builder(URI.create("http://127.0.0.1:" + port), "secret-key")
                .maxAttempts(2).sleeper(sleeps::add).build();

        assertThatThrownBy(() -> new RestRequestQueue(client).enqueue(row("Use the target keyword.")))
                .isInstanceOf(KaizenException.class)
                .satisfies(e -> assertThat(((KaizenException) e).isRetriable()).isTrue())
                .hasMessageStartingWith("cannot reach Supabase REST at 127.0.0.1")
                .hasMessageContaining("connection refused")
                .hasMessageContaining("after 2 attempts")
                .hasMessageNotContaining("secret-key");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void givenABadUrlOrABlankKey_whenBuilt_thenItIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> PostgrestClient.builder(URI.create("xyz.supabase.co"), "key"))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("https://xyz.supabase.co")
                .hasMessageContaining("'xyz.supabase.co'");
        assertThatThrownBy(() -> PostgrestClient.builder(URI.create("https://xyz.supabase.co"), " "))
                .isInstanceOf(KaizenException.class)
                .hasMessageContaining("key is blank");
    }

    @Test
    void givenAUrlWithATrailingSlash_whenUsed_thenRequestsGoToRestV1() {
        PostgrestClient client = PostgrestClient.builder(URI.create(supabase.gateway().url() + "/"),
                PostgrestServer.serviceRoleKey()).build();

        assertThat(client.get("team_improvement_requests", "select=id").isArray()).isTrue();
        assertThat(supabase.gateway().sent()).last().asString().startsWith("GET /rest/v1/team_improvement_requests?");
    }
}
