package io.github.primeflow.rxjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import io.github.primeflow.tck.KernelProbe;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/** The RxJava-native surface: verdicts, orderings, demand on a {@link TestScheduler}, batching, errors. */
@ExtendWith(UndeliverableErrors.class)
class RxJavaChecksTest {

    private static final long TIMEOUT_SECONDS = 30;

    private static CheckerOptions.Builder options() {
        return CheckerOptions.builder().parallelism(2);
    }

    /** Miller–Rabin, after spinning (not sleeping) for {@code micros} microseconds: a kernel of known cost. */
    private static PrimalityTest spinning(long micros) {
        return n -> {
            long end = System.nanoTime() + micros * 1_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return PrimalityTest.millerRabin().isPrime(n);
        };
    }

    /** Delegates to another scheduler and counts the tasks handed to {@link #scheduleDirect(Runnable)}. */
    private static final class CountingScheduler extends Scheduler {
        final AtomicInteger tasks = new AtomicInteger();
        private final Scheduler delegate;

        CountingScheduler(Scheduler delegate) {
            this.delegate = delegate;
        }

        @Override
        public Worker createWorker() {
            return delegate.createWorker();
        }

        @Override
        public Disposable scheduleDirect(Runnable run) {
            tasks.incrementAndGet();
            return delegate.scheduleDirect(run);
        }
    }

