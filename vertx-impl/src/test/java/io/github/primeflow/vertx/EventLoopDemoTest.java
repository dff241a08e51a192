package io.github.primeflow.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.blocking.BlockingPolicy;
import io.github.primeflow.blocking.BlockingViolation;
import io.github.primeflow.blocking.EventLoopLagMonitor;
import io.github.primeflow.blocking.EventLoopThreads;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failure this library prevents, the seed's "spinner never appears": a handler that checks a large prime by
 * trial division on the event loop freezes it, and three witnesses say so (the kit's lag monitor with the stack
 * of what the loop ran, BlockHound through the kit's blocking policy, Vert.x's blocked-thread checker); the same
 * work handed to {@link VertxPrimeChecker} leaves the 10 ms spinner on time and all three silent.
 */
class EventLoopDemoTest {

    /** The largest {@code long} prime: about 1.5 × 10^9 divisors, half a second or more of CPU. */
    private static final long SLOW_PRIME = 9_223_372_036_854_775_783L;
    private static final Duration TICK = Duration.ofMillis(10);
    /** Far above scheduling noise on a loaded 2-core machine, far below one check of {@link #SLOW_PRIME}. */
    private static final Duration STALL = Duration.ofMillis(150);
    private static final EventLoopThreads VERTX_LOOPS = EventLoopThreads.vertx();

    private BlockedThreadWatch watch;
    private Vertx vertx;
    private Context loop;

    @BeforeAll
    static void installBlockHound() {
        BlockingPolicy.install();
        BlockingPolicy.assertInstalled();
        BlockingPolicy.registerEventLoops(VERTX_LOOPS);
    }

    @BeforeEach
    void start() throws Exception {
        watch = new BlockedThreadWatch();
        // One event loop, so the spinner and the handler share it, like a spinner and a request.
        vertx = Vertx.vertx(BlockedThreadWatch.tightOptions().setEventLoopPoolSize(1));
        loop = vertx.getOrCreateContext();
        CompletableFuture<Boolean> warm = new CompletableFuture<>();
        loop.runOnContext(v -> warm.complete(PrimalityTest.millerRabin().isPrime(97))); // class loading, not tested
        assertThat(warm.get(60, TimeUnit.SECONDS)).isTrue();
        watch.clear();
        BlockingPolicy.clearViolations();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
        watch.close();
    }

    private EventLoopLagMonitor spinner() {
        Executor onLoop = task -> loop.runOnContext(v -> task.run());
        EventLoopLagMonitor spinner = EventLoopLagMonitor.start("vertx", onLoop, TICK, STALL);
        await().atMost(Duration.ofSeconds(30)).until(() -> spinner.ticks() > 3);
        return spinner;
    }

    @Test
    void aNaiveHandlerBlocksTheEventLoopAndIsCaught() throws Exception {
        try (EventLoopLagMonitor spinner = spinner()) {
            CompletableFuture<Boolean> verdict = new CompletableFuture<>();
            loop.runOnContext(v -> verdict.complete(PrimalityTest.trialDivision().isPrime(SLOW_PRIME))); // the mistake
            assertThat(verdict.get(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> !spinner.stalls().isEmpty());
            System.out.printf("vertx demo, naive handler: spinner lateness max %d ms, %d stall(s)%n",
                    spinner.maxLateness().toMillis(), spinner.stalls().size());
            assertThat(spinner.stalls()).as("the spinner stalled while the loop ran the kernel")
                    .anySatisfy(stall -> assertThat(stall.describe()).contains("TrialDivision.isPrime"));
        }
        assertThat(BlockingPolicy.violations()).as("BlockHound saw the kernel on the event loop")
                .anySatisfy(v -> {
                    assertThat(v.kind()).isEqualTo(BlockingViolation.Kind.CPU_ON_EVENT_LOOP);
                    assertThat(v.method()).contains("TrialDivision");
                    assertThat(v.eventLoops()).contains(VERTX_LOOPS.name());
                });
        assertThat(watch.warnings()).as("Vert.x's blocked-thread checker caught the CPU work on the loop")
                .anySatisfy(w -> assertThat(w).contains("vert.x-eventloop-thread-0 has been blocked")
                        .contains("io.github.primeflow.TrialDivision.isPrime"));
    }

    @Test
    void theSameWorkThroughTheCheckerKeepsTheLoopTicking() throws Exception {
        try (VertxPrimeChecker checker = VertxPrimeChecker.create(CheckerOptions.builder().parallelism(2).build(), vertx);
                EventLoopLagMonitor spinner = spinner()) {
            CompletableFuture<Boolean> verdict = new CompletableFuture<>();
            loop.runOnContext(v -> checker.checkFuture(SLOW_PRIME)
                    .onSuccess(r -> verdict.complete(r.prime())).onFailure(verdict::completeExceptionally));
            assertThat(verdict.get(60, TimeUnit.SECONDS)).isTrue();
            System.out.printf("vertx demo, through VertxPrimeChecker: %d ticks, lateness max %d ms, p99 %d ms%n",
                    spinner.ticks(), spinner.maxLateness().toMillis(), spinner.p99Lateness().toMillis());
            spinner.assertNoStallLongerThan(STALL);
        }
        assertThat(BlockingPolicy.violations()).as("BlockHound violations on the event loop")
                .noneMatch(v -> v.eventLoops().contains(VERTX_LOOPS.name()));
        assertThat(watch.warningsOutsideShutdown()).as("Vert.x blocked-thread checker warnings").isEmpty();
    }
}
