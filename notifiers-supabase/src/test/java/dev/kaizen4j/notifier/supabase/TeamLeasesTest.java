package dev.kaizen4j.notifier.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.contract.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamLeasesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private TestDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.create();
        new SchemaMigrations(database.dataSource()).migrate();
    }

    private TeamLeases leases(String holder) {
        return new TeamLeases(database.dataSource(), holder, Duration.ofMinutes(10), clock);
    }

    @Test
    void givenATeamHeldByOneRuntime_whenAnotherAsks_thenItIsRefusedUntilReleased() {
        TeamLeases a = leases("runtime-a");
        TeamLeases b = leases("runtime-b");

        try (TeamLeases.Lease lease = a.acquire("marketing").orElseThrow()) {
            assertThat(b.acquire("marketing")).isEmpty();
            assertThat(b.acquire("support")).isPresent().get().extracting(TeamLeases.Lease::team).isEqualTo("support");
            assertThat(b.holderOf("marketing")).contains("runtime-a");
            assertThat(lease.held()).isTrue();
        }

        assertThat(a.holderOf("marketing")).isEmpty();
        Optional<TeamLeases.Lease> taken = b.acquire("marketing");
        assertThat(taken).isPresent();
        taken.get().close();
    }

    @Test
    void givenARuntimeThatStoppedRenewing_whenItsLeaseExpires_thenAnotherTakesTheTeamAndTheFirstCannotRenew() {
        TeamLeases a = leases("runtime-a");
        TeamLeases b = leases("runtime-b");
        TeamLeases.Lease dead = a.acquire("marketing").orElseThrow();

        clock.advance(Duration.ofMinutes(9));
        assertThat(b.acquire("marketing")).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        TeamLeases.Lease taken = b.acquire("marketing").orElseThrow();

        assertThat(dead.renew()).isFalse();
        assertThat(dead.held()).isFalse();
        dead.close();
        assertThat(b.holderOf("marketing")).contains("runtime-b");
        assertThat(taken.renew()).isTrue();
        taken.close();
    }

    @Test
    void givenAHeldLease_whenRenewed_thenItLastsADurationFromTheRenewal() {
        TeamLeases a = leases("runtime-a");
        TeamLeases.Lease lease = a.acquire("marketing").orElseThrow();

        clock.advance(Duration.ofMinutes(8));
        assertThat(lease.renew()).isTrue();
        clock.advance(Duration.ofMinutes(8));

        assertThat(leases("runtime-b").acquire("marketing")).isEmpty();
        lease.close();
    }

    @Test
    void givenBadSettings_thenTheyAreRefusedNamingThem() {
        assertThatThrownBy(() -> new TeamLeases(database.dataSource(), " ", Duration.ofMinutes(1), clock))
                .isInstanceOf(KaizenException.class).hasMessageContaining("holder");
        assertThatThrownBy(() -> new TeamLeases(database.dataSource(), "a", Duration.ofMillis(10), clock))
                .isInstanceOf(KaizenException.class).hasMessageContaining("300ms");
        assertThat(TeamLeases.runtimeName()).isNotEqualTo(TeamLeases.runtimeName()).contains("/");
    }
}
