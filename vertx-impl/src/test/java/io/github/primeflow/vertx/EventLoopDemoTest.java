package io.github.primeflow.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failure this library prevents, the seed's "spinner never appears": a handler that checks a 16-digit prime
 * by trial division on the event loop freezes it, and Vert.x's blocked-thread checker says so; the same work
 * handed to {@link VertxPrimeChecker} leaves the loop ticking every 10 ms.
 */
class EventLoopDemoTest {

    private static final long SLOW_PRIME = 9_999_999_999_999_917L;

    private BlockedThreadWatch watch;
    private Vertx vertx;
    private LagProbe lag;

    @BeforeEach
    void start() {
        watch = new BlockedThreadWatch();
        // One event loop, so the probe's timer and the handler share it, like a spinner and a request.
        vertx = Vertx.vertx(BlockedThreadWatch.tightOptions().setEventLoopPoolSize(1));
        lag = new LagProbe(vertx);
        await().atMost(Duration.ofSeconds(30)).until(() -> lag.ticks() > 3);
        lag.reset();
    }

    @AfterEach
    void stop() throws Exception {
        lag.close();
        vertx.close().await(30, TimeUnit.SECONDS);
        watch.close();
    }

    @Test
    void aNaiveHandlerBlocksTheEventLoopAndIsCaught() throws Exception {
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        vertx.runOnContext(v -> verdict.complete(PrimalityTest.trialDivision().isPrime(SLOW_PRIME))); // the mistake
        assertThat(verdict.get(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> lag.ticks() > 5);
        System.out.println("vertx demo: naive handler, largest gap between 10 ms ticks " + lag.maxGapMillis()
                + " ms; blocked-thread warnings: " + watch.warnings().size());
        assertThat(watch.warnings()).as("the blocked-thread checker caught the CPU work on the loop")
                .anySatisfy(w -> assertThat(w).contains("vert.x-eventloop-thread-0 has been blocked")
                        .contains("io.github.primeflow.TrialDivision.isPrime"));
        assertThat(lag.maxGapMillis()).as("the spinner froze for the whole check").isGreaterThanOrEqualTo(100);
    }

    @Test
    void theSameWorkThroughTheCheckerKeepsTheLoopTicking() throws Exception {
        try (VertxPrimeChecker checker = VertxPrimeChecker.create(CheckerOptions.builder().parallelism(2).build(), vertx)) {
            CompletableFuture<Boolean> warm = new CompletableFuture<>();
            vertx.runOnContext(v -> checker.checkFuture(97).onSuccess(r -> warm.complete(r.prime())));
            assertThat(warm.get(60, TimeUnit.SECONDS)).isTrue(); // classes loaded: not what this test looks at
            watch.clear();
            lag.reset();
            CompletableFuture<Boolean> verdict = new CompletableFuture<>();
            long ticksBefore = lag.ticks();
            long start = System.nanoTime();
            vertx.runOnContext(v -> checker.checkFuture(SLOW_PRIME)
                    .onSuccess(r -> verdict.complete(r.prime())).onFailure(verdict::completeExceptionally));
            assertThat(verdict.get(60, TimeUnit.SECONDS)).isTrue();
            long millis = (System.nanoTime() - start) / 1_000_000;
            long ticks = lag.ticks() - ticksBefore;
            System.out.println("vertx demo: through VertxPrimeChecker, " + ticks + " ticks in " + millis
                    + " ms, largest gap " + lag.maxGapMillis() + " ms");
            assertThat(ticks).as("10 ms ticks during a %d ms check", millis).isGreaterThan(millis / LagProbe.PERIOD_MS / 2);
        }
        assertThat(watch.warningsOutsideShutdown()).as("Vert.x blocked-thread checker warnings").isEmpty();
    }
}
