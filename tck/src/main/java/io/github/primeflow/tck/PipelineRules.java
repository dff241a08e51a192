package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.assertj.core.api.Assertions;

/** The bodies of the pipeline rules; {@link TckRule} names them. Each fails with an AssertionError. */
final class PipelineRules {

    private PipelineRules() {
    }

    // ---- P1 verdicts ----

    static void verdictsOnEdgeCases(RuleContext ctx) {
        long[] edges = {Long.MIN_VALUE, -97, -2, -1, 0, 1, 2, 3, 4, 5, 9, 25, 561, 1105, 1729, 2047, 41041, 825265,
            3215031751L, 2147483647L, 4294967291L * 2147483647L, 3825123056546413051L, Long.MAX_VALUE,
            Reference.LARGEST_LONG_PRIME};
        assertMatchesReference(ctx, PrimalityTest.millerRabin(), edges);
    }

    static void verdictsOnTheSeedNumbers(RuleContext ctx) {
        assertMatchesReference(ctx, PrimalityTest.trialDivision(), SeedNumbers.toArray());
    }

    static void verdictsOnRandomSamples(RuleContext ctx) {
        long seed = System.nanoTime();
        long[] samples = new SplittableRandom(seed).longs(2_000).toArray();
        Assertions.assertThatCode(() -> assertMatchesReference(ctx, PrimalityTest.millerRabin(), samples))
                .as("random samples, seed %d", seed).doesNotThrowAnyException();
    }

