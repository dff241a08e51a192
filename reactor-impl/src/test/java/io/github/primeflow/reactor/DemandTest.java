package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * Demand, run-ahead and parallelism (rules P4, P5, P6, P9), measured with a probe kernel: every kernel call
 * and every upstream request checks the bound at the moment it happens, so a violation at any time fails.
 */
class DemandTest {

    private static final int PARALLELISM = 2;
    private static final int PREFETCH = 4;
    private static final int MAX_IN_FLIGHT = 16;

    private ReactorPrimeChecker checker;

    @AfterEach
    void close() {
        if (checker != null) {
            checker.close();
        }
    }

    static Stream<Arguments> orderingsAndBatchSizes() {
        return Stream.of(Ordering.values())
                .flatMap(o -> Stream.of(0, 1, 8, MAX_IN_FLIGHT).map(b -> Arguments.of(o, b)));
    }

    /** Counters of a subscriber that requests in irregular steps, from inside onNext. */
    private static final class Bookkeeping {
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong outstanding = new AtomicLong();
        final AtomicLong upstreamRequested = new AtomicLong();
        final List<String> violations = new CopyOnWriteArrayList<>();
    }

    @ParameterizedTest(name = "{0}, batchSize {1}")
    @MethodSource("orderingsAndBatchSizes")
    void p4p5p6_boundsHoldUnderIrregularDemand(Ordering ordering, int batchSize) throws InterruptedException {
        Bookkeeping book = new Bookkeeping();
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        probe.beforeCall = n -> {
            long outstanding = book.outstanding.get(); // read before delivered: never a false alarm
            long started = probe.calls.get();
            long delivered = book.delivered.get();
            if (started - delivered > outstanding + PREFETCH) {
                book.violations.add("P5: started " + started + " - delivered " + delivered + " > outstanding "
                        + outstanding + " + prefetch " + PREFETCH);
            }
        };
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(PARALLELISM).prefetch(PREFETCH)
                .maxInFlight(MAX_IN_FLIGHT).batchSize(batchSize).ordering(ordering).primalityTest(probe).build());

        int total = 3_000;
        Flux<Long> numbers = Flux.range(0, total).map(i -> 1_000_000L + i).doOnRequest(n -> {
            long requested = book.upstreamRequested.addAndGet(n);
            long delivered = book.delivered.get();
            if (requested - delivered > MAX_IN_FLIGHT + PREFETCH) {
                book.violations.add("P6: requested " + requested + " - delivered " + delivered + " > "
                        + (MAX_IN_FLIGHT + PREFETCH));
            }
        });
        long[] steps = {1, 2, 3, 5, 8, 13, 1, 1, 40};
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(0) {
            int step;

            @Override
            public void onNext(PrimeResult item) {
                long delivered = book.delivered.incrementAndGet();
                long outstanding = book.outstanding.decrementAndGet();
                if (outstanding < 0) {
                    book.violations.add("P4: onNext #" + delivered + " without demand");
                }
                super.onNext(item);
                if (outstanding == 0) {
                    request(steps[step++ % steps.length]);
                }
            }

            void request(long n) {
                book.outstanding.addAndGet(n);
                subscription.request(n);
            }
        };
        checker.check(JdkFlowAdapter.publisherToFlowPublisher(numbers)).subscribe(s);
        book.outstanding.addAndGet(1);
        s.subscription.request(1);
        s.awaitTermination();

        assertThat(s.errors).isEmpty();
        assertThat(s.items).hasSize(total);
        assertThat(book.violations).isEmpty();
        assertThat(probe.calls.get()).isEqualTo(total);
        if (ordering == Ordering.INPUT_ORDER) {
            assertThat(s.items).extracting(PrimeResult::number).isSorted();
        }
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p5_withoutDemandAtMostPrefetchKernelCallsStart(Ordering ordering) {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(PARALLELISM).prefetch(PREFETCH)
                .maxInFlight(MAX_IN_FLIGHT).batchSize(MAX_IN_FLIGHT).ordering(ordering).primalityTest(probe).build());
        AtomicLong upstreamRequested = new AtomicLong();
        Flux<Long> numbers = Flux.range(0, 1_000).map(Long::valueOf).doOnRequest(upstreamRequested::addAndGet);
        FlowRecorder<PrimeResult> s = new FlowRecorder<>(0);
        checker.check(JdkFlowAdapter.publisherToFlowPublisher(numbers)).subscribe(s);

        await().atMost(Duration.ofSeconds(10)).until(() -> probe.exits.get() == PREFETCH);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> probe.calls.get() == PREFETCH && upstreamRequested.get() <= MAX_IN_FLIGHT + PREFETCH);
        assertThat(s.items).isEmpty();

        s.subscription.request(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> s.items.size() == 3 && probe.exits.get() == PREFETCH + 3);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> probe.calls.get() == PREFETCH + 3 && s.items.size() == 3);
        s.subscription.cancel();
    }

    @Test
    void p6_aSlowHeadInInputOrderHoldsAtMostMaxInFlightNumbers() throws InterruptedException {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        CountDownLatch release = new CountDownLatch(1);
        probe.beforeCall = n -> ReactorPrimeCheckerTest.awaitOrCancel(n == 0 ? release : null);
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(PARALLELISM).prefetch(PREFETCH)
                .maxInFlight(MAX_IN_FLIGHT).primalityTest(probe).build());
        AtomicLong upstreamRequested = new AtomicLong();
        Flux<Long> numbers = Flux.range(0, 200).map(Long::valueOf).doOnRequest(upstreamRequested::addAndGet);
        FlowRecorder<PrimeResult> s = new FlowRecorder<>(Long.MAX_VALUE);
        checker.check(JdkFlowAdapter.publisherToFlowPublisher(numbers)).subscribe(s);

        // The other worker checks every number of the window behind the blocked head, then stops.
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.exits.get() == MAX_IN_FLIGHT - 1);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> probe.calls.get() == MAX_IN_FLIGHT && upstreamRequested.get() <= MAX_IN_FLIGHT + PREFETCH);
        assertThat(s.items).isEmpty();

        release.countDown();
        s.awaitTermination();
        assertThat(s.items).extracting(PrimeResult::number).containsExactlyElementsOf(
                LongStream.range(0, 200).boxed().toList());
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p9_atMostParallelismKernelCallsRunAtOnceAndAtLeastTwo(Ordering ordering) throws InterruptedException {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        CountDownLatch threeRunning = new CountDownLatch(PARALLELISM + 1);
        probe.beforeCall = n -> {
            threeRunning.countDown();
            try {
                // A correct backend never lets a third call in, so each of the first two waits here briefly.
                threeRunning.await(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(PARALLELISM)
                .ordering(ordering).primalityTest(probe).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<>(Long.MAX_VALUE);
        checker.check(11, 12, 13, 14, 15, 16).subscribe(s);
        s.awaitTermination();

        assertThat(s.items).hasSize(6);
        assertThat(probe.maxRunning.get()).isEqualTo(PARALLELISM);
    }
}
