package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Cancel and close at every stage of a subscription, what the threads of a backend do when subscriptions end,
 * and {@code checkAsync} held to the rules of a stream of one number.
 */
final class StageRules {

    private StageRules() {
    }

    // ---- P7 cancel at every stage ----

    /**
     * {@code cancel()} inside {@code onSubscribe} and between {@code onSubscribe} and the first
     * {@code request}: no signal, no kernel call beyond the prefetch, and an upstream the backend subscribed to is cancelled.
     * After {@code onComplete}, {@code cancel()} and {@code request()} are harmless no-ops.
     */
    static void cancelAtEveryStage(RuleContext ctx) {
        for (boolean inOnSubscribe : new boolean[] {true, false}) {
            KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin());
            PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
            UpstreamProbe upstream = UpstreamProbe.range(2, 100_000_000); // more than any window: never completes
            TckSubscriber s = ctx.subscriber(0);
            if (inOnSubscribe) {
                s.cancelInOnSubscribe();
            }
            ctx.subscribe(checker.check(upstream), s, 0);
            if (!inOnSubscribe) {
                s.cancel();
            }
            String stage = inOnSubscribe ? "cancel() in onSubscribe" : "cancel() before the first request()";
            int prefetch = ctx.options().build().prefetch();
            ctx.staysTrue(stage + ": no signal, and no more kernel calls than the prefetch (" + prefetch
                    + ") that P5 allows without demand", () -> probe.started() <= prefetch && s.results.isEmpty()
                    && !s.isTerminated());
            ctx.awaitUntil(stage + ": the upstream is cancelled or was never subscribed",
                    () -> upstream.subscriptions() == 0 || upstream.cancelled());
            RuleContext.assertCleanSignals(s);
        }
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 50)), Long.MAX_VALUE, 0);
        ctx.awaitTermination(s);
        s.cancel();
        s.request(1);
        ctx.staysTrue("cancel() and request() after onComplete: no signal", () -> s.results.size() == 50
                && s.completions() == 1 && s.errors.isEmpty());
        RuleContext.assertCleanSignals(s);
    }

    // ---- P13 close at every stage ----

    /**
     * {@code close()} after {@code onSubscribe} but before any {@code request}: the subscription ends with one
     * terminal signal. {@code close()} after {@code onComplete}: nothing follows.
     */
    static void closeAtEveryStage(RuleContext ctx) {
        PrimeChecker idle = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        TckSubscriber waiting = ctx.subscribe(idle.check(UpstreamProbe.range(2, 1_000)), 0, 0);
        idle.close();
        ctx.awaitUntil("close() ended the subscription that had not requested yet (" + waiting.describe() + ")",
                waiting::isTerminated);
        ctx.staysTrue("exactly one terminal signal", () -> waiting.completions() + waiting.errors.size() == 1);
        RuleContext.assertCleanSignals(waiting);

        PrimeChecker done = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        TckSubscriber finished = ctx.subscribe(done.check(UpstreamProbe.range(2, 50)), Long.MAX_VALUE, 0);
        ctx.awaitTermination(finished);
        done.close();
        ctx.staysTrue("close() after onComplete: no signal", () -> finished.results.size() == 50
                && finished.completions() == 1 && finished.errors.isEmpty());
        RuleContext.assertCleanSignals(finished);
    }

    /**
     * {@code close()} interrupts the kernel calls in flight and returns only once they have ended: here a kernel
     * that needs 200 ms to notice its interrupt is still running when a {@code close()} that does not wait
     * returns.
     */
    static void closeInterruptsAndAwaitsKernelCalls(RuleContext ctx) {
        CountDownLatch never = new CountDownLatch(1);
        PrimalityTest slowToStop = n -> {
            try {
                never.await();
                return true;
            } catch (InterruptedException e) {
                // The kernel's next checkpoint, 200 ms away whatever else arrives: a second interrupt (a cancel and
                // then a pool's shutdownNow) would otherwise end the park at once, and a close() that does not
                // wait could find the call already over.
                long checkpoint = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                for (long left; (left = checkpoint - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left);
                    Thread.interrupted();
                }
                throw new CancellationException("interrupted while checking " + n);
            }
        };
        KernelProbe probe = KernelProbe.wrapping(slowToStop);
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 100)), Long.MAX_VALUE, 0);
        ctx.awaitUntil(RuleContext.PARALLELISM + " kernel calls started",
                () -> probe.inFlight() == RuleContext.PARALLELISM);
        checker.close();
        assertThat(probe.inFlight()).as("kernel calls still running when close() returned").isZero();
        assertThat(probe.interrupted()).as("kernel calls ended by close()'s interrupt").isEqualTo(RuleContext.PARALLELISM);
        ctx.awaitTermination(s);
    }

    /**
     * Four times the parallelism of {@code checkAsync} calls, every kernel call held: {@code parallelism} of them
     * run and the rest wait for a worker when {@code close()} comes. Each future ends with {@link
     * PrimeCheckException} (a backend that drops its queued tasks on close leaves a caller's {@code join()}
     * waiting forever), the running kernel calls end by the interrupt, and no waiting one starts.
     */
    static void closeEndsCheckAsyncCalls(RuleContext ctx) {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        List<CompletableFuture<PrimeResult>> calls = new ArrayList<>();
        for (int i = 0; i < 4 * RuleContext.PARALLELISM; i++) {
            calls.add(checker.checkAsync(1_000_003L + 2 * i));
        }
        ctx.awaitUntil(RuleContext.PARALLELISM + " kernel calls started",
                () -> probe.inFlight() == RuleContext.PARALLELISM);
        checker.close();
        ctx.awaitUntil("every checkAsync future ended after close()",
                () -> calls.stream().allMatch(CompletableFuture::isDone));
        for (CompletableFuture<PrimeResult> call : calls) {
            assertThat(call).as("a checkAsync call in flight at close()").failsWithin(Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class).havingCause()
                    .isInstanceOf(PrimeCheckException.class);
        }
        // A worker freed by close()'s interrupt may take a waiting call before close() reaches it: checked first,
        // as that call's kernel call would also be interrupted and blur the count below.
        assertThat(probe.started()).as("kernel calls started by the time every future ended: a waiting call's "
                + "kernel call started after close()").isEqualTo(RuleContext.PARALLELISM);
        ctx.awaitUntil("the running kernel calls ended by close()'s interrupt",
                () -> probe.interrupted() == RuleContext.PARALLELISM);
        ctx.staysTrue("no waiting call's kernel call starts after close()",
                () -> probe.started() == RuleContext.PARALLELISM);
    }

    // ---- P13 threads end with their subscriptions ----

    /**
     * Thirty subscriptions that end by completion, {@code cancel()} and error, one after another: the threads
     * the checker holds do not grow with them (a thread per subscription that only {@code close()} ends would).
     */
    static void subscriptionsReleaseTheirThreadsWhenTheyEnd(RuleContext ctx) {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        PrimeChecker checker = ctx.checker(ctx.options()
                .primalityTest(KernelProbe.failing(PrimalityTest.millerRabin(), n -> n == 77)).build());
        endThreeWays(ctx, checker);
        int afterOneRound = ctx.newThreads(before).size();
        for (int round = 0; round < 10; round++) {
            endThreeWays(ctx, checker);
        }
        int bound = afterOneRound + RuleContext.PARALLELISM;
        ctx.awaitUntil("at most " + bound + " threads since the checker was created after 33 subscriptions ended ("
                + afterOneRound + " after the first 3)", () -> ctx.newThreads(before).size() <= bound);
    }

    private static void endThreeWays(RuleContext ctx, PrimeChecker checker) {
        TckSubscriber completed = ctx.subscribe(checker.check(UpstreamProbe.range(2, 20)), Long.MAX_VALUE, 0);
        TckSubscriber cancelled = ctx.subscribe(checker.check(UpstreamProbe.range(2, 1_000_000)), 5, 0);
        TckSubscriber failed = ctx.subscribe(checker.check(UpstreamProbe.range(70, 20)), Long.MAX_VALUE, 0);
        ctx.awaitTermination(completed);
        ctx.awaitUntil("5 results arrived", () -> cancelled.delivered() == 5);
        cancelled.cancel();
        ctx.awaitTermination(failed);
        assertThat(completed.completions()).isEqualTo(1);
        assertThat(failed.errors).hasSize(1);
    }

    // ---- P11 the caller's thread is never blocked ----

    /**
     * With every kernel call held, {@code subscribe}, {@code request} and {@code checkAsync} return to the
     * kit's loop: a backend that waits inside them for the work it started (a join) never does.
     */
    static void subscribeRequestAndCheckAsyncReturnWhileKernelCallsAreHeld(RuleContext ctx) throws Exception {
        KernelProbe probe = KernelProbe.wrapping(PrimalityTest.millerRabin()).hold();
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(probe).build());
        try {
            TckSubscriber s = ctx.subscribe(checker.check(UpstreamProbe.range(2, 100)), 3, 0);
            AtomicBoolean returned = new AtomicBoolean();
            ctx.loop.execute(() -> returned.set(true)); // runs once the loop is back from request(3)
            ctx.awaitUntil("request() returned to the kit's loop while the kernel calls are held (a join inside"
                    + " request() blocks the caller)", returned::get);
            CompletableFuture<CompletableFuture<PrimeResult>> single = CompletableFuture.supplyAsync(
                    () -> checker.checkAsync(97), ctx.loop);
            ctx.awaitUntil("checkAsync() returned while the kernel calls are held", single::isDone);
            assertThat(s.results).isEmpty();
        } finally {
            probe.release();
        }
    }

    // ---- checkAsync: a stream of one ----

    /**
     * {@code checkAsync} keeps the rules of a stream of one number: a kernel failure completes the future with
     * {@link PrimeCheckException} naming the number (P8); {@code cancel(true)} stops the kernel call by interrupt
     * (P7, asynchronous backends); the result carries its number and verdict.
     */
    static void checkAsyncKeepsTheRulesOfAStreamOfOne(RuleContext ctx) throws Exception {
        long within = ctx.env.shouldHappenWithin().toMillis();
        for (KernelProbe failing : PipelineRules.failingKernels(42)) {
            PrimeChecker checker = ctx.checker(ctx.options().primalityTest(failing).build());
            PrimeResult r = checker.checkAsync(1_000_003).get(within, TimeUnit.MILLISECONDS);
            assertThat(r.number()).isEqualTo(1_000_003);
            assertThat(r.prime()).isTrue();
            CompletableFuture<PrimeResult> fails = checker.checkAsync(42);
            ExecutionException error = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> fails.get(within, TimeUnit.MILLISECONDS));
            assertThat(error.getCause()).as("checkAsync's error").isInstanceOf(PrimeCheckException.class)
                    .hasMessageContaining("42");
            assertThat(fails.isCancelled()).as("a failed kernel call is not a cancelled future").isFalse();
        }
        if (!ctx.asynchronous) {
            return; // a synchronous backend computes inside checkAsync: there is nothing left to cancel
        }
        KernelProbe slow = KernelProbe.wrapping(PrimalityTest.trialDivision());
        PrimeChecker td = ctx.checker(ctx.options().primalityTest(slow).build());
        CompletableFuture<PrimeResult> running = td.checkAsync(Reference.LARGEST_LONG_PRIME);
        ctx.awaitUntil("the kernel call started", () -> slow.started() == 1);
        running.cancel(true);
        ctx.awaitUntil("the kernel call ended after cancel(true)", () -> slow.finished() == 1);
        assertThat(slow.interrupted()).as("kernel calls ended by an interrupt after cancel(true)").isEqualTo(1);
    }
}