    private static void assertMatchesReference(RuleContext ctx, PrimalityTest kernel, long... numbers) {
        List<PrimeResult> expected = Reference.sequential(kernel, numbers);
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(kernel).build());
        TckSubscriber s = ctx.subscribe(checker.check(numbers), Long.MAX_VALUE, 0);
        ctx.awaitTermination(s);
        RuleContext.assertCleanSignals(s);
        assertThat(s.errors).as("errors").isEmpty();
        assertThat(s.results).extracting(PrimeResult::number).as("numbers, in input order")
                .containsExactlyElementsOf(expected.stream().map(PrimeResult::number).toList());
        for (int i = 0; i < numbers.length; i++) {
            assertThat(s.results.get(i).prime()).as("verdict for %d", numbers[i]).isEqualTo(expected.get(i).prime());
        }
    }

    // ---- P2 one result per number ----

    static void oneResultPerNumberInInputOrder(RuleContext ctx) {
        oneResultPerNumber(ctx, Ordering.INPUT_ORDER);
    }

    static void oneResultPerNumberInCompletionOrder(RuleContext ctx) {
        oneResultPerNumber(ctx, Ordering.COMPLETION_ORDER);
    }

    private static void oneResultPerNumber(RuleContext ctx, Ordering ordering) {
        int count = 20_000;
        PrimeChecker checker = ctx.checker(ctx.options().ordering(ordering)
                .primalityTest(PrimalityTest.millerRabin()).build());
        UpstreamProbe upstream = UpstreamProbe.range(1_000_000_000_000L, count);
        // Uneven demand: a first burst, then 3 more after every result.
        TckSubscriber s = ctx.subscribe(checker.check(upstream), 7, 3);
        ctx.awaitTermination(s);
        RuleContext.assertCleanSignals(s);
        assertThat(s.errors).isEmpty();
        assertThat(s.completions()).isEqualTo(1);
        List<Long> numbers = s.results.stream().map(PrimeResult::number).toList();
        assertThat(new HashSet<>(numbers)).as("distinct numbers").hasSize(numbers.size());
        assertThat(numbers).as("one result per number").hasSize(count)
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, count).map(i -> 1_000_000_000_000L + i).boxed()
                        .toList());
        for (PrimeResult r : s.results) {
            if (r.prime() != Reference.isPrime(r.number())) {
                throw new AssertionError("wrong verdict for " + r.number());
            }
        }
    }

    // ---- P3 ordering ----

    /** The first number is slow (trial division of a 16-digit prime), the rest are instant. */
    private static List<PrimeResult> slowHead(RuleContext ctx, Ordering ordering) {
        long slow = 9_999_999_999_999_917L;
        PrimalityTest kernel = n -> n == slow ? PrimalityTest.trialDivision().isPrime(n)
                : PrimalityTest.millerRabin().isPrime(n);
        long[] numbers = LongStream.concat(LongStream.of(slow), LongStream.rangeClosed(2, 60)).toArray();
        PrimeChecker checker = ctx.checker(ctx.options().ordering(ordering).primalityTest(kernel).build());
        TckSubscriber s = ctx.subscribe(checker.check(numbers), Long.MAX_VALUE, 0);
        ctx.awaitTermination(s);
        RuleContext.assertCleanSignals(s);
        assertThat(s.errors).isEmpty();
        assertThat(s.results).hasSize(numbers.length);
        for (PrimeResult r : s.results) {
            assertThat(r.prime()).as("verdict for %d", r.number()).isEqualTo(Reference.isPrime(r.number()));
        }
        return s.results;
    }

    static void inputOrderIsKept(RuleContext ctx) {
        List<PrimeResult> results = slowHead(ctx, Ordering.INPUT_ORDER);
        assertThat(results.get(0).number()).as("the slow first number comes first").isEqualTo(9_999_999_999_999_917L);
        assertThat(results.stream().skip(1).map(PrimeResult::number).toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(2, 60).boxed().toList());
    }

    static void completionOrderEmitsTheSameResults(RuleContext ctx) {
        List<PrimeResult> results = slowHead(ctx, Ordering.COMPLETION_ORDER);
        assertThat(results).extracting(PrimeResult::number).containsExactlyInAnyOrderElementsOf(
                LongStream.concat(LongStream.of(9_999_999_999_999_917L), LongStream.rangeClosed(2, 60)).boxed()
                        .toList());
    }

    // ---- P4 demand ----

    static void neverMoreOnNextThanRequested(RuleContext ctx) {
        neverMoreOnNextThanRequested(ctx, checker -> checker.check(UpstreamProbe.range(2, 1_000)));
    }

    static void neverMoreOnNextThanRequestedOnARange(RuleContext ctx) {
        neverMoreOnNextThanRequested(ctx, checker -> checker.checkRange(2, 1_002));
    }

    private static void neverMoreOnNextThanRequested(RuleContext ctx,
            Function<PrimeChecker, Flow.Publisher<PrimeResult>> numbers) {
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        TckSubscriber s = ctx.subscribe(numbers.apply(checker), 1, 0);
        for (int batch = 1; batch <= 4; batch++) {
            long expected = s.requested();
            ctx.awaitUntil("the requested results arrived", () -> s.delivered() == expected);
            ctx.staysTrue("no onNext beyond demand", () -> s.delivered() == expected);
            s.request(batch * 3L);
        }
        RuleContext.assertCleanSignals(s);
        assertThat(s.errors).isEmpty();
    }

    static void nonPositiveRequestIsAnError(RuleContext ctx) {
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        for (long afterResults : new long[] {0, 3}) {
            for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
                String when = "request(" + bad + ") after " + afterResults + " results";
                UpstreamProbe upstream = UpstreamProbe.range(2, 100);
                TckSubscriber s = ctx.subscribe(checker.check(upstream), afterResults, 0);
                ctx.awaitUntil(when + ": the results asked for arrived", () -> s.delivered() == afterResults);
                s.requestInvalid(bad);
                ctx.awaitTermination(s);
                assertThat(s.errors).as(when).singleElement().isInstanceOf(IllegalArgumentException.class);
                assertThat(s.completions()).as(when + ": onComplete").isZero();
                assertThat(s.delivered()).as(when + ": results").isEqualTo(afterResults);
                RuleContext.assertCleanSignals(s);
            }
        }
    }

    // ---- P5, P6 bounds ----

    static void kernelRunsAtMostPrefetchAheadOfDemand(RuleContext ctx) {
        kernelRunsAtMostPrefetchAheadOfDemand(ctx, checker -> checker.check(UpstreamProbe.range(2, 10_000)));
    }

    static void kernelRunsAtMostPrefetchAheadOfDemandOnARange(RuleContext ctx) {
        kernelRunsAtMostPrefetchAheadOfDemand(ctx, checker -> checker.checkRange(2, 10_002));
    }

    private static void kernelRunsAtMostPrefetchAheadOfDemand(RuleContext ctx,
            Function<PrimeChecker, Flow.Publisher<PrimeResult>> numbers) {
        for (Ordering ordering : Ordering.values()) {
            KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
            CheckerOptions options = ctx.options().ordering(ordering).prefetch(RuleContext.PARALLELISM)
                    .maxInFlight(64).primalityTest(probe).build();
            PrimeChecker checker = ctx.checker(options);
            TckSubscriber s = ctx.subscribe(numbers.apply(checker), 3, 0);
            ctx.awaitUntil("3 results arrived", () -> s.delivered() == 3);
            ctx.staysTrue(ordering + ": kernel calls started - delivered <= outstanding demand + prefetch",
                    () -> probe.started() <= s.delivered() + (s.requested() - s.delivered()) + options.prefetch());
            s.cancel();
        }
    }

    static void upstreamDemandStaysBounded(RuleContext ctx) {
        for (Ordering ordering : Ordering.values()) {
            KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
            CheckerOptions options = ctx.options().ordering(ordering).maxInFlight(16).primalityTest(probe).build();
            PrimeChecker checker = ctx.checker(options);
            // Far more numbers than the window: a backend that ignores maxInFlight asks for all of them at once.
            UpstreamProbe upstream = UpstreamProbe.range(2, 10_000);
            TckSubscriber s = ctx.subscribe(checker.check(upstream), Long.MAX_VALUE, 0);
            try {
                ctx.awaitUntil("a kernel call started", () -> probe.inFlight() > 0);
                long bound = options.maxInFlight() + options.prefetch();
                ctx.staysTrue(ordering + ": upstream demand - delivered <= maxInFlight + prefetch = " + bound,
                        () -> upstream.requested() - s.delivered() <= bound);
            } finally {
                probe.release();
            }
            ctx.awaitTermination(s);
            assertThat(s.results).hasSize(10_000);
        }
    }

    // ---- P7 cancellation ----

    static void cancelStopsNewKernelCalls(RuleContext ctx) {
        cancelStopsNewKernelCalls(ctx, checker -> checker.check(UpstreamProbe.range(2, 1_000)));
    }

    static void cancelStopsNewKernelCallsOnARange(RuleContext ctx) {
        cancelStopsNewKernelCalls(ctx, checker -> checker.checkRange(2, 1_002));
    }

    private static void cancelStopsNewKernelCalls(RuleContext ctx,
            Function<PrimeChecker, Flow.Publisher<PrimeResult>> numbers) {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        TckSubscriber s = ctx.subscribe(numbers.apply(checker), Long.MAX_VALUE, 0);
        ctx.awaitUntil("a kernel call started", () -> probe.inFlight() > 0);
        // Held calls cannot finish, so no new call can legitimately start between cancel() and the count.
        AtomicLong startedAtCancel = new AtomicLong(-1);
        if (ctx.asynchronous) {
            s.cancel();
            ctx.loop.execute(() -> startedAtCancel.set(probe.started()));
        } else {
            // A synchronous backend computes on the loop that requested; cancel comes from elsewhere, as from a UI.
            s.cancelFromThisThread();
            startedAtCancel.set(probe.started());
        }
        ctx.awaitUntil("cancel() ran", () -> startedAtCancel.get() >= 0);
        probe.release();
        ctx.staysTrue("no kernel call starts after cancel()", () -> probe.started() == startedAtCancel.get());
    }

    static void cancelInterruptsInFlightKernelCalls(RuleContext ctx) {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision());
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        TckSubscriber s = ctx.subscribe(checker.check(Reference.LARGEST_LONG_PRIME), 1, 0);
        ctx.awaitUntil("the kernel call started", () -> probe.started() == 1);
        s.cancel();
        // Uninterrupted, this call runs for 0.5-2 s and then finishes normally.
        ctx.awaitUntil("the in-flight kernel call ended", () -> probe.finished() == 1);
        assertThat(probe.interrupted()).as("kernel calls ended by an interrupt after cancel()").isEqualTo(1);
        ctx.staysTrue("no signal after cancel()", () -> s.results.isEmpty() && !s.isTerminated());
    }

    static void cancelCancelsUpstreamAndEndsSignals(RuleContext ctx) {
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        UpstreamProbe upstream = UpstreamProbe.range(2, 100_000);
        TckSubscriber s = ctx.subscribe(checker.check(upstream), 10, 0);
        ctx.awaitUntil("10 results arrived", () -> s.delivered() == 10);
        s.cancel();
        ctx.awaitUntil("the upstream was cancelled", upstream::cancelled);
        long seen = s.delivered();
        s.request(100); // requests after cancel are no-ops (§3.6)
        ctx.staysTrue("no signal after cancel()", () -> s.delivered() == seen && !s.isTerminated());
        RuleContext.assertCleanSignals(s);
    }

    // ---- P8 errors ----

    static void upstreamErrorEndsTheStream(RuleContext ctx) {
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        UpstreamProbe upstream = UpstreamProbe.range(2, 5).thenFail(new IllegalStateException("upstream boom"));
        TckSubscriber s = ctx.subscribe(checker.check(upstream), Long.MAX_VALUE, 0);
        ctx.awaitTermination(s);
        ctx.staysTrue("exactly one terminal signal", () -> s.errors.size() == 1 && s.completions() == 0);
        assertThat(chain(s.errors.get(0))).as("the error names its cause").contains("upstream boom");
        assertThat(s.results).hasSizeLessThanOrEqualTo(5);
        RuleContext.assertCleanSignals(s);
    }

    static void nullElementEndsTheStream(RuleContext ctx) {
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        // More numbers than any bounded demand reaches, so the upstream is still live and must be cancelled.
        UpstreamProbe upstream = UpstreamProbe.range(2, 10_000_000).withNullAt(3);
        TckSubscriber s = ctx.subscribe(checker.check(upstream), Long.MAX_VALUE, 0);
        ctx.awaitTermination(s);
        ctx.staysTrue("exactly one terminal signal", () -> s.errors.size() == 1 && s.completions() == 0);
        assertThat(chain(s.errors.get(0)).toLowerCase(java.util.Locale.ROOT)).as("the error says null")
                .contains("null");
        ctx.awaitUntil("the upstream was cancelled", upstream::cancelled);
        assertThat(s.results).hasSizeLessThanOrEqualTo(3);
        RuleContext.assertCleanSignals(s);
    }

    static void kernelFailureEndsTheStream(RuleContext ctx) {
        for (KernelProbe probe : failingKernels(42)) {
            PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
            UpstreamProbe upstream = UpstreamProbe.range(30, 10_000_000);
            TckSubscriber s = ctx.subscribe(checker.check(upstream), Long.MAX_VALUE, 0);
            ctx.awaitTermination(s);
            ctx.staysTrue("exactly one terminal signal", () -> s.errors.size() == 1 && s.completions() == 0);
            assertThat(chain(s.errors.get(0))).as("the error names the number").contains("42");
            assertThat(s.errors.get(0)).isInstanceOf(PrimeCheckException.class);
            ctx.awaitUntil("the upstream was cancelled", upstream::cancelled);
            assertThat(s.results).extracting(PrimeResult::number).doesNotContain(42L);
            RuleContext.assertCleanSignals(s);
        }
    }

    /**
     * Kernels that fail for {@code number}: with an {@link ArithmeticException}, and with a
     * {@link CancellationException} while nothing interrupted them, which is the kernel's failure, not the
     * backend's own cancel (a backend that takes it for one loses the number).
     */
    static List<KernelProbe> failingKernels(long number) {
        return List.of(KernelProbe.failing(PrimalityTest.millerRabin(), n -> n == number),
                KernelProbe.failingWith(PrimalityTest.millerRabin(), n -> n == number,
                        n -> new CancellationException("kernel probe: gave up on " + n)));
    }

    private static String chain(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t).append(" | ");
        }
        return text.toString();
    }

    // ---- P9 parallelism ----

    static void atMostParallelismKernelCallsAtOnce(RuleContext ctx) {
        for (int parallelism : new int[] {1, 2, 3}) {
            KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
            PrimeChecker checker = ctx.checker(ctx.options().parallelism(parallelism).primalityTest(probe).build());
            TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 2_000)), Long.MAX_VALUE, 0);
            ctx.awaitUntil("a kernel call started", () -> probe.inFlight() > 0);
            ctx.staysTrue("at most " + parallelism + " kernel calls at once", () -> probe.peakInFlight() <= parallelism);
            probe.release();
            ctx.awaitTermination(s);
            assertThat(probe.peakInFlight()).as("peak kernel calls at once, parallelism %d", parallelism)
                    .isLessThanOrEqualTo(parallelism);
            assertThat(s.results).hasSize(2_000);
        }
    }

    /**
     * The parallelism bounds the checker, not each call: three streams and 16 {@code checkAsync} calls made at
     * once from the kit's loop share it.
     */
    static void atMostParallelismKernelCallsAtOnceAcrossCalls(RuleContext ctx) throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
        CheckerOptions options = ctx.options().primalityTest(probe).build();
        PrimeChecker checker = ctx.checker(options);
        List<TckSubscriber> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            streams.add(ctx.subscribe(checker.check(UpstreamProbe.range(2, 200)), Long.MAX_VALUE, 0));
        }
        List<CompletableFuture<PrimeResult>> singles = new ArrayList<>();
        for (long n = 1_000_000; n < 1_000_016; n++) {
            long number = n;
            singles.add(ctx.loop.submit(() -> checker.checkAsync(number))
                    .get(ctx.env.shouldHappenWithin().toMillis(), TimeUnit.MILLISECONDS));
        }
        int parallelism = options.parallelism();
        ctx.awaitUntil("a kernel call started", () -> probe.inFlight() > 0);
        ctx.staysTrue("at most " + parallelism + " kernel calls at once across 3 streams and 16 checkAsync calls",
                () -> probe.peakInFlight() <= parallelism);
        probe.release();
        for (TckSubscriber s : streams) {
            ctx.awaitTermination(s);
            assertThat(s.results).hasSize(200);
            RuleContext.assertCleanSignals(s);
        }
        for (CompletableFuture<PrimeResult> single : singles) {
            PrimeResult r = single.get(ctx.env.shouldHappenWithin().toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r.prime()).isEqualTo(Reference.isPrime(r.number()));
        }
        assertThat(probe.peakInFlight()).as("peak kernel calls at once over every call, parallelism %d", parallelism)
                .isLessThanOrEqualTo(parallelism);
    }

    static void kernelCallsRunInParallel(RuleContext ctx) {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 100)), Long.MAX_VALUE, 0);
        try {
            ctx.awaitUntil(RuleContext.PARALLELISM + " kernel calls run at once",
                    () -> probe.inFlight() == RuleContext.PARALLELISM);
        } finally {
            probe.release();
        }
        ctx.awaitTermination(s);
        assertThat(s.results).hasSize(100);
    }

    /**
     * The seed's shape: cheap numbers first, expensive ones behind them (here: held until released). A backend
     * that sizes batches from the cheap numbers and hands everything waiting to one worker runs the expensive
     * numbers one after another while the other worker idles; a parallel backend keeps both busy.
     */
    static void expensiveNumbersAfterCheapOnesRunInParallel(RuleContext ctx) {
        long[] numbers = LongStream.concat(LongStream.range(1_000, 1_100), LongStream.range(1_000_000, 1_000_040))
                .toArray();
        CountDownLatch gate = new CountDownLatch(1);
        PrimalityTest heldWhenLarge = n -> {
            if (n >= 1_000_000) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("gate for " + n + " interrupted");
                }
            }
            return PrimalityTest.millerRabin().isPrime(n);
        };
        KernelProbe probe = KernelProbe.wrapping(heldWhenLarge);
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        TckSubscriber s = ctx.subscribe(checker.check(numbers), Long.MAX_VALUE, 0);
        try {
            ctx.awaitUntil("two expensive numbers run at once", () -> probe.inFlight() == RuleContext.PARALLELISM);
        } finally {
            gate.countDown();
        }
        ctx.awaitTermination(s);
        assertThat(s.results).hasSize(numbers.length);
    }

    /**
     * One number whose trial division takes seconds on one core, and nothing else to do: a parallel backend
     * passes its CPU executor to the kernel, so the idle workers share the divisors and no single number is
     * the critical path of a batch. The rule waits for a helper task on another thread, or for the call to
     * end without one, then cancels.
     */
    static void oneLongTrialDivisionIsSharedWithIdleWorkers(RuleContext ctx) {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.trialDivision());
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        TckSubscriber s = ctx.subscribe(checker.check(Reference.LARGEST_LONG_PRIME), 1, 0);
        try {
            ctx.awaitUntil("a helper task ran during the kernel call, or the call ended without help",
                    () -> !probe.helperThreads().isEmpty() || probe.finished() == 1
                            || (probe.started() == 1 && probe.sharedCalls() == 0));
        } finally {
            s.cancel();
        }
        assertThat(probe.sharedCalls())
                .as("kernel calls given the backend's CPU executor (PrimalityTest#isPrime(long, Executor, int))")
                .isEqualTo(1);
        Set<Thread> callers = probe.threads();
        assertThat(probe.helperThreads()).as("threads that ran a helper task during the kernel call (%s ran the call)",
                        callers)
                .isNotEmpty()
                .noneMatch(callers::contains)
                .noneMatch(t -> t == ctx.loopThread || ctx.provider.eventLoopThreads().test(t));
        ctx.awaitUntil("the kernel call ended after cancel()", () -> probe.finished() == 1);
    }

    // ---- P10 thread safety ----

    static void concurrentCallsFromManyThreads(RuleContext ctx) throws Exception {
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        int callers = 8;
        int perCaller = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(callers, r -> new Thread(r, "primeflow-tck-caller"));
        try {
            List<Future<List<PrimeResult>>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                long first = 1_000_000_007L * (c + 1);
                futures.add(pool.submit(() -> Reference.collect(checker.checkRange(first, first + perCaller),
                        ctx.env.shouldHappenWithin().toSeconds())));
            }
            List<CompletableFuture<PrimeResult>> singles = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                long n = 2_147_483_647L + c;
                singles.add(CompletableFuture.supplyAsync(() -> checker.checkAsync(n), pool)
                        .thenCompose(f -> f));
            }
            for (int c = 0; c < callers; c++) {
                long first = 1_000_000_007L * (c + 1);
                List<PrimeResult> results = futures.get(c).get(ctx.env.shouldHappenWithin().toMillis(),
                        TimeUnit.MILLISECONDS);
                assertThat(results).extracting(PrimeResult::number)
                        .containsExactlyElementsOf(LongStream.range(first, first + perCaller).boxed().toList());
                for (PrimeResult r : results) {
                    if (r.prime() != Reference.isPrime(r.number())) {
                        throw new AssertionError("caller " + c + ": wrong verdict for " + r.number());
                    }
                }
            }
            for (int c = 0; c < callers; c++) {
                PrimeResult r = singles.get(c).get(ctx.env.shouldHappenWithin().toMillis(), TimeUnit.MILLISECONDS);
                assertThat(r.number()).isEqualTo(2_147_483_647L + c);
                assertThat(r.prime()).isEqualTo(Reference.isPrime(r.number()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- P11 off the event loop ----

    static void noKernelCallOnTheCallersThread(RuleContext ctx) throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        // Demand comes one at a time from the kit's loop, so a backend computing inside request() computes there.
        TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 300)), 1, 1);
        ctx.awaitTermination(s);
        assertThat(s.results).hasSize(300);
        PrimeResult single = ctx.loop.submit(() -> checker.checkAsync(97)).get()
                .get(ctx.env.shouldHappenWithin().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(single.prime()).isTrue();
        assertThat(probe.threads()).as("threads that ran kernel calls").doesNotContain(ctx.loopThread);
    }

    static void noKernelCallOnAnEventLoopThread(RuleContext ctx) {
        Predicate<Thread> eventLoops = ctx.provider.eventLoopThreads();
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 2_000)), 16, 1);
        ctx.awaitTermination(s);
        Set<String> loops = Thread.getAllStackTraces().keySet().stream().filter(eventLoops)
                .map(Thread::getName).collect(Collectors.toSet());
        org.junit.jupiter.api.Assumptions.assumeFalse(loops.isEmpty(),
                "skipped: the backend reports no event-loop threads (PrimeCheckerProvider.eventLoopThreads())");
        assertThat(probe.threads().stream().filter(eventLoops).map(Thread::getName).toList())
                .as("kernel calls on the backend's event loops %s", loops).isEmpty();
    }

    // ---- P13 close ----

    static void closeReleasesEveryThread(RuleContext ctx) {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        PrimeChecker checker = ctx.provider.create(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 5_000)), Long.MAX_VALUE, 0);
        ctx.awaitTermination(s);
        checker.close();
        ctx.awaitNone("threads the checker started that are still alive " + ctx.env.threadsEndWithin().toMillis()
                + " ms after close() returned", () -> ctx.newThreads(before), ctx.env.threadsEndWithin());
    }

    static void closeEndsInFlightSubscriptions(RuleContext ctx) {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 1_000)), Long.MAX_VALUE, 0);
        ctx.awaitUntil("a kernel call started", () -> probe.inFlight() > 0);
        Thread closer = new Thread(checker::close, "primeflow-tck-closer");
        closer.start();
        try {
            if (!ctx.asynchronous) {
                // A synchronous backend cannot interrupt the call it runs on the caller's thread: let it finish.
                ctx.awaitUntil("close() returned", () -> !closer.isAlive());
                probe.release();
            }
            ctx.awaitTermination(s);
        } finally {
            probe.release();
        }
        ctx.awaitUntil("close() returned", () -> !closer.isAlive());
        assertThat(s.completions() + s.errors.size()).as("terminal signals").isEqualTo(1);
        RuleContext.assertCleanSignals(s);
    }

    static void callsAfterCloseFail(RuleContext ctx) {
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        checker.close();
        checker.close(); // idempotent
        assertThatThrownBy(() -> checker.check(UpstreamProbe.range(2, 3))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.check(2, 3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.checkRange(2, 3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checker.checkAsync(3)).isInstanceOf(IllegalStateException.class);
    }

}
