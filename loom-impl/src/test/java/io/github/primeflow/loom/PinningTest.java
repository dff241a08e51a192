package io.github.primeflow.loom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.KernelProbe;
import io.github.primeflow.tck.RecordingSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records JFR's {@code jdk.VirtualThreadPinned} (threshold 0: every park of a pinned virtual thread)
 * while a TCK-sized workload runs, and asserts there is none. A first test proves the recording catches
 * a pinned park, so the main test can fail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PinningTest {

    private static final String PINNED = "jdk.VirtualThreadPinned";
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    /** Released by the test; a separate class, because touching the blocked class would wait for it. */
    static final CountDownLatch CLINIT_RELEASE = new CountDownLatch(1);

    @TempDir
    Path dir;

    private List<RecordedEvent> recordPinning(ThrowingRunnable workload) throws Exception {
        Path file = dir.resolve("pinning.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            workload.run();
            recording.stop();
            recording.dump(file);
        }
        assertThat(Files.size(file)).isPositive();
        return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals(PINNED))
                .toList();
    }

    @Test
    void theRecordingSeesAPinnedPark() throws Exception {
        List<RecordedEvent> events = recordPinning(() -> {
            Thread pinned = Thread.ofVirtual().start(BlocksInClassInitializer::touch);
            await().atMost(HANG_GUARD).until(() -> pinned.getState() == Thread.State.WAITING);
            CLINIT_RELEASE.countDown();
            pinned.join();
        });
        assertThat(events).isNotEmpty();
    }

    @Test
    void noVirtualThreadIsPinnedDuringATckSizedRun() throws Exception {
        // The first run is a warm-up: the JDK initialises some of its own classes lazily (string
        // concatenation and lambda bootstraps, and JFR's throwable tracer once a recording starts), and a
        // virtual thread that waits for another thread's class initialisation is pinned for those
        // microseconds, once per JVM. Only pins during the second, steady-state run count.
        Instant[] measured = new Instant[1];
        List<RecordedEvent> events = recordPinning(() -> {
            tckSizedWorkload();
            measured[0] = Instant.now();
            tckSizedWorkload();
        });
        List<RecordedEvent> steady = events.stream().filter(e -> !e.getStartTime().isBefore(measured[0])).toList();
        assertThat(steady).as("pinned parks:%n%s", steady).isEmpty();
    }

    private static void tckSizedWorkload() throws Exception {
        for (Ordering ordering : Ordering.values()) {
            CheckerOptions options = CheckerOptions.builder().parallelism(2).ordering(ordering)
                    .primalityTest(PrimalityTest.millerRabin()).build();
            try (LoomPrimeChecker checker = LoomPrimeChecker.create(options)) {
                // many numbers, small demand steps, from onNext
                RecordingSubscriber<PrimeResult> stepwise = new RecordingSubscriber<>(3, 1);
                checker.checkRange(0, 3_000).subscribe(stepwise);
                // unbounded demand, concurrently
                RecordingSubscriber<PrimeResult> unbounded = RecordingSubscriber.unbounded();
                checker.checkRange(1L << 50, (1L << 50) + 3_000).subscribe(unbounded);
                // cancelled from onNext
                RecordingSubscriber<PrimeResult> cancelling =
                        new RecordingSubscriber<PrimeResult>(10, 1).cancelAfter(500);
                checker.checkRange(0, 1_000_000).subscribe(cancelling);
                stepwise.awaitTermination(HANG_GUARD);
                unbounded.awaitTermination(HANG_GUARD);
                assertThat(stepwise.received()).isEqualTo(3_000);
                assertThat(unbounded.received()).isEqualTo(3_000);
                await().atMost(HANG_GUARD).until(() -> cancelling.received() == 500);
                // blocking surface
                assertThat(checker.checkAll(2, 3, 4, 5, 6, 7)).hasSize(6);
                try (Stream<PrimeResult> stream = checker.stream(0, 1_000)) {
                    assertThat(stream.limit(100).count()).isEqualTo(100);
                }
            }
            // cancelling and closing big trial divisions in flight
            CheckerOptions slow = options.toBuilder().primalityTest(PrimalityTest.trialDivision()).build();
            KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision()::isPrime); // no helper tasks
            LoomPrimeChecker probed = LoomPrimeChecker.create(slow.toBuilder().primalityTest(probe).build());
            try {
                RecordingSubscriber<PrimeResult> big = RecordingSubscriber.unbounded();
                probed.check(LoomPrimeCheckerTest.BIG_PRIME, LoomPrimeCheckerTest.BIG_PRIME_2).subscribe(big);
                await().atMost(HANG_GUARD).until(() -> probe.started() == 2);
                big.cancel();
                await().atMost(HANG_GUARD).until(() -> probe.interrupted() == 2);
                assertThat(probed.checkNow(1_000_003)).extracting(PrimeResult::prime).isEqualTo(true);
                RecordingSubscriber<PrimeResult> closed = RecordingSubscriber.unbounded();
                probed.check(LoomPrimeCheckerTest.BIG_PRIME).subscribe(closed);
                await().atMost(HANG_GUARD).until(() -> probe.started() == 4);
            } finally {
                probed.close(); // in flight: interrupts and joins
            }
            assertThat(probe.interrupted()).isEqualTo(3);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Parks a virtual thread inside a class initializer: pinned on every JDK (JEP 491 keeps this case). */
    private static final class BlocksInClassInitializer {
        static {
            try {
                CLINIT_RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
            // initialising the class is the point
        }
    }
}
