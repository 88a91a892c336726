package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test harness itself: the real PostgREST behind the gateway answers as Supabase does. */
@RequiresPostgrest
class PostgrestServerTest {

    @RegisterExtension
    static final SharedSupabaseRest supabase = SharedSupabaseRest.migrated();
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(supabase.gateway().url() + path));
        if (key != null) {
            request.header("apikey", key).header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenTheServiceRoleKey_whenATableIsRead_thenItsRowsAreReturned() throws Exception {
        supabase.database().execute("INSERT INTO team_effectiveness_metrics (team_name, metric_date, tasks_completed)"
                + " VALUES ('t', DATE '2025-06-10', 3)");

        HttpResponse<String> response = get("/rest/v1/team_effectiveness_metrics?select=team_name,tasks_completed",
                PostgrestServer.serviceRoleKey());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[{\"team_name\":\"t\",\"tasks_completed\":3}]");
    }

    @Test
    void givenTheAnonKey_whenATableKaizen4jCreatedIsRead_thenItIsRefused() throws Exception {
        HttpResponse<String> response = get("/rest/v1/team_effectiveness_metrics", PostgrestServer.anonKey());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("permission denied");
    }

    @Test
    void givenNoKey_thenTheGatewayRefuses() throws Exception {
        assertThat(get("/rest/v1/team_effectiveness_metrics", null).statusCode()).isEqualTo(401);
    }

    @Test
    void givenAKeyOfAnotherProject_thenPostgrestRefusesItsSignature() throws Exception {
        HttpResponse<String> response = get("/rest/v1/team_effectiveness_metrics", PostgrestServer.foreignKey());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("PGRST301");
    }

    @Test
    void givenAMissingTable_thenPostgrestAnswersWithThePostgresErrorCode() throws Exception {
        HttpResponse<String> response = get("/rest/v1/no_such_table", PostgrestServer.serviceRoleKey());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"42P01\"");
    }
}
