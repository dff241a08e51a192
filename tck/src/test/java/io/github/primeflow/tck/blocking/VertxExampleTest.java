package io.github.primeflow.tck.blocking;

import static io.github.primeflow.tck.blocking.BlockingDetectorTest.failures;
import static io.github.primeflow.tck.blocking.BlockingDetectorTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.primeflow.PrimalityTest;
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

    /** About 0.2 s of trial division on this machine's cores. */
    static final long BIG_PRIME = 9_999_999_999_999_917L;

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
                        .hasMessageContaining("CPU_ON_EVENT_LOOP: io.github.primeflow.TrialDivision#isPrime"
                                + " on thread \"vert.x-eventloop-thread-")
                        .hasMessageContaining("\tat io.github.primeflow.TrialDivision.isPrime(")
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
            consumeOn(context, msg -> msg.reply(PrimalityTest.trialDivision().isPrime(msg.body())));

            assertThat(vertx.eventBus().request("prime", BIG_PRIME).await(10, TimeUnit.SECONDS).body()).isEqualTo(true);

            await().atMost(TIMEOUT).until(() -> !monitor.stalls().isEmpty());
            assertThat(monitor.stalls().get(0).threadName()).startsWith("vert.x-eventloop-thread-");
            assertThat(monitor.stalls().get(0).stackTrace()).anySatisfy(frame ->
                    assertThat(frame.getClassName() + "." + frame.getMethodName())
                            .isEqualTo("io.github.primeflow.TrialDivision.isPrime"));
        }
    }

    @Test
    void lagMonitorFindsExecuteBlockingClean() throws Exception {
        Context context = vertx.getOrCreateContext();
        try (EventLoopLagMonitor monitor = EventLoopLagMonitor.start("vertx", task -> context.runOnContext(v -> task.run()),
                TICK, Duration.ofMillis(50))) {
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= 3);
            consumeOn(context, msg -> vertx.executeBlocking(() -> PrimalityTest.trialDivision().isPrime(msg.body()))
                    .onSuccess(msg::reply));

            assertThat(vertx.eventBus().request("prime", BIG_PRIME).await(10, TimeUnit.SECONDS).body()).isEqualTo(true);

            long ticks = monitor.ticks();
            await().atMost(TIMEOUT).until(() -> monitor.ticks() >= ticks + 3);
            monitor.assertNoStallLongerThan(Duration.ofMillis(150));
        }
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
                        msg -> msg.reply(PrimalityTest.trialDivision().isPrime(msg.body()))); // CPU on the event loop
                vertx.eventBus().request("prime", BIG_PRIME).await(10, TimeUnit.SECONDS);
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
                    return PrimalityTest.trialDivision().isPrime(msg.body());
                }).onSuccess(msg::reply));
                vertx.eventBus().request("prime", BIG_PRIME).await(10, TimeUnit.SECONDS);
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }
}
