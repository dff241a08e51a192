package io.github.primeflow.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The detection matrix: every {@link MatrixCase} runs as a test of its own against the {@link ShopApp}, under
 * one {@link BlockingDetector} built for the shop's Vert.x, Reactor and executor loops. Every bug must fail
 * its test with the frame of the code that held the loop; every legitimate pattern must pass. Vert.x's tuned
 * blocked-thread checker runs alongside, and its warnings per case are counted for comparison. The matrix is
 * written to {@code target/detection-matrix.md} (quoted in the README).
 */
class DetectionMatrixTest {

    static final Duration STALL_LIMIT = Duration.ofMillis(250);
    static final Map<MatrixCase, Integer> CHECKER_WARNINGS = new EnumMap<>(MatrixCase.class);

    @BeforeAll
    static void install() {
        TestPolicy.install();
    }

    @Test
    void everyBugFailsWithItsFrameAndEveryLegitimatePatternPasses() throws IOException {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Shop.class))
                .execute();
        results.containerEvents().assertStatistics(stats -> stats.failed(0));

        StringBuilder matrix = new StringBuilder(
                "| Case | Bug? | primeflow-blocking | Vert.x checker (100 ms) warnings |\n|---|---|---|---|\n");
        Map<MatrixCase, Optional<Throwable>> outcomes = new EnumMap<>(MatrixCase.class);
        for (MatrixCase c : MatrixCase.values()) {
            Event finished = results.testEvents().finished().filter(e -> e.getTestDescriptor().getDisplayName()
                    .equals(c.name())).findFirst().orElseThrow(() -> new AssertionError("no result for " + c));
            Optional<Throwable> failure = finished.getPayload(TestExecutionResult.class).orElseThrow().getThrowable();
            outcomes.put(c, failure);
            matrix.append("| ").append(c.description).append(" | ").append(c.isBug() ? "bug" : "legitimate")
                    .append(" | ").append(verdict(failure)).append(" | ")
                    .append(c.name().startsWith("VERTX") ? CHECKER_WARNINGS.getOrDefault(c, -1) : "n/a").append(" |\n");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "detection-matrix.md"), matrix);

        for (MatrixCase c : MatrixCase.values()) {
            Optional<Throwable> failure = outcomes.get(c);
            if (c.isBug()) {
                assertThat(failure).as(c + " must fail its test").isPresent();
                assertThat(failure.get()).as(c.toString()).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("\tat " + ShopApp.class.getName() + "." + c.frame + "(");
            } else {
                assertThat(failure).as(c + " must pass").isEmpty();
            }
        }
    }

    /** Which layer caught the case, from the failure's message. */
    private static String verdict(Optional<Throwable> failure) {
        if (failure.isEmpty()) {
            return "passes";
        }
        String message = String.valueOf(failure.get().getMessage());
        boolean blockHound = message.contains("blocking violation");
        boolean lag = message.contains("stalled longer than");
        for (Throwable suppressed : failure.get().getSuppressed()) {
            String more = String.valueOf(suppressed.getMessage());
            blockHound |= more.contains("blocking violation");
            lag |= more.contains("stalled longer than");
        }
        return blockHound && lag ? "fails: BlockHound + lag layers" : blockHound ? "fails: BlockHound layer"
                : lag ? "fails: lag layer" : "fails: " + failure.get();
    }

    static class Shop {
        static final ShopApp APP = ShopApp.start();

        @RegisterExtension
        static final BlockingDetector detector = BlockingDetector
                .forLoops(EventLoops.vertx(APP.vertx), EventLoops.reactor(), EventLoops.executor("shop-loop", APP.loop))
                .failOnStallsLongerThan(STALL_LIMIT)
                .build();

        @AfterAll
        static void close() throws Exception {
            APP.close();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(MatrixCase.class)
        void matrix(MatrixCase c) {
            APP.forget();
            c.run(APP);
            CHECKER_WARNINGS.put(c, APP.checkerWarnings().size());
        }
    }
}
