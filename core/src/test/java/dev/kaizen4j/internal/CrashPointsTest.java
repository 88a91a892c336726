package dev.kaizen4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.internal.CrashPoints.Point;
import org.junit.jupiter.api.Test;

class CrashPointsTest {

    @Test
    void givenBothSwitches_thenTheNamedPointIsArmed() {
        assertThat(CrashPoints.armed("cycle-claimed", CrashPoints.ENABLED)).isEqualTo(Point.CYCLE_CLAIMED);
        assertThat(CrashPoints.armed(" decision-published ", CrashPoints.ENABLED)).isEqualTo(Point.DECISION_PUBLISHED);
    }

    @Test
    void givenOnlyOneSwitchOrAnUnknownPoint_thenNothingIsArmed() {
        assertThat(CrashPoints.armed("cycle-claimed", null)).isNull();
        assertThat(CrashPoints.armed("cycle-claimed", "1")).isNull();
        assertThat(CrashPoints.armed("cycle-claimed", "true")).isNull();
        assertThat(CrashPoints.armed(null, CrashPoints.ENABLED)).isNull();
        assertThat(CrashPoints.armed("CYCLE_CLAIMED", CrashPoints.ENABLED)).isNull();
        assertThat(CrashPoints.armed("everywhere", CrashPoints.ENABLED)).isNull();
    }

    @Test
    void givenThisTestJvm_thenNoPointIsArmedAndReachingOneReturns() {
        for (Point point : Point.values()) {
            assertThat(CrashPoints.isArmed(point)).isFalse();
            CrashPoints.reach(point);
        }
    }
}
