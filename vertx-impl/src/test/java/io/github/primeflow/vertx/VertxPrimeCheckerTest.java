package io.github.primeflow.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import io.github.primeflow.blocking.EventLoopLagMonitor;
import io.github.primeflow.tck.RecordingSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystemOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only the Vert.x backend has: its event loops and worker pool, a user's {@link Vertx}, the
 * {@code checkFuture}/{@code checkStream} surface, the liveness of its own loop. The pipeline rules of the
 * {@code Flow} surface are the kit's ({@link VertxTckTest}); what the kit does not reach is marked "kit gap".
 */
class VertxPrimeCheckerTest {

    /** Trial division of this 19-digit prime runs for 0.5–2 s uninterrupted. */
    private static final long HUGE_PRIME = 9_223_372_036_854_775_783L;
    private static final long SLOW_PRIME = 9_999_999_999_999_917L;
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private BlockedThreadWatch watch;

    /**
     * Loads the classes of a check once per JVM: on a loaded machine, first-time class loading on an event loop
     * can itself exceed the blocked-thread checker's 100 ms, which is not what these tests look for.
     */
    @BeforeAll
    static void warmUp() throws Exception {
        try (VertxPrimeChecker checker = VertxPrimeChecker.create(options().build())) {
            checker.checkAsync(97).get(60, TimeUnit.SECONDS);
            checker.checkFuture(91).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void watchTheEventLoops() {
        watch = new BlockedThreadWatch();
    }

    @AfterEach
    void closeAndCheckTheEventLoops() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        watch.close();
        assertThat(watch.warningsOutsideShutdown()).as("Vert.x blocked-thread checker warnings").isEmpty();
    }

    private VertxPrimeChecker checker(CheckerOptions options) {
        VertxPrimeChecker checker = VertxPrimeChecker.create(options, BlockedThreadWatch.tightOptions());
        toClose.add(checker);
        return checker;
    }

    private static CheckerOptions.Builder options() {
        return CheckerOptions.builder().parallelism(2);
    }

    /** Kit gap: P3 only asks COMPLETION_ORDER for the same results, not for fast ones to overtake a slow one. */
    @Test
    void completionOrderEmitsTheSlowNumberLast() throws Exception {
        PrimalityTest kernel = n -> n == SLOW_PRIME ? PrimalityTest.trialDivision().isPrime(n)
                : PrimalityTest.millerRabin().isPrime(n);
        long[] numbers = LongStream.concat(LongStream.of(SLOW_PRIME), LongStream.rangeClosed(2, 60)).toArray();
        VertxPrimeChecker completion = checker(options().ordering(Ordering.COMPLETION_ORDER).primalityTest(kernel).build());
        RecordingSubscriber<PrimeResult> c = RecordingSubscriber.unbounded();
        completion.check(numbers).subscribe(c);
        List<PrimeResult> byCompletion = c.awaitTermination(HANG_GUARD).items();
        assertThat(c.errors()).isEmpty();
        assertThat(byCompletion.get(byCompletion.size() - 1).number()).isEqualTo(SLOW_PRIME);
        assertThat(byCompletion).extracting(PrimeResult::number)
                .containsExactlyInAnyOrderElementsOf(LongStream.of(numbers).boxed().toList());
    }

    @Test
    void signalsArriveOnOneEventLoopAndKernelCallsOnTheWorkerPool() throws Exception {
        Set<Thread> kernelThreads = ConcurrentHashMap.newKeySet();
        PrimalityTest kernel = n -> {
            kernelThreads.add(Thread.currentThread());
            return PrimalityTest.millerRabin().isPrime(n);
        };
        VertxPrimeChecker checker = checker(options().primalityTest(kernel).build());
        Set<Thread> onSubscribeThreads = ConcurrentHashMap.newKeySet();
        RecordingSubscriber<PrimeResult> s = new RecordingSubscriber<>(1, 1) {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                onSubscribeThreads.add(Thread.currentThread());
                super.onSubscribe(subscription);
            }
        };
        checker.checkRange(1, 2_000).subscribe(s);
        s.awaitTermination(HANG_GUARD);
        assertThat(s.received()).isEqualTo(1_999);
        Set<Thread> signalThreads = new HashSet<>(s.signalThreads());
        signalThreads.addAll(onSubscribeThreads);
        assertThat(signalThreads).singleElement()
                .satisfies(t -> assertThat(t.getName()).startsWith("vert.x-eventloop-thread-"));
        assertThat(kernelThreads).isNotEmpty().hasSizeLessThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t.getName()).startsWith("primeflow-cpu-"));
        assertThat(kernelThreads).noneMatch(new VertxPrimeCheckerProvider().eventLoopThreads());
        assertThat(signalThreads).allMatch(new VertxPrimeCheckerProvider().eventLoopThreads());
    }

    /** Kit gap: the kit's rules run with the adaptive batch size and never check a fixed one. */
    @Test
    void fixedBatchesRunConsecutiveNumbersOnOneWorker() throws Exception {
        Map<Long, Thread> threadOf = new ConcurrentHashMap<>();
        PrimalityTest kernel = n -> {
            threadOf.put(n, Thread.currentThread());
            return PrimalityTest.millerRabin().isPrime(n);
        };
        // maxInFlight a multiple of the batch size, so that no batch has to go out partly filled
        VertxPrimeChecker checker = checker(options().batchSize(50).maxInFlight(200).primalityTest(kernel).build());
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.checkRange(0, 1_000).subscribe(s);
        assertThat(s.awaitTermination(HANG_GUARD).received()).isEqualTo(1_000);
        for (long block = 0; block < 1_000; block += 50) {
            long first = block;
            assertThat(LongStream.range(first, first + 50).mapToObj(threadOf::get).distinct().count())
                    .as("threads that checked the batch starting at %d", first).isEqualTo(1);
        }
    }

    /** The kit checks that cancel() interrupts (P7), not how soon. */
    @Test
    void cancelInterruptsABigTrialDivisionAtOnce() throws Exception {
        CompletableFuture<Long> started = new CompletableFuture<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        AtomicLong endedAt = new AtomicLong();
        PrimalityTest kernel = n -> {
            started.complete(System.nanoTime());
            try {
                boolean prime = PrimalityTest.trialDivision().isPrime(n);
                endedAt.set(System.nanoTime());
                ended.complete(null);
                return prime;
            } catch (RuntimeException e) {
                endedAt.set(System.nanoTime());
                ended.complete(e);
                throw e;
            }
        };
        VertxPrimeChecker checker = checker(options().primalityTest(kernel).build());
        RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
        checker.check(HUGE_PRIME).subscribe(s);
        started.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        long cancelAt = System.nanoTime();
        s.cancel();
        Throwable outcome = ended.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        long stopMillis = (endedAt.get() - cancelAt) / 1_000_000;
        System.out.println("vertx: trial division of " + HUGE_PRIME + " stopped " + stopMillis + " ms after cancel()");
        assertThat(outcome).as("the kernel call ended by an interrupt").isInstanceOf(CancellationException.class);
        // 50 ms is the promise; the bound leaves room for a loaded 2-core machine, and stays far below the
        // seconds an uninterrupted call takes.
        assertThat(stopMillis).as("ms from cancel() to the end of the kernel call").isLessThan(500);
        assertThat(s.isTerminated()).isFalse();
        assertThat(s.received()).isZero();
    }

    /** The kit checks close() on the {@code Flow} surface (P13); this is the Vert.x surface. */
    @Test
    void afterCloseTheVertxSurfaceFails() {
        VertxPrimeChecker checker = VertxPrimeChecker.create(options().build(), BlockedThreadWatch.tightOptions());
        checker.close();
        assertThatThrownBy(() -> checker.checkFuture(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.checkStream(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOwnedVertxCreatesNoFileCacheDirectory() throws Exception {
        Path base = Path.of(FileSystemOptions.DEFAULT_FILE_CACHING_DIR);
        Set<Path> before = fileCaches(base);
        try (VertxPrimeChecker checker = VertxPrimeChecker.create(options().build())) {
            assertThat(checker.checkAsync(97).get(60, TimeUnit.SECONDS).prime()).isTrue();
            Set<Path> created = fileCaches(base);
            created.removeAll(before);
            assertThat(created).as("file-cache directories created while the checker is open").isEmpty();
        }
    }

    /** The directories a Vert.x file cache creates beside {@code base}, named {@code base-<uuid>}. */
    private static Set<Path> fileCaches(Path base) throws IOException {
        String prefix = base.getFileName() + "-";
        try (Stream<Path> siblings = Files.list(base.toAbsolutePath().getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    @Test
    void aVertxPassedInIsUsedButNeverClosed() throws Exception {
        Vertx vertx = Vertx.vertx(BlockedThreadWatch.tightOptions());
        toClose.add(() -> vertx.close().await(30, TimeUnit.SECONDS));
        VertxPrimeChecker checker = VertxPrimeChecker.create(options().build(), vertx);
        assertThat(checker.vertx()).isSameAs(vertx);
        assertThat(checker.checkAsync(97).get(60, TimeUnit.SECONDS).prime()).isTrue();
        checker.close();
        // Still usable: a timer fires and a new checker works on it.
        CompletableFuture<Boolean> fired = new CompletableFuture<>();
        vertx.setTimer(1, id -> fired.complete(true));
        assertThat(fired.get(30, TimeUnit.SECONDS)).isTrue();
        try (VertxPrimeChecker again = VertxPrimeChecker.create(options().build(), vertx)) {
            assertThat(again.checkAsync(91).get(60, TimeUnit.SECONDS).prime()).isFalse();
        }
        assertThat(vertx.deploymentIDs()).isEmpty();
    }

    @Test
    void futureAndSignalsComeBackOnTheCallersContext() throws Exception {
        Vertx vertx = Vertx.vertx(BlockedThreadWatch.tightOptions());
        toClose.add(() -> vertx.close().await(30, TimeUnit.SECONDS));
        VertxPrimeChecker checker = VertxPrimeChecker.create(options().build(), vertx);
        toClose.add(checker);
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Boolean> sameContext = new CompletableFuture<>();
        CompletableFuture<PrimeResult> result = new CompletableFuture<>();
        context.runOnContext(v -> checker.checkFuture(SLOW_PRIME).onComplete(ar -> {
            sameContext.complete(Vertx.currentContext() == context);
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        PrimeResult r = result.get(60, TimeUnit.SECONDS);
        assertThat(r.number()).isEqualTo(SLOW_PRIME);
        assertThat(r.prime()).isTrue();
        assertThat(r.elapsedNanos()).isPositive();
        assertThat(sameContext.get()).as("the future completed on the caller's context").isTrue();
    }

    @Test
    void readStreamFollowsPauseAndFetch() throws Exception {
        VertxPrimeChecker checker = checker(options().primalityTest(PrimalityTest.millerRabin()).build());
        Vertx vertx = checker.vertx();
        List<PrimeResult> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Promise<Void> paused = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            var stream = checker.checkStream(LongStream.range(2, 102).toArray());
            stream.exceptionHandler(ended::completeExceptionally);
            stream.endHandler(end -> ended.complete(null));
            stream.pause();
            stream.handler(r -> {
                got.add(r);
                if (got.size() == 5) {
                    paused.complete();
                }
            });
            stream.fetch(5);
            paused.future().onComplete(x -> vertx.setTimer(200, id -> {
                // nothing more came while paused; then let it flow
                if (got.size() == 5) {
                    stream.resume();
                } else {
                    ended.completeExceptionally(new AssertionError("got " + got.size() + " results after fetch(5)"));
                }
            }));
        });
        ended.get(60, TimeUnit.SECONDS);
        assertThat(got).extracting(PrimeResult::number).containsExactlyElementsOf(LongStream.range(2, 102).boxed().toList());
        assertThat(got).filteredOn(PrimeResult::prime).hasSize(26); // the primes up to 101
    }

    @Test
    void serviceLoaderFindsTheVertxBackend() {
        assertThat(PrimeCheckers.available()).contains("vertx", "sequential");
        try (var checker = PrimeCheckers.create("vertx", options().build())) {
            assertThat(checker).isInstanceOf(VertxPrimeChecker.class);
        }
        try (var checker = PrimeCheckers.create(options().build())) {
            assertThat(checker).as("the one backend on the class path").isInstanceOf(VertxPrimeChecker.class);
        }
    }

    @Test
    void theCoordinatingLoopKeepsTickingWhileEveryWorkerIsSaturated() throws Exception {
        VertxPrimeChecker checker = checker(options().build());
        Context context = checker.vertx().getOrCreateContext();
        // Subscribing from a loop of the checker's Vertx makes that loop the subscription's coordinator.
        try (EventLoopLagMonitor spinner = EventLoopLagMonitor.start("vertx-coordinator",
                task -> context.runOnContext(v -> task.run()), Duration.ofMillis(10), Duration.ofMillis(500))) {
            await().atMost(HANG_GUARD).until(() -> spinner.ticks() > 3);
            RecordingSubscriber<PrimeResult> s = RecordingSubscriber.unbounded();
            context.runOnContext(v -> checker.check(SeedNumbers.toArray()).subscribe(s));
            assertThat(s.awaitTermination(HANG_GUARD).received()).isEqualTo(20);
            assertThat(s.completions()).isEqualTo(1);
            System.out.printf("vertx: seed run with parallelism 2; coordinating loop %d ticks, lateness max %d ms,"
                    + " p99 %d ms%n", spinner.ticks(), spinner.maxLateness().toMillis(),
                    spinner.p99Lateness().toMillis());
            // A loop running the kernel would stall ~0.2 s per 16-digit seed prime.
            spinner.assertNoStallLongerThan(Duration.ofMillis(500));
        }
        // the @AfterEach asserts that the blocked-thread checker (100 ms limit) logged nothing
    }
}
