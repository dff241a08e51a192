package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LagWatchdogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration THRESHOLD = Duration.ofMillis(100);
    private static final Duration SPIN = Duration.ofMillis(600);

    private final TestLoop loop = new TestLoop("watchdog-loop");
    private final List<Stall> reports = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void stallsAreReportedWithTheLoopsStackAtMostOncePerInterval() throws Exception {
        try (LagWatchdog watchdog = LagWatchdog.watch(EventLoops.executor("watched", loop.executor()))
                .stallThreshold(THRESHOLD).reportStallsTo(Duration.ofHours(1), reports::add).start()) {
            assertThat(watchdog.awaitFirstTicks(TIMEOUT)).isTrue();
            loop.run(() -> Workloads.spin(SPIN));
            await().atMost(TIMEOUT).until(() -> reports.size() == 1);
            loop.run(() -> Workloads.spin(SPIN));
            await().atMost(TIMEOUT).until(() -> watchdog.stallCount() >= 2 && watchdog.unreportedStalls() >= 1);

            assertThat(reports).singleElement().satisfies(stall -> {
                assertThat(stall.threadName()).isEqualTo("watchdog-loop");
                assertThat(stall.stackTrace()).anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("spin"));
            });
            assertThatThrownBy(() -> watchdog.assertNoStallLongerThan(THRESHOLD))
                    .hasMessageContaining("event loop watched stalled longer than 100 ms")
                    .hasMessageContaining(Workloads.class.getName() + ".spin(");
        }
    }

    @Test
    void metricsShowTheLagPercentilesTicksAndStalls() throws Exception {
        try (LagWatchdog watchdog = LagWatchdog.watch(EventLoops.executor("metered", loop.executor()))
                .stallThreshold(THRESHOLD).reportStallsTo(Duration.ZERO, reports::add).start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new LagMetrics(watchdog, Duration.ofNanos(1)).bindTo(registry); // every read ends a window
            assertThat(watchdog.awaitFirstTicks(TIMEOUT)).isTrue();
            maxLagMillis(registry); // ends the first window

            loop.run(() -> Workloads.spin(SPIN));
            await().atMost(TIMEOUT).until(() -> watchdog.stallCount() >= 1);

            assertThat(maxLagMillis(registry)).isGreaterThan(THRESHOLD.toMillis());
            assertThat(registry.get(LagMetrics.STALLS).tag("loop", "metered").functionCounter().count()).isEqualTo(
                    watchdog.stallCount());
            assertThat(registry.get(LagMetrics.TICKS).tag("loop", "metered").functionCounter().count()).isPositive();
            assertThat(registry.get(LagMetrics.LAG).tag("quantile", "0.5").timeGauge().value(TimeUnit.MILLISECONDS))
                    .as("the next window starts afresh").isLessThan(THRESHOLD.toMillis());
        }
    }

    @Test
    void closeLeavesNoThreadBehind() throws Exception {
        LagWatchdog watchdog = LagWatchdog.watch(EventLoops.executor("closing", loop.executor())).start();
        assertThat(watchdog.awaitFirstTicks(TIMEOUT)).isTrue();
        assertThat(timerThreadAlive()).isTrue();

        watchdog.close();
        await().atMost(TIMEOUT).until(() -> !timerThreadAlive());
        long ticks = watchdog.monitors().get(0).ticks();
        loop.run(() -> { }); // a tick sent before the close would have run by now
        assertThat(watchdog.monitors().get(0).ticks()).isEqualTo(ticks);
    }

    private static double maxLagMillis(SimpleMeterRegistry registry) {
        return registry.get(LagMetrics.LAG).tag("quantile", "1.0").timeGauge().value(TimeUnit.MILLISECONDS);
    }

    private static boolean timerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("primeflow-lag-watchdog") && t.isAlive());
    }
}
