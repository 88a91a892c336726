package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.samples.webhook.ReviewService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with a third-party back-channel plugin: the test sources' {@code webhook} plugin, found
 * through its META-INF/services file with no change to the runner.
 */
class PluginRunnerTest {

    @TempDir
    Path directory;

    @AutoClose
    private final ReviewService service = new ReviewService();
    private Map<String, String> environment;

    @BeforeEach
    void configure() {
        environment = Map.of("KAIZEN_WEBHOOK_URL", service.url(), "KAIZEN_WEBHOOK_TOKEN", "whk_runnerSECRET",
                "KAIZEN_STATE_DIR", directory.resolve("state").toString());
    }

    @Test
    void givenAPluginOnTheClassPath_whenRunAndSyncedByItsName_thenRequestsGoThereAndDecisionsComeBack() throws Exception {
        CommandRun run = CommandRun.of(environment, "run", "--back-channel", "webhook");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<RequestRecord> submitted = ledger().records();
        assertThat(service.requests()).hasSizeGreaterThanOrEqualTo(3).hasSize(submitted.size());
        assertThat(submitted).allSatisfy(record -> {
            assertThat(record.status()).isEqualTo(RequestStatus.SUBMITTED);
            assertThat(record.submission().channel()).isEqualTo("webhook");
        });
        assertThat(service.received()).contains("Bearer whk_runnerSECRET");
        assertThat(run.out() + run.err()).doesNotContain("whk_runnerSECRET");

        String approved = submitted.get(0).requestId();
        service.decide(approved, "approved", "alice", "Ship it");
        CommandRun sync = CommandRun.of(environment, "review", "sync", "--back-channel", "webhook");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("1 decisions picked up").contains(approved + ": approved by alice");
        assertThat(ledger().find(approved).orElseThrow().status()).isEqualTo(RequestStatus.PUBLISHED);
        assertThat(Files.readString(directory.resolve("state/patches").resolve(approved + ".patch")))
                .contains("Approved-by: alice");
    }

    @Test
    void givenThePluginBesideTheFileChannel_whenRun_thenEachRequestReachesBoth() {
        CommandRun run = CommandRun.of(environment, "run", "--back-channel", "file,webhook");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ledger().records()).isNotEmpty().allSatisfy(record -> {
            assertThat(record.submission().channel()).isEqualTo("file+webhook");
            assertThat(record.submission().parts()).extracting(s -> s.channel()).containsExactly("file", "webhook");
        });
        assertThat(service.requests()).hasSize(ledger().records().size());
    }

    @Test
    void givenAnUnknownName_whenRun_thenOneLineNamesTheKnownBackChannels() {
        CommandRun run = CommandRun.of(environment, "run", "--back-channel", "file,jira");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).isEqualTo("error: unknown back-channel 'jira'; known: file, github, slack, supabase, webhook\n");
        assertThat(ledger().records()).isEmpty();
    }

    @Test
    void givenThePluginWithAnInvalidSetting_whenRun_thenTheErrorNamesItAndNothingIsSubmitted() {
        CommandRun run = CommandRun.of(Map.of("KAIZEN_WEBHOOK_URL", "localhost:80", "KAIZEN_WEBHOOK_TIMEOUT", "soon",
                "KAIZEN_STATE_DIR", directory.resolve("state").toString()), "run", "--back-channel", "webhook");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err())
                .contains("kaizen.webhook.url (KAIZEN_WEBHOOK_URL) must be an http(s) URL with a host")
                .contains("kaizen.webhook.timeout (KAIZEN_WEBHOOK_TIMEOUT) must be a duration");
        assertThat(ledger().records()).isEmpty();
    }

    private FileImprovementLedger ledger() {
        return new FileImprovementLedger(directory.resolve("state/ledger.jsonl"));
    }
}
