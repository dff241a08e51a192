package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.KernelProbe;
import io.github.primeflow.tck.RecordingSubscriber;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * What only the Reactor backend has: its CPU scheduler and a user's, Reactor's own event loops, its registration.
 * The pipeline rules of the {@code Flow} surface are the kit's ({@link ReactorTckTest}); one that the kit does not
 * reach is here: {@code COMPLETION_ORDER} delivers fast results before a slow head.
 */
class ReactorPrimeCheckerTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

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

    /** Kit gap: P3 only asks COMPLETION_ORDER for the same results, not for fast ones to overtake a slow head. */
    @Test
    void completionOrderEmitsFastResultsBeforeASlowHead() throws InterruptedException {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold(n -> n == 7);
        ReactorPrimeChecker checker = checker(options(probe).ordering(Ordering.COMPLETION_ORDER).build());
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(7, 8, 9, 10, 11, 12, 13).subscribe(s);

        await().atMost(HANG_GUARD).until(() -> s.received() == 6);
        assertThat(s.items()).extracting(PrimeResult::number).doesNotContain(7L);
        probe.release();
        s.awaitTermination(HANG_GUARD);
        assertThat(s.items()).extracting(PrimeResult::number)
                .containsExactlyInAnyOrder(7L, 8L, 9L, 10L, 11L, 12L, 13L).endsWith(7L);
        assertThat(s.violations()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void p11_kernelCallsRunOnlyOnTheCpuSchedulerEvenWhenSubscribingFromSingle(Ordering ordering) {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        ReactorPrimeChecker checker = checker(options(probe).ordering(ordering).build());
        Flux<PrimeResult> results = checker.reactive().checkRange(0, 5_000)
                .subscribeOn(Schedulers.single()) // subscribe and every request happen on single()
                .limitRate(7);

        StepVerifier.create(results).expectNextCount(5_000).expectComplete().verify(HANG_GUARD);
        assertThat(probe.started()).isEqualTo(5_000);
        assertThat(probe.threads()).isNotEmpty().extracting(Thread::getName)
                .allSatisfy(name -> assertThat(name).startsWith(ReactorPrimeChecker.CPU_THREAD_PREFIX + "-"));
    }

    @Test
    void p13_aUserSuppliedSchedulerRunsTheKernelAndIsNotDisposedByClose() {
        Scheduler user = Schedulers.newParallel("user-cpu", 2, true);
        try {
            KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
            ReactorPrimeChecker checker = ReactorPrimeChecker.create(options(probe).build(), user);
            StepVerifier.create(checker.reactive().checkRange(0, 1_000))
                    .expectNextCount(1_000).expectComplete().verify(HANG_GUARD);
            checker.close();

            assertThat(probe.threads()).isNotEmpty().extracting(Thread::getName)
                    .allSatisfy(name -> assertThat(name).startsWith("user-cpu-"));
            assertThat(user.isDisposed()).isFalse();
            StepVerifier.create(reactor.core.publisher.Mono.fromCallable(() -> Thread.currentThread().getName())
                            .subscribeOn(user))
                    .assertNext(name -> assertThat(name).startsWith("user-cpu-"))
                    .expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            user.dispose();
        }
    }

    /**
     * The owned scheduler's threads share one queue: with one thread held, every task submitted later runs on the
     * other. A parallel scheduler binds each task to a thread when it is submitted, so half of them would wait for
     * the held one, and with {@code checkAsync} calls in flight a new drain task would wake a parked thread while
     * an idle one parks.
     */
    @Test
    void theOwnedSchedulerRunsEachTaskOnAnyIdleThread() throws InterruptedException {
        Scheduler cpu = checker(options(PrimalityTest.millerRabin()).build()).cpuScheduler();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        cpu.schedule(() -> {
            holding.countDown();
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(holding.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CountDownLatch ran = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            cpu.schedule(ran::countDown);
        }
        try {
            assertThat(ran.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
                    .as("tasks submitted while one thread is held, left waiting: %d of 8", ran.getCount()).isTrue();
        } finally {
            held.countDown();
        }
    }

    @Test
    void theImmediateSchedulerIsRejected() {
        assertThatThrownBy(() -> ReactorPrimeChecker.create(CheckerOptions.defaults(), Schedulers.immediate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("immediate");
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
}
