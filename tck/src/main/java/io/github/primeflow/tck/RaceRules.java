package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * Races the kit can only catch by repetition, driven hard: many short subscriptions whose last results,
 * completions, failures, requests and cancels land at the same time; and upstreams that break the Reactive
 * Streams rules.
 */
final class RaceRules {

    /** Subscriptions per race rule: the flawed backends of the kit's own tests are caught in every run. */
    static final int SUBSCRIPTIONS = 200;
    /** Subscriptions whose kernel calls all fail: a second onError needs two failures within microseconds. */
    static final int FAILING_SUBSCRIPTIONS = 400;

    private RaceRules() {
    }

    /**
     * 200 subscriptions of 1 to 8 numbers at parallelism 4, both orderings, the first two kernel calls of each
     * finishing at the same moment, a subscriber that works 200 µs in each {@code onNext}: half with unbounded demand, half with demand one short of the count followed by the
     * last request from another thread, a quarter of them cancelled from a third thread at the same time. No
     * signal may overlap another (§1.3) or follow a terminal one; an uncancelled stream delivers every result
     * before its one {@code onComplete}.
     */
    static void shortSubscriptionsStayCleanUnderRacingSignals(RuleContext ctx) throws Exception {
        ExecutorService others = Executors.newFixedThreadPool(2, r -> new Thread(r, "primeflow-tck-racer"));
        PrimalityTest together = meeting(2, PrimalityTest.millerRabin(), 1_000_000);
        try {
            PrimeChecker[] checkers = new PrimeChecker[2];
            for (Ordering ordering : Ordering.values()) {
                checkers[ordering.ordinal()] = ctx.checker(ctx.options().parallelism(4).ordering(ordering)
                        .primalityTest(together).build());
            }
            List<TckSubscriber> subscribers = new ArrayList<>();
            List<Boolean> cancelled = new ArrayList<>();
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                int count = 1 + i % 8;
                boolean unbounded = i % 2 == 0;
                boolean cancel = i % 4 == 1;
                PrimeChecker checker = checkers[(i / 2) % 2];
                // The first demand comes inside onSubscribe, before any kernel call can finish.
                TckSubscriber s = ctx.subscriber(0).busyInOnNext(200_000)
                        .requestInOnSubscribe(unbounded ? Long.MAX_VALUE : count - 1);
                ctx.subscribe(checker.check(LongStream.range(1_000_000L * i, 1_000_000L * i + count).toArray()), s,
                        0);
                if (!unbounded) {
                    others.execute(() -> s.request(1)); // the last request races the results of the first ones
                }
                if (cancel) {
                    others.execute(s::cancelFromThisThread);
                }
                subscribers.add(s);
                cancelled.add(cancel);
            }
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                TckSubscriber s = subscribers.get(i);
                int count = 1 + i % 8;
                if (!cancelled.get(i)) {
                    ctx.awaitTermination(s);
                }
                assertThat(s.violations).as("subscription %d: Reactive Streams violations", i).isEmpty();
                if (!cancelled.get(i)) {
                    assertThat(s.errors).as("subscription %d: errors", i).isEmpty();
                    assertThat(s.results).as("subscription %d: results before onComplete", i).hasSize(count);
                }
            }
        } finally {
            others.shutdownNow();
        }
    }

    /**
     * The kernel, except that the first {@code size} calls for the numbers of one group ({@code n / groupSize},
     * one group per subscription) meet before they return, so that their results (or failures) land at the same
     * moment. A backend that runs fewer calls of a subscription at once lets each go after 10 ms.
     */
    private static PrimalityTest meeting(int size, PrimalityTest kernel, long groupSize) {
        Map<Long, AtomicInteger> meetings = new ConcurrentHashMap<>();
        return n -> {
            AtomicInteger arrived = meetings.computeIfAbsent(n / groupSize, k -> new AtomicInteger());
            arrived.incrementAndGet();
            // Spinning, not parking: both calls leave within nanoseconds, where an unpark would stagger them.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            while (arrived.get() < size && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            return kernel.isPrime(n);
        };
    }

    /**
     * 400 subscriptions at parallelism 4 whose kernel fails for every number, the first four calls of each at
     * the same moment, so that several workers fail at once: each ends with exactly one {@code onError(PrimeCheckException)}, never a second terminal signal.
     */
    static void oneTerminalSignalWhenFailuresRace(RuleContext ctx) {
        PrimalityTest failTogether = meeting(4, n -> {
            throw new ArithmeticException("deliberate failure for " + n);
        }, 8);
        PrimeChecker checker = ctx.checker(ctx.options().parallelism(4).primalityTest(failTogether).build());
        List<TckSubscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < FAILING_SUBSCRIPTIONS; i++) {
            subscribers.add(ctx.subscribe(checker.check(LongStream.range(8L * i, 8L * i + 8).toArray()),
                    Long.MAX_VALUE, 0));
        }
        for (int i = 0; i < FAILING_SUBSCRIPTIONS; i++) {
            TckSubscriber s = subscribers.get(i);
            ctx.awaitTermination(s);
            assertThat(s.violations).as("subscription %d: Reactive Streams violations", i).isEmpty();
            assertThat(s.errors).as("subscription %d: errors", i).singleElement()
                    .isInstanceOf(PrimeCheckException.class);
            assertThat(s.completions()).as("subscription %d: completions", i).isZero();
        }
        ctx.staysTrue("no second terminal signal", () -> subscribers.stream().allMatch(s -> s.violations.isEmpty()
                && s.errors.size() == 1 && s.completions() == 0));
    }

    /**
     * An upstream that floods (emits without demand, §1.1) ends the stream promptly: one
     * {@code onError(PrimeCheckException)}, the upstream cancelled, and no more numbers accepted than the
     * backend requested plus its window (bounded memory), with a small and the default window, the flood
     * coming on the thread that requested and on a thread of the upstream's own. An upstream that emits after
     * {@code onComplete} (§1.7) ends the stream with {@code PrimeCheckException} too.
     */
    static void upstreamBreakingTheRulesEndsTheStream(RuleContext ctx) {
        for (boolean fromItsOwnThread : new boolean[] {false, true}) {
            for (int maxInFlight : new int[] {16, CheckerOptions.builder().parallelism(RuleContext.PARALLELISM)
                    .build().maxInFlight()}) {
                String flooding = "a flood that ignores demand (§1.1, maxInFlight " + maxInFlight
                        + (fromItsOwnThread ? ", from the upstream's own thread)" : ", on the requesting thread)");
                CheckerOptions options = ctx.options().maxInFlight(maxInFlight)
                        .primalityTest(PrimalityTest.millerRabin()).build();
                RogueUpstream flood = RogueUpstream.flooding(500_000, fromItsOwnThread);
                TckSubscriber s = ctx.subscribe(ctx.checker(options).check(flood), 1, 0);
                ctx.awaitUntil(flooding + " ends the stream (" + s.describe() + ")", s::isTerminated);
                assertThat(s.errors).as("%s: the error", flooding).singleElement()
                        .isInstanceOf(PrimeCheckException.class);
                ctx.awaitUntil(flooding + ": the upstream was cancelled", flood::cancelled);
                ctx.awaitUntil(flooding + ": the flood stopped", flood::ownThreadEnded);
                long bound = flood.requested() + options.maxInFlight() + options.prefetch();
                assertThat(flood.emitted()).as("%s: numbers emitted before the backend cancelled it (requested %d)",
                        flooding, flood.requested()).isLessThanOrEqualTo(bound);
                RuleContext.assertCleanSignals(s);
            }
        }
        PrimeChecker checker = ctx.checker(ctx.options().primalityTest(PrimalityTest.millerRabin()).build());
        RogueUpstream late = RogueUpstream.emittingAfterComplete();
        TckSubscriber s = ctx.subscribe(checker.check(late), 0, 0);
        ctx.awaitUntil("the upstream emitted after onComplete", () -> late.emitted() == 4
                || (late.emitted() == 0 && late.requested() == 0));
        s.request(Long.MAX_VALUE);
        ctx.awaitUntil("an upstream emitting after onComplete (§1.7) ends the stream (" + s.describe() + ")",
                s::isTerminated);
        assertThat(late.emitted()).as("numbers emitted").isEqualTo(4);
        assertThat(s.errors).as("the error for a number after onComplete").singleElement()
                .isInstanceOf(PrimeCheckException.class);
        assertThat(s.completions()).isZero();
        RuleContext.assertCleanSignals(s);
        assertThat(s.results).extracting(PrimeResult::number).doesNotContain(1_000_003L);
    }

    /**
     * An upstream that keeps to demand but calls {@code onNext} from two threads at once (§1.3) ends the stream
     * promptly with one {@code onError(PrimeCheckException)} whose message names rule 1.3, and is cancelled:
     * a backend that accepted the numbers would run its single-threaded bookkeeping from two threads.
     */
    static void upstreamSignallingFromTwoThreadsEndsTheStream(RuleContext ctx) {
        for (Ordering ordering : Ordering.values()) {
            PrimeChecker checker = ctx.checker(ctx.options().ordering(ordering)
                    .primalityTest(PrimalityTest.millerRabin()).build());
            OverlappingUpstream upstream = new OverlappingUpstream(ctx.env.shouldHappenWithin().dividedBy(2));
            TckSubscriber s = ctx.subscribe(checker.check(upstream), Long.MAX_VALUE, 0);
            try {
                ctx.awaitTermination(s);
                String what = "an upstream calling onNext from two threads at once (" + ordering + ", overlapped "
                        + upstream.overlaps() + " times in " + upstream.emitted() + " numbers)";
                assertThat(s.errors).as("%s: the error (%s)", what, s.describe()).singleElement()
                        .isInstanceOf(PrimeCheckException.class).extracting(Throwable::getMessage).asString()
                        .contains("1.3");
                ctx.awaitUntil(what + ": the upstream was cancelled", upstream::cancelled);
                RuleContext.assertCleanSignals(s);
            } finally {
                ctx.awaitUntil("the upstream's two threads ended", upstream::stopped);
            }
        }
    }
}
