package io.github.primeflow.blocking;

import static io.github.primeflow.blocking.BlockingDetectorTest.failures;
import static io.github.primeflow.blocking.BlockingDetectorTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The documented example: a Vert.x handler doing CPU work on its event loop is caught by the
 * {@link BlockingDetector} and by the {@link EventLoopLagMonitor}; the same work through
 * {@code executeBlocking} is clean for both.
 */
class VertxExampleTest {

    /** Rounds of {@link Workloads#crunch(long)}, the marked CPU method (tens of ms once compiled). */
    static final long ROUNDS = 200_000_000L;
    /** Unmarked CPU work that only the lag monitor sees. */
    static final Duration SPIN = Duration.ofMillis(300);

    private static final Duration TICK = Duration.ofMillis(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Vertx vertx;

    @BeforeAll
    static void install() {
        TestPolicy.install();
    }

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void detectorFailsTheCpuBoundHandlerWithItsStack() {
        EngineExecutionResults results = run(CpuBoundHandlerTest.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(failures(results.testEvents().failed().list())).singleElement().satisfies(failure ->
                assertThat(failure).isInstanceOf(AssertionError.class)
                        .hasMessageStartingWith("1 blocking violation on event loops [vertx]")
                        .hasMessageContaining("CPU_ON_EVENT_LOOP: " + Workloads.class.getName() + ".crunch"
                                + " on thread \"vert.x-eventloop-thread-")
                        .hasMessageContaining("\tat " + Workloads.class.getName() + ".crunch(")
                        .hasMessageContaining("\tat " + CpuBoundHandlerTest.class.getName() + ".lambda$"));
    }

    @Test
    void detectorPassesTheSameWorkThroughExecuteBlocking() {
        EngineExecutionResults results = run(ExecuteBlockingHandlerTest.class);

        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void lagMonitorCatchesTheCpuBoundHandler() throws Exception {
        Context context = vertx.getOrCreateContext();
        try (EventLoopLagMonitor monitor = EventLoopLagMonitor.start("vertx", task -> context.runOnContext(v -> task.run()),
                TICK, Duration.ofMillis(50))) {
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= 3);
            consumeOn(context, msg -> msg.reply(Workloads.spin(SPIN)));

            vertx.eventBus().request("prime", ROUNDS).await(10, TimeUnit.SECONDS);

            // A loaded machine may add stalls of its own (the loop idle in epoll when sampled): look for ours.
            await().atMost(TIMEOUT).until(() -> monitor.stalls().stream().anyMatch(VertxExampleTest::inSpin));
            assertThat(monitor.stalls()).filteredOn(VertxExampleTest::inSpin).first()
                    .satisfies(stall -> assertThat(stall.threadName()).startsWith("vert.x-eventloop-thread-"));
        }
    }

    @Test
    void lagMonitorFindsExecuteBlockingClean() throws Exception {
        Context context = vertx.getOrCreateContext();
        try (EventLoopLagMonitor monitor = EventLoopLagMonitor.start("vertx", task -> context.runOnContext(v -> task.run()),
                TICK, Duration.ofMillis(50))) {
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= 3);
            consumeOn(context, msg -> vertx.executeBlocking(() -> Workloads.spin(SPIN)).onSuccess(msg::reply));

            vertx.eventBus().request("prime", ROUNDS).await(10, TimeUnit.SECONDS);

            long ticks = monitor.ticks();
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= ticks + 3);
            // The spin never held the loop (a loaded machine may still delay the loop's wake-ups by itself).
            assertThat(monitor.stalls()).noneMatch(VertxExampleTest::inSpin);
        }
    }

    private static boolean inSpin(Stall stall) {
        return stall.stackTrace().stream().anyMatch(frame -> frame.getClassName().equals(Workloads.class.getName())
                && frame.getMethodName().equals("spin"));
    }

    /** Registers the "prime" consumer on {@code context}'s event loop and waits until it is registered. */
    private void consumeOn(Context context, Handler<Message<Long>> handler) throws Exception {
        Promise<Void> registered = Promise.promise();
        context.runOnContext(v -> vertx.eventBus().<Long>consumer("prime", handler).completion().onComplete(registered));
        registered.future().await(10, TimeUnit.SECONDS);
    }

    // The README example (runs through the JUnit engine above; Surefire skips nested classes).
    static class CpuBoundHandlerTest {
        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector.forEventLoops(EventLoopThreads.vertx()).build();

        @Test
        void primeHandler() throws Exception {
            Vertx vertx = Vertx.vertx();
            try {
                vertx.eventBus().<Long>consumer("prime",
                        msg -> msg.reply(Workloads.crunch(msg.body()))); // CPU on the event loop
                vertx.eventBus().request("prime", ROUNDS).await(10, TimeUnit.SECONDS);
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    static class ExecuteBlockingHandlerTest {
        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector.forEventLoops(EventLoopThreads.vertx()).build();

        @Test
        void primeHandler() throws Exception {
            Vertx vertx = Vertx.vertx();
            try {
                vertx.eventBus().<Long>consumer("prime", msg -> vertx.executeBlocking(() -> {
                    Workloads.sleepBriefly(); // blocking is fine on a worker, too
                    return Workloads.crunch(msg.body());
                }).onSuccess(msg::reply));
                vertx.eventBus().request("prime", ROUNDS).await(10, TimeUnit.SECONDS);
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }
}
