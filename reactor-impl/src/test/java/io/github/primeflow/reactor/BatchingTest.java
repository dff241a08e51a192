package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.KernelProbe;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Cheap checks share a scheduler hop; expensive ones get one worker each. */
class BatchingTest {

    private final CountingScheduler cpu = new CountingScheduler(Schedulers.newParallel("batch-cpu", 2, true));
    private ReactorPrimeChecker checker;

    @AfterEach
    void close() {
        if (checker != null) {
            checker.close();
        }
        cpu.delegate.dispose();
    }

    private ReactorPrimeChecker checker(int batchSize, Ordering ordering, PrimalityTest test) {
        checker = ReactorPrimeChecker.create(CheckerOptions.builder().parallelism(2).batchSize(batchSize)
                .ordering(ordering).primalityTest(test).build(), cpu);
        return checker;
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void adaptiveBatchingChecksMillionsOfCheapNumbersWithFewSchedulerHops(Ordering ordering) {
        int count = 200_000;
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        StepVerifier.create(checker(0, ordering, probe).reactive().checkRange(0, count)
                        .filter(PrimeResult::prime).count())
                .expectNext(17_984L) // primes below 200 000
                .expectComplete().verify(Duration.ofSeconds(60));
        assertThat(probe.started()).isEqualTo(count);
        assertThat(cpu.tasks.get()).as("scheduler hops for %d cheap checks", count).isLessThan(count / 20);
    }

    @Test
    void aFixedBatchSizeOfOneIsOneHopPerNumber() {
        StepVerifier.create(checker(1, Ordering.INPUT_ORDER, PrimalityTest.millerRabin()).reactive()
                        .checkRange(0, 500).count())
                .expectNext(500L).expectComplete().verify(Duration.ofSeconds(30));
        assertThat(cpu.tasks.get()).isEqualTo(500);
    }

    @Test
    void expensiveNumbersGoOnePerWorker() {
        // Six 15-digit primes: milliseconds of trial division each, far above the batch target.
        long[] primes = new long[6];
        BigInteger p = BigInteger.valueOf(100_000_000_000_000L);
        for (int i = 0; i < primes.length; i++) {
            p = p.nextProbablePrime();
            primes[i] = p.longValueExact();
        }
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision()::isPrime); // no helper tasks
        StepVerifier.create(checker(0, Ordering.INPUT_ORDER, probe).reactive()
                        .check(reactor.core.publisher.Flux.fromStream(LongStream.of(primes).boxed())))
                .expectNextCount(primes.length).expectComplete().verify(Duration.ofSeconds(30));
        assertThat(cpu.tasks.get()).isEqualTo(primes.length);
        assertThat(probe.threads()).hasSize(2);
        assertThat(probe.peakInFlight()).isEqualTo(2);
    }

    /** Counts the tasks given to a scheduler's workers. */
    static final class CountingScheduler implements Scheduler {
        final Scheduler delegate;
        final AtomicInteger tasks = new AtomicInteger();

        CountingScheduler(Scheduler delegate) {
            this.delegate = delegate;
        }

        @Override
        public Disposable schedule(Runnable task) {
            tasks.incrementAndGet();
            return delegate.schedule(task);
        }

        @Override
        public Worker createWorker() {
            Worker worker = delegate.createWorker();
            return new Worker() {
                @Override
                public Disposable schedule(Runnable task) {
                    tasks.incrementAndGet();
                    return worker.schedule(task);
                }

                @Override
                public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
                    tasks.incrementAndGet();
                    return worker.schedule(task, delay, unit);
                }

                @Override
                public void dispose() {
                    worker.dispose();
                }

                @Override
                public boolean isDisposed() {
                    return worker.isDisposed();
                }
            };
        }

        @Override
        public void dispose() {
            delegate.dispose();
        }

        @Override
        public boolean isDisposed() {
            return delegate.isDisposed();
        }

        @Override
        public void init() {
            delegate.init();
        }
    }
}