    @Test
    void seedNumbersUnderTrialDivisionMatchMillerRabin() {
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(options().build())) {
            TestSubscriber<PrimeResult> ts = checker.rx().check(Flowable.fromIterable(SeedNumbers.list())).test();
            ts.awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS).assertNoErrors().assertComplete().assertValueCount(20);
            assertThat(ts.values()).extracting(PrimeResult::number).containsExactlyElementsOf(SeedNumbers.list());
            for (PrimeResult r : ts.values()) {
                assertThat(r.prime()).as("verdict for %d", r.number())
                        .isEqualTo(PrimalityTest.millerRabin().isPrime(r.number()));
            }
        }
    }

    @Test
    void singleAndRange() {
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(
                options().primalityTest(PrimalityTest.millerRabin()).build())) {
            checker.rx().check(2_147_483_647L).test().awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .assertValue(r -> r.number() == 2_147_483_647L && r.prime());
            checker.rx().checkRange(0, 10_000).filter(PrimeResult::prime).count().test()
                    .awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS).assertValue(1229L);
            checker.rx().checkRange(5, 5).test().awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS).assertNoValues()
                    .assertComplete();
            assertThatThrownBy(() -> checker.rx().checkRange(6, 5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> checker.rx().checkRange(Long.MIN_VALUE, Long.MAX_VALUE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The first number takes tens of milliseconds, the others microseconds. */
    private static List<Long> slowHead(Ordering ordering) {
        long slow = 9_999_999_999_999_917L;
        PrimalityTest kernel = n -> n == slow ? PrimalityTest.trialDivision().isPrime(n)
                : PrimalityTest.millerRabin().isPrime(n);
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(
                options().ordering(ordering).primalityTest(kernel).build())) {
            Flowable<Long> numbers = Flowable.concat(Flowable.just(slow), Flowable.rangeLong(2, 200));
            TestSubscriber<PrimeResult> ts = checker.rx().check(numbers).test();
            ts.awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS).assertNoErrors().assertComplete().assertValueCount(201);
            return ts.values().stream().map(PrimeResult::number).toList();
        }
    }

    @Test
    void inputOrderKeepsTheSlowHeadFirst() {
        assertThat(slowHead(Ordering.INPUT_ORDER)).containsExactlyElementsOf(
                LongStream.concat(LongStream.of(9_999_999_999_999_917L), LongStream.range(2, 202)).boxed().toList());
    }

    @Test
    void completionOrderDeliversTheSlowHeadLast() {
        List<Long> numbers = slowHead(Ordering.COMPLETION_ORDER);
        assertThat(numbers.get(numbers.size() - 1)).isEqualTo(9_999_999_999_999_917L);
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(
                LongStream.concat(LongStream.of(9_999_999_999_999_917L), LongStream.range(2, 202)).boxed().toList());
    }

    /** On a {@link TestScheduler} nothing runs until the test says so: the demand bounds are exact. */
    @Test
    void kernelCallsStayWithinDemandPlusPrefetchOnATestScheduler() {
        TestScheduler cpu = new TestScheduler();
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        CheckerOptions options = options().primalityTest(probe).build(); // prefetch 4
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(options, cpu)) {
            TestSubscriber<PrimeResult> ts = checker.rx().checkRange(2, 10_002).test(0);
            cpu.triggerActions();
            assertThat(probe.started()).as("started with no demand").isLessThanOrEqualTo(options.prefetch());
            ts.assertNoValues();

            ts.request(1);
            cpu.triggerActions();
            ts.assertValueCount(1);
            assertThat(probe.started()).as("started with demand 1").isLessThanOrEqualTo(1 + options.prefetch());

            ts.request(100);
            cpu.triggerActions();
            ts.assertValueCount(101);
            assertThat(probe.started()).as("started with demand 101").isLessThanOrEqualTo(101 + options.prefetch());

            ts.request(Long.MAX_VALUE);
            cpu.triggerActions();
            ts.assertValueCount(10_000).assertComplete();
            assertThat(ts.values()).extracting(PrimeResult::number)
                    .containsExactlyElementsOf(LongStream.range(2, 10_002).boxed().toList());
            assertThat(probe.started()).isEqualTo(10_000);
        }
    }

    @Test
    void cheapNumbersAreBatched() {
        CountingScheduler cpu = new CountingScheduler(new TestScheduler());
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(
                options().primalityTest(PrimalityTest.millerRabin()).build(), cpu)) {
            TestSubscriber<PrimeResult> ts = checker.rx().checkRange(1_000_000_000L, 1_000_020_000L).test();
            ((TestScheduler) cpuDelegate(cpu)).triggerActions();
            ts.assertValueCount(20_000).assertComplete();
            assertThat(cpu.tasks.get()).as("tasks for 20,000 cheap numbers").isLessThan(20_000 / 8);
        }
    }

    @Test
    void expensiveNumbersGoOnePerTask() {
        CountingScheduler cpu = new CountingScheduler(new TestScheduler());
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(
                options().primalityTest(spinning(1_000)).build(), cpu)) {
            TestSubscriber<PrimeResult> ts = checker.rx().checkRange(2, 42).test();
            ((TestScheduler) cpuDelegate(cpu)).triggerActions();
            ts.assertValueCount(40).assertComplete();
            assertThat(cpu.tasks.get()).as("tasks for 40 numbers of 1 ms each").isEqualTo(40);
        }
    }

    @Test
    void fixedBatchSizeIsUsed() {
        CountingScheduler cpu = new CountingScheduler(new TestScheduler());
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(
                options().batchSize(10).primalityTest(PrimalityTest.millerRabin()).build(), cpu)) {
            TestSubscriber<PrimeResult> ts = checker.rx().checkRange(0, 1_000).test();
            ((TestScheduler) cpuDelegate(cpu)).triggerActions();
            ts.assertValueCount(1_000).assertComplete();
            assertThat(cpu.tasks.get()).isEqualTo(100);
        }
    }

    private static Scheduler cpuDelegate(CountingScheduler cpu) {
        return cpu.delegate;
    }

    @Test
    void kernelFailureNamesTheNumber() {
        KernelProbe probe = KernelProbe.failing(PrimalityTest.millerRabin(), n -> n == 42);
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(options().primalityTest(probe).build())) {
            TestSubscriber<PrimeResult> ts = checker.rx().checkRange(30, 10_000).test();
            ts.awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS).assertError(PrimeCheckException.class)
                    .assertError(e -> e.getMessage().startsWith("rxjava: the primality test failed for 42: ")
                            && e.getCause() instanceof ArithmeticException);
            assertThat(ts.values()).extracting(PrimeResult::number).doesNotContain(42L);
        }
    }

    @Test
    void upstreamErrorIsTheCause() {
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(
                options().primalityTest(PrimalityTest.millerRabin()).build())) {
            IllegalStateException boom = new IllegalStateException("upstream boom");
            checker.rx().check(Flowable.rangeLong(2, 5).concatWith(Flowable.error(boom))).test()
                    .awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .assertError(e -> e instanceof PrimeCheckException && e.getCause() == boom
                            && e.getMessage().contains("upstream boom"));
        }
    }

    @Test
    void nullElementIsAnErrorAndCancelsTheUpstream() {
        List<String> upstreamEvents = new CopyOnWriteArrayList<>();
        Publisher<Long> withNull = s -> s.onSubscribe(new Subscription() {
            private boolean sent;

            @Override
            public void request(long n) {
                if (!sent) {
                    sent = true;
                    s.onNext(7L);
                    s.onNext(null);
                    s.onComplete(); // a careless synchronous source ends anyway; it must still be cancelled
                }
            }

            @Override
            public void cancel() {
                upstreamEvents.add("cancel");
            }
        });
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(
                options().primalityTest(PrimalityTest.millerRabin()).build())) {
            checker.rx().check(withNull).test().awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .assertError(e -> e instanceof PrimeCheckException && e.getMessage().contains("null as element #2"));
            assertThat(upstreamEvents).containsExactly("cancel");
        }
    }

    /** A raw RxJava subscriber (TestSubscriber validates requests itself) sees request(0) become onError. */
    @Test
    void nonPositiveRequestOnTheRxSurfaceIsAnError() throws Exception {
        try (RxJavaPrimeChecker checker = RxJavaPrimeChecker.create(
                options().primalityTest(PrimalityTest.millerRabin()).build())) {
            java.util.concurrent.CompletableFuture<Throwable> error = new java.util.concurrent.CompletableFuture<>();
            checker.rx().checkRange(2, 100).subscribe(new FlowableSubscriber<PrimeResult>() {
                @Override
                public void onSubscribe(Subscription s) {
                    s.request(0);
                }

                @Override
                public void onNext(PrimeResult r) {
                    error.completeExceptionally(new AssertionError("onNext " + r));
                }

                @Override
                public void onError(Throwable t) {
                    error.complete(t);
                }

                @Override
                public void onComplete() {
                    error.completeExceptionally(new AssertionError("onComplete"));
                }
            });
            assertThat(error.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void serviceLoaderFindsRxJava() {
        // PrimeCheckers looks providers up with ServiceLoader (the api module declares the `uses`).
        assertThat(PrimeCheckers.available()).contains("rxjava");
        try (PrimeChecker checker = PrimeCheckers.create("rxjava", CheckerOptions.defaults())) {
            assertThat(checker).isInstanceOf(RxJavaPrimeChecker.class);
        }
        assertThat(RxJavaChecksTest.class.getResource(
                "/META-INF/services/io.github.primeflow.spi.PrimeCheckerProvider")).as("class-path registration")
                .isNotNull();
    }

    /** The recorder used by every test here does see an undeliverable error: it can fail. */
    @Test
    void undeliverableErrorRecorderWorks() {
        io.reactivex.rxjava3.plugins.RxJavaPlugins.onError(new IllegalStateException("canary"));
        assertThat(UndeliverableErrors.SEEN).hasSize(1);
        UndeliverableErrors.SEEN.clear();
    }
}
