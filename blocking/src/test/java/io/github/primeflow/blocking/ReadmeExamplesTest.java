package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The Java examples of blocking/README.md, run as they are written there. */
class ReadmeExamplesTest {

    @BeforeAll
    static void install() {
        TestPolicy.install();
    }

    @Test
    void extensionExamplePassesItsCleanHandler() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(QuoteServiceTest.class)).execute();

        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void watchdogExampleExposesEveryLoopsLag() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        MeterRegistry registry = new SimpleMeterRegistry();
        try {
            // snippet:watchdog
            LagWatchdog watchdog = LagWatchdog.watch(EventLoops.vertx(vertx))
                    .stallThreshold(Duration.ofMillis(100)) // stalls are logged with the loop's stack
                    .start();
            new LagMetrics(watchdog).bindTo(registry);
            // end:watchdog
            try (watchdog) {
                assertThat(watchdog.awaitFirstTicks(Duration.ofSeconds(20))).isTrue();
                assertThat(registry.find(LagMetrics.LAG).tag("quantile", "0.99").timeGauges())
                        .extracting(g -> g.getId().getTag("loop"))
                        .containsExactlyInAnyOrder("vertx-eventloop-0", "vertx-eventloop-1");
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    // Runs through the JUnit engine above (Surefire skips nested classes).
    static class QuoteServiceTest {
        // snippet:extension
        static final Vertx vertx = Vertx.vertx();

        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector
                .forLoops(EventLoops.vertx(vertx), EventLoops.reactor())
                .failOnStallsLongerThan(Duration.ofMillis(100))
                .build();

        @Test
        void quoteIsPricedOffTheEventLoop() throws Exception {
            vertx.eventBus().<Long>consumer("quote", msg -> vertx.executeBlocking(() -> Pricing.reprice(msg.body()))
                    .onSuccess(msg::reply));
            vertx.eventBus().request("quote", 42L).await(10, TimeUnit.SECONDS);
        }
        // end:extension

        @AfterAll
        static void closeVertx() throws Exception {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
