package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopLagMonitorTest {

    private static final Duration TICK = Duration.ofMillis(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TestLoop loop = new TestLoop("lag-loop-1");
    private final AtomicBoolean release = new AtomicBoolean();

    @AfterEach
    void closeLoop() {
        release.set(true);
        loop.close();
    }

    @Test
    void cpuBoundTaskOnTheLoopIsAStallWithItsStack() {
        try (EventLoopLagMonitor monitor = EventLoopLagMonitor.start("lag-loop", loop.executor(), TICK,
                Duration.ofMillis(100))) {
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= 3);

            // Long: on a loaded machine the timer may be starved for a while before it samples the stack.
            loop.executor().execute(() -> Workloads.spin(Duration.ofMillis(1000)));

            // A loaded machine may add short stalls of its own: take the one in spin.
            await().atMost(TIMEOUT).until(() -> monitor.stalls().stream().anyMatch(EventLoopLagMonitorTest::inSpin));
            Stall stall = monitor.stalls().stream().filter(EventLoopLagMonitorTest::inSpin).findFirst().orElseThrow();
            assertThat(stall.loop()).isEqualTo("lag-loop");
            assertThat(stall.threadName()).isEqualTo("lag-loop-1");
            assertThat(stall.ongoing()).isFalse();
            assertThat(stall.lateness()).isGreaterThan(Duration.ofMillis(250));
            assertThat(stall.stackTrace()).anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("spin"));
            assertThat(monitor.maxLateness().toMillis()).isCloseTo(stall.lateness().toMillis(), within(5L));
            assertThat(monitor.p99Lateness()).isPositive();
            assertThatThrownBy(() -> monitor.assertNoStallLongerThan(Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("event loop lag-loop stalled longer than 200 ms")
                    .hasMessageContaining("\tat " + Workloads.class.getName() + ".spin(");
        }
    }

    @Test
    void stallStillGoingOnIsReportedAsOngoing() {
        try (EventLoopLagMonitor monitor = EventLoopLagMonitor.start("lag-loop", loop.executor(), TICK,
                Duration.ofMillis(50))) {
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= 3);
            loop.executor().execute(() -> Workloads.spinUntil(release));

            await().atMost(TIMEOUT).untilAsserted(() -> assertThatThrownBy(
                    () -> monitor.assertNoStallLongerThan(Duration.ofMillis(100)))
                    .hasMessageContaining("for at least").hasMessageContaining("and still is")
                    .hasMessageContaining("\tat " + Workloads.class.getName() + ".spinUntil("));
            assertThat(monitor.stalls()).as("not over yet").isEmpty();

            release.set(true);
            await().atMost(TIMEOUT).until(() -> !monitor.stalls().isEmpty());
            assertThat(monitor.stalls().get(0).stackTrace())
                    .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("spinUntil"));
        }
    }

    @Test
    void idleLoopHasNoStall() {
        try (EventLoopLagMonitor monitor = EventLoopLagMonitor.start("idle-loop", loop.executor(), TICK,
                Duration.ofMillis(500))) {
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= 20);

            assertThatCode(() -> monitor.assertNoStallLongerThan(Duration.ofMillis(500))).doesNotThrowAnyException();
            assertThat(monitor.stalls()).isEmpty();
            assertThat(monitor.maxLateness()).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void latenessBelowTheThresholdStillFailsTheAssertionWithoutAStack() {
        try (EventLoopLagMonitor monitor = EventLoopLagMonitor.start("lag-loop", loop.executor(), TICK,
                Duration.ofSeconds(5))) {
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= 3);
            loop.executor().execute(() -> Workloads.spin(Duration.ofMillis(200)));
            await().atMost(TIMEOUT).until(() -> monitor.maxLateness().compareTo(Duration.ofMillis(100)) > 0);

            assertThat(monitor.stalls()).isEmpty();
            assertThatThrownBy(() -> monitor.assertNoStallLongerThan(Duration.ofMillis(50)))
                    .hasMessageContaining("no stack: the lateness stayed below the stall threshold of 5000 ms");
        }
    }

    @Test
    void closeStopsTheTicksAndRecordsAStallStillGoingOn() {
        EventLoopLagMonitor monitor = EventLoopLagMonitor.start("lag-loop", loop.executor(), TICK,
                Duration.ofMillis(50));
        await().atMost(TIMEOUT).until(() -> monitor.ticks() >= 3);
        loop.executor().execute(() -> Workloads.spinUntil(release));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThatThrownBy(
                () -> monitor.assertNoStallLongerThan(Duration.ofMillis(60))).isInstanceOf(AssertionError.class));

        monitor.close();
        monitor.close();
        assertThat(monitor.stalls()).filteredOn(Stall::ongoing).singleElement()
                .satisfies(s -> assertThat(s.stackTrace()).anySatisfy(frame ->
                        assertThat(frame.getMethodName()).isEqualTo("spinUntil")));

        long ticks = monitor.ticks();
        release.set(true);
        CompletableFuture.runAsync(() -> { }, loop.executor()).join(); // the loop drained any tick
        assertThat(monitor.ticks()).isEqualTo(ticks);
    }

    @Test
    void rejectingLoopStopsTheMonitor() {
        TestLoop closed = new TestLoop("lag-closed-loop");
        closed.close();
        try (EventLoopLagMonitor monitor = EventLoopLagMonitor.start("closed", closed.executor(), TICK,
                Duration.ofMillis(50))) {
            await().pollDelay(Duration.ofMillis(100)).atMost(TIMEOUT)
                    .untilAsserted(() -> assertThatCode(() -> monitor.assertNoStallLongerThan(Duration.ZERO))
                            .doesNotThrowAnyException());
            assertThat(monitor.ticks()).isZero();
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> EventLoopLagMonitor.start("x", loop.executor(), Duration.ZERO, TICK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventLoopLagMonitor.start("x", loop.executor(), TICK, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean inSpin(Stall stall) {
        return stall.stackTrace().stream().anyMatch(frame -> frame.getMethodName().equals("spin"));
    }
}
