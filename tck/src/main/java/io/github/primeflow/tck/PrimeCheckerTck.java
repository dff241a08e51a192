package io.github.primeflow.tck;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.spi.PrimeCheckerProvider.Capability;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compatibility kit: extend it with one method that returns your backend's provider, and every rule of
 * the pipeline runs against it as a JUnit 5 test named after the promise it checks ({@code p7_...} checks
 * rule P7 of the {@code io.github.primeflow} package documentation).
 *
 * <pre>{@code
 * class MyBackendTckTest extends PrimeCheckerTck {
 *     @Override
 *     protected PrimeCheckerProvider provider() {
 *         return new MyBackendProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Rule P6's heap probe ({@code p6_heapStaysFlatOnAnEndlessRange}) runs in a child JVM under {@code -Xmx64m},
 * which rebuilds the backend by instantiating the subclass through its no-argument constructor (any visibility)
 * and calling {@link #provider()}: keep both free of JUnit lifecycle state. See the kit's README.
 *
 * <p>Rules that need a capability the backend does not claim ({@link PrimeCheckerProvider#capabilities()})
 * are skipped with the reason. Every wait is bounded by {@link #environment()}. At the end of the class a
 * summary line says how many rules ran, passed, were skipped and failed; a class in which no rule passed
 * fails, so "0 tests ran" can never look green.
 */
@ExtendWith(TckReport.class)
public abstract class PrimeCheckerTck {

    /** Subclasses are instantiated by JUnit. */
    protected PrimeCheckerTck() {
    }

    /**
     * The backend under test. Called once per rule; may return a new instance each time.
     *
     * @return the provider
     */
    protected abstract PrimeCheckerProvider provider();

    /**
     * The capabilities the kit holds the backend to; by default what the provider claims.
     *
     * @return the claimed capabilities
     */
    protected Set<Capability> capabilities() {
        return provider().capabilities();
    }

    /**
     * The time budget; by default {@link TckEnvironment#fromSystem()}.
     *
     * @return the environment
     */
    protected TckEnvironment environment() {
        return TckEnvironment.fromSystem();
    }

    /**
     * Threads the thread rules of P13 must not count as the checker's: those that infrastructure this test shares
     * between checkers starts lazily, such as a cluster node that outlives every checker. By default none; never
     * include a thread the checker itself starts.
     *
     * @return the threads to leave out
     */
    protected Predicate<Thread> sharedThreads() {
        return thread -> false;
    }

    private void verify(TckRule rule) throws Exception {
        TckRunner.run(rule, provider(), BackendRecipe.tckClass(getClass()), capabilities(), environment(),
                sharedThreads());
    }

    /**
     * P1: verdicts match the reference on edge cases.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p1_verdictsOnEdgeCases() throws Exception {
        verify(TckRule.P1_VERDICTS_ON_EDGE_CASES);
    }

    /**
     * P1: verdicts match the reference on the seed's 20 numbers (trial division).
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p1_verdictsOnTheSeedNumbers() throws Exception {
        verify(TckRule.P1_VERDICTS_ON_THE_SEED_NUMBERS);
    }

    /**
     * P1: verdicts match the reference on 2000 random longs.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p1_verdictsOnRandomSamples() throws Exception {
        verify(TckRule.P1_VERDICTS_ON_RANDOM_SAMPLES);
    }

    /**
     * P1: verdicts on strong pseudoprimes with every kernel, parallelism and ordering.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p1_verdictsOnStrongPseudoprimes() throws Exception {
        verify(TckRule.P1_VERDICTS_ON_STRONG_PSEUDOPRIMES);
    }

    /**
     * P2: one result per number, no loss, no duplicate (input order).
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p2_oneResultPerNumberInInputOrder() throws Exception {
        verify(TckRule.P2_ONE_RESULT_PER_NUMBER_IN_INPUT_ORDER);
    }

    /**
     * P2: one result per number, no loss, no duplicate (completion order).
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p2_oneResultPerNumberInCompletionOrder() throws Exception {
        verify(TckRule.P2_ONE_RESULT_PER_NUMBER_IN_COMPLETION_ORDER);
    }

    /**
     * P2: each result's number, verdict and a plausible elapsedNanos.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p2_eachResultCarriesItsNumberVerdictAndKernelTime() throws Exception {
        verify(TckRule.P2_EACH_RESULT_CARRIES_ITS_NUMBER_VERDICT_AND_KERNEL_TIME);
    }

    /**
     * P2: short subscriptions whose completions, requests and cancels race stay clean.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p2_shortSubscriptionsStayCleanUnderRacingSignals() throws Exception {
        verify(TckRule.P2_SHORT_SUBSCRIPTIONS_STAY_CLEAN_UNDER_RACING_SIGNALS);
    }

    /**
     * P3: INPUT_ORDER emits in input order even when later numbers finish first.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p3_inputOrderIsKept() throws Exception {
        verify(TckRule.P3_INPUT_ORDER_IS_KEPT);
    }

    /**
     * P3: COMPLETION_ORDER emits the same results.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p3_completionOrderEmitsTheSameResults() throws Exception {
        verify(TckRule.P3_COMPLETION_ORDER_EMITS_THE_SAME_RESULTS);
    }

    /**
     * P3: INPUT_ORDER holds while several workers finish out of order.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p3_inputOrderIsKeptWhileWorkersFinishOutOfOrder() throws Exception {
        verify(TckRule.P3_INPUT_ORDER_IS_KEPT_WHILE_WORKERS_FINISH_OUT_OF_ORDER);
    }

    /**
     * P4: never more onNext than requested.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p4_neverMoreOnNextThanRequested() throws Exception {
        verify(TckRule.P4_NEVER_MORE_ON_NEXT_THAN_REQUESTED);
    }

    /**
     * P4 for {@code checkRange}, whose numbers a backend may read without subscribing: never more onNext than
     * requested.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p4_neverMoreOnNextThanRequestedOnARange() throws Exception {
        verify(TckRule.P4_NEVER_MORE_ON_NEXT_THAN_REQUESTED_ON_A_RANGE);
    }

    /**
     * P4: request(n &lt;= 0) ends with onError(IllegalArgumentException) (§3.9).
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p4_nonPositiveRequestIsAnError() throws Exception {
        verify(TckRule.P4_NON_POSITIVE_REQUEST_IS_AN_ERROR);
    }

    /**
     * P4: requests summing past Long.MAX_VALUE saturate (§3.17).
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p4_demandSaturatesAtLongMaxValue() throws Exception {
        verify(TckRule.P4_DEMAND_SATURATES_AT_LONG_MAX_VALUE);
    }

    /**
     * P5: kernel calls started - delivered &lt;= demand + prefetch.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p5_kernelRunsAtMostPrefetchAheadOfDemand() throws Exception {
        verify(TckRule.P5_KERNEL_RUNS_AT_MOST_PREFETCH_AHEAD_OF_DEMAND);
    }

    /**
     * P5 for {@code checkRange}: kernel calls started - delivered &lt;= demand + prefetch.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p5_kernelRunsAtMostPrefetchAheadOfDemandOnARange() throws Exception {
        verify(TckRule.P5_KERNEL_RUNS_AT_MOST_PREFETCH_AHEAD_OF_DEMAND_ON_A_RANGE);
    }

    /**
     * P6: upstream demand - delivered &lt;= maxInFlight + prefetch.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p6_upstreamDemandStaysBounded() throws Exception {
        verify(TckRule.P6_UPSTREAM_DEMAND_STAYS_BOUNDED);
    }

    /**
     * P6: results waiting behind a held head count against maxInFlight.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p6_reorderBufferCountsAgainstMaxInFlight() throws Exception {
        verify(TckRule.P6_REORDER_BUFFER_COUNTS_AGAINST_MAX_IN_FLIGHT);
    }

    /**
     * P6: checkRange(0, 10^9) in a child JVM under -Xmx64m, stopped after 5 million results: the used heap
     * after GC stays flat (the child needs this class's no-argument constructor; see the kit's README).
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p6_heapStaysFlatOnAnEndlessRange() throws Exception {
        verify(TckRule.P6_HEAP_STAYS_FLAT_ON_AN_ENDLESS_RANGE);
    }

    /**
     * P7: after cancel() no kernel call starts.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p7_cancelStopsNewKernelCalls() throws Exception {
        verify(TckRule.P7_CANCEL_STOPS_NEW_KERNEL_CALLS);
    }

    /**
     * P7 for {@code checkRange}: after cancel() no kernel call starts.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p7_cancelStopsNewKernelCallsOnARange() throws Exception {
        verify(TckRule.P7_CANCEL_STOPS_NEW_KERNEL_CALLS_ON_A_RANGE);
    }

    /**
     * P7: cancel() interrupts a 19-digit prime under trial division.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p7_cancelInterruptsInFlightKernelCalls() throws Exception {
        verify(TckRule.P7_CANCEL_INTERRUPTS_IN_FLIGHT_KERNEL_CALLS);
    }

    /**
     * P7: cancel() cancels the upstream; no signal follows.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p7_cancelCancelsUpstreamAndEndsSignals() throws Exception {
        verify(TckRule.P7_CANCEL_CANCELS_UPSTREAM_AND_ENDS_SIGNALS);
    }

    /**
     * P7: cancel() in onSubscribe, before the first request and after onComplete.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p7_cancelAtEveryStage() throws Exception {
        verify(TckRule.P7_CANCEL_AT_EVERY_STAGE);
    }

    /**
     * P7, P8: checkAsync fails with PrimeCheckException and cancel(true) interrupts.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p7_checkAsyncKeepsTheRulesOfAStreamOfOne() throws Exception {
        verify(TckRule.P7_CHECK_ASYNC_KEEPS_THE_RULES_OF_A_STREAM_OF_ONE);
    }

    /**
     * P8: an upstream error ends the stream with one onError naming it.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p8_upstreamErrorEndsTheStream() throws Exception {
        verify(TckRule.P8_UPSTREAM_ERROR_ENDS_THE_STREAM);
    }

    /**
     * P8: a null number ends the stream with one onError; upstream cancelled.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p8_nullElementEndsTheStream() throws Exception {
        verify(TckRule.P8_NULL_ELEMENT_ENDS_THE_STREAM);
    }

    /**
     * P8: a failing kernel ends the stream with one onError naming the number.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p8_kernelFailureEndsTheStream() throws Exception {
        verify(TckRule.P8_KERNEL_FAILURE_ENDS_THE_STREAM);
    }

    /**
     * P8: one onError when many kernel calls fail at once.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p8_oneTerminalSignalWhenFailuresRace() throws Exception {
        verify(TckRule.P8_ONE_TERMINAL_SIGNAL_WHEN_FAILURES_RACE);
    }

    /**
     * P8: an upstream breaking §1.1 or §1.7 ends the stream, cancelled, in bounded memory.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p8_upstreamBreakingTheRulesEndsTheStream() throws Exception {
        verify(TckRule.P8_UPSTREAM_BREAKING_THE_RULES_ENDS_THE_STREAM);
    }

    /**
     * P8: an upstream calling onNext from two threads at once (§1.3) ends the stream, cancelled.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p8_upstreamSignallingFromTwoThreadsEndsTheStream() throws Exception {
        verify(TckRule.P8_UPSTREAM_SIGNALLING_FROM_TWO_THREADS_ENDS_THE_STREAM);
    }

    /**
     * P9: never more kernel calls at once than the parallelism.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p9_atMostParallelismKernelCallsAtOnce() throws Exception {
        verify(TckRule.P9_AT_MOST_PARALLELISM_KERNEL_CALLS_AT_ONCE);
    }

    /**
     * P9: three streams and 16 checkAsync calls at once share the checker's parallelism.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p9_atMostParallelismKernelCallsAtOnceAcrossCalls() throws Exception {
        verify(TckRule.P9_AT_MOST_PARALLELISM_KERNEL_CALLS_AT_ONCE_ACROSS_CALLS);
    }

    /**
     * P9: with parallelism 2, two kernel calls run at once.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p9_kernelCallsRunInParallel() throws Exception {
        verify(TckRule.P9_KERNEL_CALLS_RUN_IN_PARALLEL);
    }

    /**
     * P9: expensive numbers behind 100 cheap ones still run two at once (no batch sized from cheap numbers
     * hoards them).
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p9_expensiveNumbersAfterCheapOnesRunInParallel() throws Exception {
        verify(TckRule.P9_EXPENSIVE_NUMBERS_AFTER_CHEAP_ONES_RUN_IN_PARALLEL);
    }

    /**
     * P9: the only number, a long trial division, is shared with idle workers, off every event loop.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p9_oneLongTrialDivisionIsSharedWithIdleWorkers() throws Exception {
        verify(TckRule.P9_ONE_LONG_TRIAL_DIVISION_IS_SHARED_WITH_IDLE_WORKERS);
    }

    /**
     * P10: concurrent calls from 8 threads are all correct.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p10_concurrentCallsFromManyThreads() throws Exception {
        verify(TckRule.P10_CONCURRENT_CALLS_FROM_MANY_THREADS);
    }

    /**
     * P11: no kernel call inside subscribe/request/onNext on the caller's loop.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p11_noKernelCallOnTheCallersThread() throws Exception {
        verify(TckRule.P11_NO_KERNEL_CALL_ON_THE_CALLERS_THREAD);
    }

    /**
     * P11: subscribe, request and checkAsync return while kernel calls are held.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p11_subscribeRequestAndCheckAsyncReturnWhileKernelCallsAreHeld() throws Exception {
        verify(TckRule.P11_SUBSCRIBE_REQUEST_AND_CHECK_ASYNC_RETURN_WHILE_KERNEL_CALLS_ARE_HELD);
    }

    /**
     * P11: no kernel call on the backend's event-loop threads.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p11_noKernelCallOnAnEventLoopThread() throws Exception {
        verify(TckRule.P11_NO_KERNEL_CALL_ON_AN_EVENT_LOOP_THREAD);
    }

    /**
     * P11: BlockHound sees no kernel call on an event loop and no blocking call on a non-blocking thread.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p11_blockHoundSeesNoBlockingOnEventLoops() throws Exception {
        verify(TckRule.P11_BLOCK_HOUND_SEES_NO_BLOCKING_ON_EVENT_LOOPS);
    }

    /**
     * P12: a 10 ms tick on the caller's event loop stays on time while every worker runs second-long kernel
     * calls (the seed's spinner).
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p12_theCallersEventLoopKeepsTicking() throws Exception {
        verify(TckRule.P12_THE_CALLERS_EVENT_LOOP_KEEPS_TICKING);
    }

    /**
     * P13: every thread the checker started has ended within 2 s (× scale) of {@code close()} returning.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p13_closeReleasesEveryThread() throws Exception {
        verify(TckRule.P13_CLOSE_RELEASES_EVERY_THREAD);
    }

    /**
     * P13: close() during work ends the subscription with a terminal signal.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p13_closeEndsInFlightSubscriptions() throws Exception {
        verify(TckRule.P13_CLOSE_ENDS_IN_FLIGHT_SUBSCRIPTIONS);
    }

    /**
     * P13: close() before the first request and after onComplete.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p13_closeAtEveryStage() throws Exception {
        verify(TckRule.P13_CLOSE_AT_EVERY_STAGE);
    }

    /**
     * P13: close() interrupts in-flight kernel calls and returns once they ended.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p13_closeInterruptsAndAwaitsKernelCalls() throws Exception {
        verify(TckRule.P13_CLOSE_INTERRUPTS_AND_AWAITS_KERNEL_CALLS);
    }

    /**
     * P13: close() ends the checkAsync calls in flight, the running ones and those waiting for a worker.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p13_closeEndsCheckAsyncCalls() throws Exception {
        verify(TckRule.P13_CLOSE_ENDS_CHECK_ASYNC_CALLS);
    }

    /**
     * P13: threads do not grow with subscriptions that ended.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p13_subscriptionsReleaseTheirThreadsWhenTheyEnd() throws Exception {
        verify(TckRule.P13_SUBSCRIPTIONS_RELEASE_THEIR_THREADS_WHEN_THEY_END);
    }

    /**
     * P13: calls after close() throw IllegalStateException; close() is idempotent.
     *
     * @throws Exception if the rule fails
     */
    @Test
    public void p13_callsAfterCloseFail() throws Exception {
        verify(TckRule.P13_CALLS_AFTER_CLOSE_FAIL);
    }
}
