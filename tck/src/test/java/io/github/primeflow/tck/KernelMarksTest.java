package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.TrialDivision;
import io.github.primeflow.blocking.BlockingPolicy;
import io.github.primeflow.blocking.BlockingViolation;
import io.github.primeflow.blocking.EventLoopThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kit ships {@code META-INF/primeflow-blocking/cpu-heavy-methods}, so every kernel counts as CPU work on an
 * event loop wherever primeflow-tck is on the class path, whoever installs the policy first.
 */
class KernelMarksTest {

    private static final EventLoopThreads LOOP = EventLoopThreads.namedStartingWith("kernel-marks-loop");
    private static final long PRIME = 1_000_003L;
    /** A 14-digit prime: its trial division (1.6 million odd divisors) is shared with helpers. */
    private static final long LONG_PRIME = 10_000_000_000_037L;

    @Test
    void everyKernelOnARegisteredLoopIsReported() {
        BlockingPolicy.assertInstalled();
        BlockingPolicy.registerEventLoops(LOOP);
        BlockingPolicy.clearViolations();
        TrialDivision trialDivision = PrimalityTest.trialDivision();
        ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "kernel-marks-loop"));
        try {
            CompletableFuture.runAsync(() -> {
                trialDivision.isPrime(PRIME);
                trialDivision.hasNoDivisorIn(trialDivision.split(PRIME, 2).get(0));
                PrimalityTest.millerRabin().isPrime(PRIME);
            }, loop).orTimeout(10, TimeUnit.SECONDS).join();
            // A helper of a long trial division that a backend wrongly runs on its loop. The executor waits
            // for the helper task to end, so it runs before the owner (this thread) claims any range: it
            // takes the first one whatever the scheduler does (the owner would otherwise check every range
            // itself when the loop thread starts late, and the helper would find nothing left).
            trialDivision.isPrime(LONG_PRIME,
                    task -> CompletableFuture.runAsync(task, loop).orTimeout(30, TimeUnit.SECONDS).join(), 2);
        } finally {
            loop.shutdownNow();
        }

        assertThat(BlockingPolicy.violations())
                .filteredOn(v -> v.threadName().equals("kernel-marks-loop"))
                .allSatisfy(v -> assertThat(v.kind()).isEqualTo(BlockingViolation.Kind.CPU_ON_EVENT_LOOP))
                .extracting(BlockingViolation::method)
                .startsWith("io.github.primeflow.TrialDivision#isPrime",
                        "io.github.primeflow.TrialDivision#hasNoDivisorIn",
                        "io.github.primeflow.MillerRabin#isPrime")
                .contains("io.github.primeflow.TrialDivision#searchRange");
    }
}
