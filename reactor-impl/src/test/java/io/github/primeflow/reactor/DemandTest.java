package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.RecordingSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * Demand and run-ahead (rules P4, P5, P6) with <em>fixed</em> batch sizes, which the kit's rules do not set (they
 * run with the adaptive default): every kernel call and every upstream request checks the bound at the moment it
 * happens, so a violation at any time fails.
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
                .flatMap(o -> Stream.of(1, 8, MAX_IN_FLIGHT).map(b -> Arguments.of(o, b)));
    }

    @ParameterizedTest(name = "{0}, batchSize {1}")
    @MethodSource("orderingsAndBatchSizes")
    void p4p5p6_boundsHoldUnderIrregularDemandWithAFixedBatchSize(Ordering ordering, int batchSize)
            throws InterruptedException {
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicLong kernelCalls = new AtomicLong();
        AtomicLong upstreamRequested = new AtomicLong();
        long[] steps = {1, 2, 3, 5, 8, 13, 1, 1, 40};
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(0, 0) {
            private int step;

            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item); // counts the result; a result beyond demand is a violation (P4)
                if (received() == requested()) {
                    request(steps[step++ % steps.length]);
                }
            }
        };
        PrimalityTest kernel = n -> {
            long requested = s.requested(); // read before delivered: never a false alarm
            long started = kernelCalls.incrementAndGet();
            long delivered = s.received();
            if (started - delivered > requested - delivered + PREFETCH) {
                violations.add("P5: started " + started + " - delivered " + delivered + " > outstanding "
                        + (requested - delivered) + " + prefetch " + PREFETCH);
            }
            return PrimalityTest.millerRabin().isPrime(n);
        };
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(PARALLELISM).prefetch(PREFETCH)
                .maxInFlight(MAX_IN_FLIGHT).batchSize(batchSize).ordering(ordering).primalityTest(kernel).build());

        int total = 3_000;
        Flux<Long> numbers = Flux.range(0, total).map(i -> 1_000_000L + i).doOnRequest(n -> {
            long requested = upstreamRequested.addAndGet(n);
            long delivered = s.received();
            if (requested - delivered > MAX_IN_FLIGHT + PREFETCH) {
                violations.add("P6: requested " + requested + " - delivered " + delivered + " > "
                        + (MAX_IN_FLIGHT + PREFETCH));
            }
        });
        checker.check(JdkFlowAdapter.publisherToFlowPublisher(numbers)).subscribe(s);
        s.request(1);
        s.awaitTermination(Duration.ofSeconds(30));

        assertThat(s.errors()).isEmpty();
        assertThat(s.received()).isEqualTo(total);
        assertThat(s.violations()).as("Reactive Streams violations (P4)").isEmpty();
        assertThat(violations).isEmpty();
        assertThat(kernelCalls).hasValue(total);
        if (ordering == Ordering.INPUT_ORDER) {
            assertThat(s.items()).extracting(PrimeResult::number).isSorted();
        }
    }
}
