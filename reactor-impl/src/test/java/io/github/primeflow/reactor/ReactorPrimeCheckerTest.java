package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The {@code Flow} surface: verdicts, ordering, errors with context, threads, discovery. */
class ReactorPrimeCheckerTest {

    private final List<PrimeChecker> checkers = new ArrayList<>();

    @AfterEach
    void closeCheckers() {
        checkers.forEach(PrimeChecker::close);
    }

    private ReactorPrimeChecker checker(CheckerOptions options) {
        ReactorPrimeChecker checker = ReactorPrimeChecker.create(options);
        checkers.add(checker);
        return checker;
    }

    private static CheckerOptions.Builder options(PrimalityTest test) {
        return CheckerOptions.builder().parallelism(2).primalityTest(test);
    }

    private static boolean isPrime(long n) {
        return BigInteger.valueOf(n).isProbablePrime(64);
    }

    @Test
    void p1_seedNumbersUnderTrialDivisionMatchBigIntegerInInputOrder() throws InterruptedException {
        ReactorPrimeChecker checker = checker(options(PrimalityTest.trialDivision()).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(Long.MAX_VALUE);
        checker.check(SeedNumbers.toArray()).subscribe(s);
        s.awaitTermination();

        assertThat(s.errors).isEmpty();
        assertThat(s.completions.get()).isEqualTo(1);
        assertThat(s.items).extracting(PrimeResult::number).containsExactlyElementsOf(SeedNumbers.list());
        for (PrimeResult r : s.items) {
            assertThat(r.prime()).as("verdict for %d", r.number()).isEqualTo(isPrime(r.number()));
        }
    }

    @Test
    void p3_completionOrderGivesTheSameResultsAsInputOrder() throws InterruptedException {
        long[] numbers = LongStream.range(1_000_000_000L, 1_000_002_000L).toArray();
        ReactorPrimeChecker checker = checker(
                options(PrimalityTest.trialDivision()).ordering(Ordering.COMPLETION_ORDER).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(Long.MAX_VALUE);
        checker.check(numbers).subscribe(s);
        s.awaitTermination();

        assertThat(s.errors).isEmpty();
        assertThat(s.items).extracting(PrimeResult::number)
                .containsExactlyInAnyOrderElementsOf(LongStream.of(numbers).boxed().toList());
        assertThat(s.items).allSatisfy(r -> assertThat(r.prime()).isEqualTo(isPrime(r.number())));
    }

    @Test
    void p3_inputOrderHoldsResultsBehindASlowHead() throws InterruptedException {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        CountDownLatch release = new CountDownLatch(1);
        probe.beforeCall = n -> awaitOrCancel(n == 7 ? release : null);
        ReactorPrimeChecker checker = checker(options(probe).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(Long.MAX_VALUE);
        checker.check(7, 8, 9, 10, 11, 12, 13).subscribe(s);

        await().atMost(Duration.ofSeconds(10)).until(() -> probe.exits.get() == 6); // all but the head
        assertThat(s.items).as("nothing overtakes the slow head").isEmpty();
        release.countDown();
        s.awaitTermination();
        assertThat(s.items).extracting(PrimeResult::number).containsExactly(7L, 8L, 9L, 10L, 11L, 12L, 13L);
    }

    @Test
    void p3_completionOrderEmitsFastResultsBeforeASlowHead() throws InterruptedException {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        CountDownLatch release = new CountDownLatch(1);
        probe.beforeCall = n -> awaitOrCancel(n == 7 ? release : null);
        ReactorPrimeChecker checker = checker(options(probe).ordering(Ordering.COMPLETION_ORDER).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(Long.MAX_VALUE);
        checker.check(7, 8, 9, 10, 11, 12, 13).subscribe(s);

        await().atMost(Duration.ofSeconds(10)).until(() -> s.items.size() == 6);
        assertThat(s.items).extracting(PrimeResult::number).doesNotContain(7L);
        release.countDown();
        s.awaitTermination();
        assertThat(s.items).extracting(PrimeResult::number).containsExactlyInAnyOrder(7L, 8L, 9L, 10L, 11L, 12L, 13L)
                .endsWith(7L);
    }

    @Test
    void p8_aKernelFailureNamesTheNumberAndTheBackend() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        ReactorPrimeChecker checker = checker(options(n -> {
            if (n == 42) {
                throw boom;
            }
            return false;
        }).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(Long.MAX_VALUE);
        checker.check(40, 41, 42, 43).subscribe(s);
        s.awaitTermination();

        assertThat(s.completions.get()).isZero();
        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class)
                .hasMessageStartingWith("reactor: the primality test failed for 42: ")
                .hasCause(boom);
    }

    @Test
    void p8_anUpstreamErrorBecomesAPrimeCheckExceptionWithItAsCause() throws InterruptedException {
        IOException io = new IOException("disk gone");
        ReactorPrimeChecker checker = checker(options(PrimalityTest.millerRabin()).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(Long.MAX_VALUE);
        checker.check(JdkFlowAdapter.publisherToFlowPublisher(Flux.just(5L, 6L).concatWith(Flux.error(io))))
                .subscribe(s);
        s.awaitTermination();

        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class)
                .hasMessageStartingWith("reactor: the numbers publisher failed after 2 numbers")
                .hasMessageContaining("disk gone")
                .hasCause(io);
    }

    @Test
    void p8_aNullElementEndsTheStreamWithAPrimeCheckException() throws InterruptedException {
        ReactorPrimeChecker checker = checker(options(PrimalityTest.millerRabin()).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(Long.MAX_VALUE);
        CountDownLatch upstreamCancelled = new CountDownLatch(1);
        Flow.Publisher<Long> withNull = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            boolean sent;

            @Override
            public void request(long n) {
                if (!sent) { // a synchronous upstream that goes on after the null and completes
                    sent = true;
                    subscriber.onNext(3L);
                    subscriber.onNext(null);
                    if (upstreamCancelled.getCount() > 0) {
                        subscriber.onNext(5L);
                        subscriber.onComplete();
                    }
                }
            }

            @Override
            public void cancel() {
                upstreamCancelled.countDown();
            }
        });
        checker.check(withNull).subscribe(s);
        s.awaitTermination();

        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class)
                .hasMessage("reactor: the numbers publisher emitted null as element #2");
        assertThat(upstreamCancelled.await(10, TimeUnit.SECONDS)).as("upstream cancelled").isTrue();
    }

    @Test
    void p4_requestOfZeroEndsTheStreamWithIllegalArgumentException() throws InterruptedException {
        ReactorPrimeChecker checker = checker(options(PrimalityTest.millerRabin()).build());
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(0);
        checker.checkRange(0, 1_000).subscribe(s);
        s.subscription.request(0);
        s.awaitTermination();

        assertThat(s.items).isEmpty();
        assertThat(s.errors).singleElement(THROWABLE).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3.9");
    }

    @Test
    void ruleSpec109_subscribeWithNullThrowsNullPointerException() {
        ReactorPrimeChecker checker = checker(options(PrimalityTest.millerRabin()).build());
        assertThatThrownBy(() -> checker.check(1, 2).subscribe(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p11_kernelCallsRunOnlyOnTheCpuSchedulerEvenWhenSubscribingFromSingle(Ordering ordering) {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        ReactorPrimeChecker checker = checker(options(probe).ordering(ordering).build());
        Flux<PrimeResult> results = checker.reactive().checkRange(0, 5_000)
                .subscribeOn(Schedulers.single()) // subscribe and every request happen on single()
                .limitRate(7);

        StepVerifier.create(results).expectNextCount(5_000).expectComplete().verify(Duration.ofSeconds(30));
        assertThat(probe.calls.get()).isEqualTo(5_000);
        assertThat(probe.threads).isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith(ReactorPrimeChecker.CPU_THREAD_PREFIX + "-"));
    }

    @Test
    void p11_kernelCallsNeverRunOnTheFlowSubscribersThread() throws InterruptedException {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
        ReactorPrimeChecker checker = checker(options(probe).build());
        String me = Thread.currentThread().getName();
        FlowRecorder<PrimeResult> s = new FlowRecorder<PrimeResult>(0) {
            @Override
            public void onNext(PrimeResult item) {
                super.onNext(item);
                subscription.request(1); // a request from inside onNext, possibly on a CPU thread
            }
        };
        checker.checkRange(0, 2_000).subscribe(s);
        s.subscription.request(1);
        s.awaitTermination();

        assertThat(s.items).hasSize(2_000);
        assertThat(probe.threads).doesNotContain(me)
                .allSatisfy(name -> assertThat(name).startsWith(ReactorPrimeChecker.CPU_THREAD_PREFIX + "-"));
    }

    @Test
    void p7_cancellingTheFutureOfCheckAsyncInterruptsTheTrialDivision() {
        ProbeKernel probe = new ProbeKernel(PrimalityTest.trialDivision());
        ReactorPrimeChecker checker = checker(options(probe).build());
        var future = checker.checkAsync(9_223_372_036_854_775_783L); // ~5 s of trial division
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.calls.get() == 1);

        future.cancel(true);
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.exits.get() == 1);
        assertThat(probe.thrown).singleElement().isInstanceOf(CancellationException.class);
    }

    @Test
    void checkAsyncCompletesWithTheVerdict() {
        ReactorPrimeChecker checker = checker(options(PrimalityTest.trialDivision()).build());
        assertThat(checker.checkAsync(9_999_999_999_999_917L))
                .succeedsWithin(Duration.ofSeconds(30))
                .satisfies(r -> assertThat(r.prime()).isTrue());
    }

    @Test
    void p13_aUserSuppliedSchedulerRunsTheKernelAndIsNotDisposedByClose() {
        Scheduler user = Schedulers.newParallel("user-cpu", 2, true);
        try {
            ProbeKernel probe = new ProbeKernel(PrimalityTest.millerRabin());
            ReactorPrimeChecker checker = ReactorPrimeChecker.create(options(probe).build(), user);
            StepVerifier.create(checker.reactive().checkRange(0, 1_000))
                    .expectNextCount(1_000).expectComplete().verify(Duration.ofSeconds(30));
            checker.close();

            assertThat(probe.threads).allSatisfy(name -> assertThat(name).startsWith("user-cpu-"));
            assertThat(user.isDisposed()).isFalse();
            StepVerifier.create(reactor.core.publisher.Mono.fromCallable(() -> Thread.currentThread().getName())
                            .subscribeOn(user))
                    .assertNext(name -> assertThat(name).startsWith("user-cpu-"))
                    .expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            user.dispose();
        }
    }

    @Test
    void theImmediateSchedulerIsRejected() {
        assertThatThrownBy(() -> ReactorPrimeChecker.create(CheckerOptions.defaults(), Schedulers.immediate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("immediate");
    }

    @Test
    void p10_concurrentSubscriptionsFromManyThreadsAllGetTheirResults() {
        ReactorPrimeChecker checker = checker(options(PrimalityTest.millerRabin()).build());
        Flux<Long> primeCounts = Flux.range(0, 8)
                .flatMap(i -> checker.reactive().checkRange(i * 10_000L, (i + 1) * 10_000L)
                        .filter(PrimeResult::prime).count()
                        .subscribeOn(Schedulers.boundedElastic()));
        long expected = LongStream.range(0, 80_000).filter(ReactorPrimeCheckerTest::isPrime).count();
        StepVerifier.create(primeCounts.reduce(0L, Long::sum))
                .expectNext(expected).expectComplete().verify(Duration.ofSeconds(30));
    }

    @Test
    void serviceLoaderFindsTheReactorBackend() throws IOException {
        assertThat(PrimeCheckers.available()).contains("reactor");
        try (PrimeChecker checker = PrimeCheckers.create("reactor", CheckerOptions.builder().parallelism(2).build())) {
            assertThat(checker).isInstanceOf(ReactorPrimeChecker.class);
        }
        PrimeCheckerProvider provider = new ReactorPrimeCheckerProvider();
        assertThat(provider.name()).isEqualTo("reactor");
        String service = PrimeCheckerProvider.class.getName();
        // Registered twice: for the class path ...
        List<String> registered = new ArrayList<>();
        for (URL url : Collections.list(ReactorPrimeCheckerProvider.class.getClassLoader()
                .getResources("META-INF/services/" + service))) {
            try (InputStream in = url.openStream()) {
                registered.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            }
        }
        assertThat(registered).contains(ReactorPrimeCheckerProvider.class.getName());
        // ... and for the module path.
        ModuleDescriptor descriptor = ReactorPrimeChecker.class.getModule().getDescriptor();
        if (descriptor != null) {
            assertThat(descriptor.provides()).anySatisfy(p -> {
                assertThat(p.service()).isEqualTo(service);
                assertThat(p.providers()).containsExactly(ReactorPrimeCheckerProvider.class.getName());
            });
            assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                    .containsExactly("io.github.primeflow.reactor");
        }
        assertThat(provider.capabilities()).containsExactlyInAnyOrder(PrimeCheckerProvider.Capability.values());
        assertThat(provider.eventLoopThreads().test(Thread.currentThread())).isFalse();
    }

    /** Blocks a kernel call until the latch opens; an interrupt becomes the kernel's cancellation. */
    static void awaitOrCancel(CountDownLatch latch) {
        if (latch == null) {
            return;
        }
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within the hang guard");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }
}
