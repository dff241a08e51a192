package io.github.primeflow.tck;

import io.github.primeflow.spi.PrimeCheckerProvider.Capability;

/**
 * The kit's rules, one per promise of the pipeline (the P-numbers of the {@code io.github.primeflow} package
 * documentation). A rule that needs a capability is skipped, with the reason, for backends that do not
 * claim it.
 */
enum TckRule {
    P1_VERDICTS_ON_EDGE_CASES("verdicts match the reference on edge cases", null, PipelineRules::verdictsOnEdgeCases),
    P1_VERDICTS_ON_THE_SEED_NUMBERS("verdicts match the reference on the seed's 20 numbers (trial division)", null,
            PipelineRules::verdictsOnTheSeedNumbers),
    P1_VERDICTS_ON_RANDOM_SAMPLES("verdicts match the reference on 2000 random longs", null,
            PipelineRules::verdictsOnRandomSamples),
    P1_VERDICTS_ON_STRONG_PSEUDOPRIMES("verdicts match the reference on strong pseudoprimes and their neighbouring"
            + " primes, with both built-in kernels and a user kernel, parallelism 1 and 4, both orderings", null,
            RangeRules::verdictsOnStrongPseudoprimes),
    P2_ONE_RESULT_PER_NUMBER_IN_INPUT_ORDER("one result per number, no loss, no duplicate (input order)", null,
            PipelineRules::oneResultPerNumberInInputOrder),
    P2_ONE_RESULT_PER_NUMBER_IN_COMPLETION_ORDER("one result per number, no loss, no duplicate (completion order)",
            null, PipelineRules::oneResultPerNumberInCompletionOrder),
    P2_EACH_RESULT_CARRIES_ITS_NUMBER_VERDICT_AND_KERNEL_TIME("each result carries its number, the reference verdict"
            + " and an elapsedNanos between the kernel's time and the wall time around the stream", null,
            RangeRules::eachResultCarriesItsNumberVerdictAndKernelTime),
    P2_SHORT_SUBSCRIPTIONS_STAY_CLEAN_UNDER_RACING_SIGNALS("200 short subscriptions whose last results, completions,"
            + " requests and cancels race: no overlapping signal, every result before onComplete", null,
            RaceRules::shortSubscriptionsStayCleanUnderRacingSignals),
    P3_INPUT_ORDER_IS_KEPT("INPUT_ORDER emits in input order even when later numbers finish first", null,
            PipelineRules::inputOrderIsKept),
    P3_COMPLETION_ORDER_EMITS_THE_SAME_RESULTS("COMPLETION_ORDER emits the same results", null,
            PipelineRules::completionOrderEmitsTheSameResults),
    P3_INPUT_ORDER_IS_KEPT_WHILE_WORKERS_FINISH_OUT_OF_ORDER("INPUT_ORDER holds while 2 or 4 workers finish out of"
            + " order, small and large windows", null, RangeRules::inputOrderIsKeptWhileWorkersFinishOutOfOrder),
    P4_NEVER_MORE_ON_NEXT_THAN_REQUESTED("never more onNext than requested", null,
            PipelineRules::neverMoreOnNextThanRequested),
    P4_NEVER_MORE_ON_NEXT_THAN_REQUESTED_ON_A_RANGE("never more onNext than requested, numbers from checkRange"
            + " (which a backend may read without subscribing)", null, PipelineRules::neverMoreOnNextThanRequestedOnARange),
    P4_NON_POSITIVE_REQUEST_IS_AN_ERROR("request(n <= 0) ends with onError(IllegalArgumentException) (§3.9)", null,
            PipelineRules::nonPositiveRequestIsAnError),
    P4_DEMAND_SATURATES_AT_LONG_MAX_VALUE("requests summing past Long.MAX_VALUE mean unbounded demand (§3.17)",
            null, RangeRules::demandSaturatesAtLongMaxValue),
    P5_KERNEL_RUNS_AT_MOST_PREFETCH_AHEAD_OF_DEMAND("kernel calls started - delivered <= demand + prefetch", null,
            PipelineRules::kernelRunsAtMostPrefetchAheadOfDemand),
    P5_KERNEL_RUNS_AT_MOST_PREFETCH_AHEAD_OF_DEMAND_ON_A_RANGE("kernel calls started - delivered <= demand + prefetch,"
            + " numbers from checkRange", null, PipelineRules::kernelRunsAtMostPrefetchAheadOfDemandOnARange),
    P6_UPSTREAM_DEMAND_STAYS_BOUNDED("upstream demand - delivered <= maxInFlight + prefetch", null,
            PipelineRules::upstreamDemandStaysBounded),
    P6_REORDER_BUFFER_COUNTS_AGAINST_MAX_IN_FLIGHT("INPUT_ORDER with a held head: the results waiting behind it count"
            + " against maxInFlight", Capability.PARALLEL, RangeRules::reorderBufferCountsAgainstMaxInFlight),
    P6_HEAP_STAYS_FLAT_ON_AN_ENDLESS_RANGE("checkRange(0, 10^9) under -Xmx64m, stopped after "
            + HeapRule.RESULTS + " results: used heap after GC stays flat (child JVM)", null,
            HeapRule::heapStaysFlatOnAnEndlessRange),
    P7_CANCEL_STOPS_NEW_KERNEL_CALLS("after cancel() no kernel call starts", null,
            PipelineRules::cancelStopsNewKernelCalls),
    P7_CANCEL_STOPS_NEW_KERNEL_CALLS_ON_A_RANGE("after cancel() no kernel call starts, numbers from checkRange", null,
            PipelineRules::cancelStopsNewKernelCallsOnARange),
    P7_CANCEL_INTERRUPTS_IN_FLIGHT_KERNEL_CALLS("cancel() interrupts a 19-digit prime under trial division",
            Capability.ASYNCHRONOUS, PipelineRules::cancelInterruptsInFlightKernelCalls),
    P7_CANCEL_CANCELS_UPSTREAM_AND_ENDS_SIGNALS("cancel() cancels the upstream; no signal follows", null,
            PipelineRules::cancelCancelsUpstreamAndEndsSignals),
    P7_CANCEL_AT_EVERY_STAGE("cancel() in onSubscribe, before the first request and after onComplete", null,
            StageRules::cancelAtEveryStage),
    P7_CHECK_ASYNC_KEEPS_THE_RULES_OF_A_STREAM_OF_ONE("checkAsync: PrimeCheckException naming the number,"
            + " cancel(true) interrupts the kernel call (asynchronous backends)", null,
            StageRules::checkAsyncKeepsTheRulesOfAStreamOfOne),
    P8_UPSTREAM_ERROR_ENDS_THE_STREAM("an upstream error ends the stream with one onError naming it", null,
            PipelineRules::upstreamErrorEndsTheStream),
    P8_NULL_ELEMENT_ENDS_THE_STREAM("a null number ends the stream with one onError; upstream cancelled", null,
            PipelineRules::nullElementEndsTheStream),
    P8_KERNEL_FAILURE_ENDS_THE_STREAM("a failing kernel ends the stream with one onError naming the number", null,
            PipelineRules::kernelFailureEndsTheStream),
    P8_ONE_TERMINAL_SIGNAL_WHEN_FAILURES_RACE("400 subscriptions whose kernel calls all fail at parallelism 4: one"
            + " onError each", null, RaceRules::oneTerminalSignalWhenFailuresRace),
    P8_UPSTREAM_BREAKING_THE_RULES_ENDS_THE_STREAM("an upstream flooding past demand (§1.1, on the requesting"
            + " thread or its own) or emitting after onComplete (§1.7) ends the stream with PrimeCheckException,"
            + " cancelled, bounded", null,
            RaceRules::upstreamBreakingTheRulesEndsTheStream),
    P8_UPSTREAM_SIGNALLING_FROM_TWO_THREADS_ENDS_THE_STREAM("an upstream calling onNext from two threads at once"
            + " (§1.3) ends the stream with a PrimeCheckException naming rule 1.3, cancelled", null,
            RaceRules::upstreamSignallingFromTwoThreadsEndsTheStream),
    P9_AT_MOST_PARALLELISM_KERNEL_CALLS_AT_ONCE("never more kernel calls at once than the parallelism", null,
            PipelineRules::atMostParallelismKernelCallsAtOnce),
    P9_AT_MOST_PARALLELISM_KERNEL_CALLS_AT_ONCE_ACROSS_CALLS("three streams and 16 checkAsync calls at once share"
            + " the checker's parallelism", Capability.ASYNCHRONOUS,
            PipelineRules::atMostParallelismKernelCallsAtOnceAcrossCalls),
    P9_KERNEL_CALLS_RUN_IN_PARALLEL("with parallelism 2, two kernel calls run at once", Capability.PARALLEL,
            PipelineRules::kernelCallsRunInParallel),
    P9_EXPENSIVE_NUMBERS_AFTER_CHEAP_ONES_RUN_IN_PARALLEL("expensive numbers behind 100 cheap ones still run two at"
            + " once (no batch sized from cheap numbers hoards them)", Capability.PARALLEL,
            PipelineRules::expensiveNumbersAfterCheapOnesRunInParallel),
    P9_ONE_LONG_TRIAL_DIVISION_IS_SHARED_WITH_IDLE_WORKERS("the only number, a long trial division, gets helpers"
            + " (PrimalityTest#isPrime(long, Executor, int)) that run on other workers, off every event loop",
            Capability.PARALLEL, PipelineRules::oneLongTrialDivisionIsSharedWithIdleWorkers),
    P10_CONCURRENT_CALLS_FROM_MANY_THREADS("concurrent calls from 8 threads are all correct", null,
            PipelineRules::concurrentCallsFromManyThreads),
    P11_NO_KERNEL_CALL_ON_THE_CALLERS_THREAD("no kernel call inside subscribe/request/onNext on the caller's loop",
            Capability.ASYNCHRONOUS, PipelineRules::noKernelCallOnTheCallersThread),
    P11_SUBSCRIBE_REQUEST_AND_CHECK_ASYNC_RETURN_WHILE_KERNEL_CALLS_ARE_HELD("subscribe, request and checkAsync"
            + " return to the caller while every kernel call is held", Capability.ASYNCHRONOUS,
            StageRules::subscribeRequestAndCheckAsyncReturnWhileKernelCallsAreHeld),
    P11_NO_KERNEL_CALL_ON_AN_EVENT_LOOP_THREAD("no kernel call on the backend's event-loop threads",
            Capability.ASYNCHRONOUS, PipelineRules::noKernelCallOnAnEventLoopThread),
    P11_BLOCK_HOUND_SEES_NO_BLOCKING_ON_EVENT_LOOPS("BlockHound sees no kernel call on an event loop and no"
            + " blocking call on a non-blocking thread", Capability.ASYNCHRONOUS,
            EventLoopRules::blockHoundSeesNoBlockingOnEventLoops),
    P12_THE_CALLERS_EVENT_LOOP_KEEPS_TICKING("a 10 ms tick on the caller's event loop stays on time while every"
            + " worker runs second-long kernel calls", Capability.ASYNCHRONOUS,
            EventLoopRules::callersEventLoopKeepsTicking),
    P13_CLOSE_RELEASES_EVERY_THREAD("every thread the checker started has ended within 2 s (x scale) of close()"
            + " returning", null,
            PipelineRules::closeReleasesEveryThread),
    P13_CLOSE_ENDS_IN_FLIGHT_SUBSCRIPTIONS("close() during work ends the subscription with a terminal signal", null,
            PipelineRules::closeEndsInFlightSubscriptions),
    P13_CLOSE_AT_EVERY_STAGE("close() before the first request ends the subscription; after onComplete nothing"
            + " follows", null, StageRules::closeAtEveryStage),
    P13_CLOSE_INTERRUPTS_AND_AWAITS_KERNEL_CALLS("close() interrupts the kernel calls in flight and returns once"
            + " they ended", Capability.ASYNCHRONOUS, StageRules::closeInterruptsAndAwaitsKernelCalls),
    P13_CLOSE_ENDS_CHECK_ASYNC_CALLS("close() ends every checkAsync call in flight, running or waiting for a worker,"
            + " with PrimeCheckException, and no waiting call's kernel call starts", Capability.ASYNCHRONOUS,
            StageRules::closeEndsCheckAsyncCalls),
    P13_SUBSCRIPTIONS_RELEASE_THEIR_THREADS_WHEN_THEY_END("33 subscriptions ending by completion, cancel and error:"
            + " the checker's threads do not grow with them", null,
            StageRules::subscriptionsReleaseTheirThreadsWhenTheyEnd),
    P13_CALLS_AFTER_CLOSE_FAIL("calls after close() throw IllegalStateException; close() is idempotent", null,
            PipelineRules::callsAfterCloseFail);

    /** A rule's body; fails with an AssertionError. */
    @FunctionalInterface
    interface Body {
        void run(RuleContext ctx) throws Exception;
    }

    final String promise;
    final Capability requires; // null: every backend
    final Body body;

    TckRule(String promise, Capability requires, Body body) {
        this.promise = promise;
        this.requires = requires;
        this.body = body;
    }

    /** "P7" for {@code P7_CANCEL_...}. */
    String number() {
        return name().substring(0, name().indexOf('_'));
    }

    String displayName() {
        return number() + " " + promise;
    }
}
