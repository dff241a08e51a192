package io.github.primeflow.tck;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * The kit proves itself: a backend with one deliberate defect fails the rule that guards against it, while
 * the same backend without the defect passes that rule (so the failure comes from the defect).
 */
class NegativeControlsTest {

    /** Shorter waits: a broken backend shows its defect at once, and each control runs a single rule. */
    private static final TckEnvironment ENV = new TckEnvironment(0.5);

    static Stream<Arguments> flawsAndTheRulesThatCatchThem() {
        return Stream.of(
                control(new FlawedSequential(FlawedSequential.Flaw.COMPUTES_ON_THE_CALLERS_THREAD),
                        TckRule.P11_NO_KERNEL_CALL_ON_THE_CALLERS_THREAD, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.COMPUTES_ON_ITS_EVENT_LOOP),
                        TckRule.P11_NO_KERNEL_CALL_ON_AN_EVENT_LOOP_THREAD, null),
                control(new PoolBackend(PoolBackend.Flaw.COMPUTES_ON_ITS_EVENT_LOOP),
                        TckRule.P11_BLOCK_HOUND_SEES_NO_BLOCKING_ON_EVENT_LOOPS, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new FlawedSequential(FlawedSequential.Flaw.COMPUTES_ON_THE_CALLERS_THREAD),
                        TckRule.P11_BLOCK_HOUND_SEES_NO_BLOCKING_ON_EVENT_LOOPS, null),
                control(new FlawedSequential(FlawedSequential.Flaw.COMPUTES_ON_THE_CALLERS_THREAD),
                        TckRule.P12_THE_CALLERS_EVENT_LOOP_KEEPS_TICKING, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new FlawedSequential(FlawedSequential.Flaw.DROPS_A_RESULT),
                        TckRule.P2_ONE_RESULT_PER_NUMBER_IN_INPUT_ORDER, sequential()),
                control(new FlawedSequential(FlawedSequential.Flaw.DUPLICATES_A_RESULT),
                        TckRule.P2_ONE_RESULT_PER_NUMBER_IN_COMPLETION_ORDER, sequential()),
                control(new FlawedSequential(FlawedSequential.Flaw.IGNORES_REQUEST),
                        TckRule.P4_NEVER_MORE_ON_NEXT_THAN_REQUESTED, sequential()),
                control(new FlawedSequential(FlawedSequential.Flaw.IGNORES_CANCEL),
                        TckRule.P7_CANCEL_CANCELS_UPSTREAM_AND_ENDS_SIGNALS, sequential()),
                control(new PoolBackend(PoolBackend.Flaw.KEEPS_COMPUTING_AFTER_CANCEL),
                        TckRule.P7_CANCEL_STOPS_NEW_KERNEL_CALLS, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.RANGE_IGNORES_DEMAND_AND_CANCEL),
                        TckRule.P4_NEVER_MORE_ON_NEXT_THAN_REQUESTED_ON_A_RANGE, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.RANGE_IGNORES_DEMAND_AND_CANCEL),
                        TckRule.P5_KERNEL_RUNS_AT_MOST_PREFETCH_AHEAD_OF_DEMAND_ON_A_RANGE,
                        new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.RANGE_IGNORES_DEMAND_AND_CANCEL),
                        TckRule.P7_CANCEL_STOPS_NEW_KERNEL_CALLS_ON_A_RANGE, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.LEAKS_THREADS_AFTER_CLOSE),
                        TckRule.P13_CLOSE_RELEASES_EVERY_THREAD, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.KEEPS_A_HELPER_THREAD_AFTER_CLOSE),
                        TckRule.P13_CLOSE_RELEASES_EVERY_THREAD, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new FlawedSequential(FlawedSequential.Flaw.WRONG_VERDICT_FOR_CARMICHAEL_NUMBERS),
                        TckRule.P1_VERDICTS_ON_EDGE_CASES, sequential()),
                control(new FlawedSequential(FlawedSequential.Flaw.SWALLOWS_UPSTREAM_ERROR),
                        TckRule.P8_UPSTREAM_ERROR_ENDS_THE_STREAM, sequential()),
                control(new PoolBackend(PoolBackend.Flaw.EXCEEDS_PARALLELISM),
                        TckRule.P9_AT_MOST_PARALLELISM_KERNEL_CALLS_AT_ONCE, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.NOT_PARALLEL),
                        TckRule.P9_KERNEL_CALLS_RUN_IN_PARALLEL, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.HOARDS_WAITING_NUMBERS_ON_ONE_WORKER),
                        TckRule.P9_EXPENSIVE_NUMBERS_AFTER_CHEAP_ONES_RUN_IN_PARALLEL, new PoolBackend(PoolBackend.Flaw.NONE)),
                control(new PoolBackend(PoolBackend.Flaw.IGNORES_HELPERS),
                        TckRule.P9_ONE_LONG_TRIAL_DIVISION_IS_SHARED_WITH_IDLE_WORKERS, new PoolBackend(PoolBackend.Flaw.NONE)),
                pool(PoolBackend.Flaw.MILLER_RABIN_WITH_TOO_FEW_BASES, TckRule.P1_VERDICTS_ON_STRONG_PSEUDOPRIMES),
                pool(PoolBackend.Flaw.ELAPSED_IN_MILLIS, TckRule.P2_EACH_RESULT_CARRIES_ITS_NUMBER_VERDICT_AND_KERNEL_TIME),
                pool(PoolBackend.Flaw.EMITS_FROM_WORKERS_WHEN_DEMAND_IS_UNBOUNDED,
                        TckRule.P2_SHORT_SUBSCRIPTIONS_STAY_CLEAN_UNDER_RACING_SIGNALS),
                pool(PoolBackend.Flaw.COMPLETES_WITH_RESULTS_WAITING_FOR_DEMAND,
                        TckRule.P2_SHORT_SUBSCRIPTIONS_STAY_CLEAN_UNDER_RACING_SIGNALS),
                pool(PoolBackend.Flaw.REORDER_BUFFER_RELEASES_IN_COMPLETION_ORDER,
                        TckRule.P3_INPUT_ORDER_IS_KEPT_WHILE_WORKERS_FINISH_OUT_OF_ORDER),
                pool(PoolBackend.Flaw.DEMAND_WRAPS, TckRule.P4_DEMAND_SATURATES_AT_LONG_MAX_VALUE),
                pool(PoolBackend.Flaw.REQUEST_CHECKED_ONLY_BEFORE_A_RESULT, TckRule.P4_NON_POSITIVE_REQUEST_IS_AN_ERROR),
                pool(PoolBackend.Flaw.REORDER_BUFFER_NOT_COUNTED, TckRule.P6_REORDER_BUFFER_COUNTS_AGAINST_MAX_IN_FLIGHT),
                pool(PoolBackend.Flaw.CANCEL_BEFORE_UPSTREAM_LEAVES_IT_SUBSCRIBED, TckRule.P7_CANCEL_AT_EVERY_STAGE),
                pool(PoolBackend.Flaw.CHECK_ASYNC_IGNORES_INTERRUPT,
                        TckRule.P7_CHECK_ASYNC_KEEPS_THE_RULES_OF_A_STREAM_OF_ONE),
                pool(PoolBackend.Flaw.KERNEL_CANCELLATION_TAKEN_FOR_A_CANCEL, TckRule.P8_KERNEL_FAILURE_ENDS_THE_STREAM),
                pool(PoolBackend.Flaw.CHECK_ASYNC_OUTSIDE_ITS_POOL,
                        TckRule.P9_AT_MOST_PARALLELISM_KERNEL_CALLS_AT_ONCE_ACROSS_CALLS),
                pool(PoolBackend.Flaw.SECOND_TERMINAL_SIGNAL_WHEN_FAILURES_RACE,
                        TckRule.P8_ONE_TERMINAL_SIGNAL_WHEN_FAILURES_RACE),
                pool(PoolBackend.Flaw.ACCEPTS_WHAT_THE_UPSTREAM_WAS_NOT_ASKED_FOR,
                        TckRule.P8_UPSTREAM_BREAKING_THE_RULES_ENDS_THE_STREAM),
                pool(PoolBackend.Flaw.ACCEPTS_NUMBERS_FROM_TWO_THREADS_AT_ONCE,
                        TckRule.P8_UPSTREAM_SIGNALLING_FROM_TWO_THREADS_ENDS_THE_STREAM),
                pool(PoolBackend.Flaw.REQUEST_JOINS_ITS_RESULTS,
                        TckRule.P11_SUBSCRIBE_REQUEST_AND_CHECK_ASYNC_RETURN_WHILE_KERNEL_CALLS_ARE_HELD),
                pool(PoolBackend.Flaw.CLOSE_FORGETS_SUBSCRIPTIONS_THAT_NEVER_REQUESTED, TckRule.P13_CLOSE_AT_EVERY_STAGE),
                pool(PoolBackend.Flaw.CLOSE_DOES_NOT_AWAIT_KERNEL_CALLS,
                        TckRule.P13_CLOSE_INTERRUPTS_AND_AWAITS_KERNEL_CALLS),
                pool(PoolBackend.Flaw.CLOSE_DROPS_WAITING_CHECK_ASYNC_CALLS, TckRule.P13_CLOSE_ENDS_CHECK_ASYNC_CALLS),
                pool(PoolBackend.Flaw.THREAD_PER_SUBSCRIPTION_UNTIL_CLOSE,
                        TckRule.P13_SUBSCRIPTIONS_RELEASE_THEIR_THREADS_WHEN_THEY_END));
    }

    private static Arguments control(PrimeCheckerProvider broken, TckRule rule, PrimeCheckerProvider sound) {
        return Arguments.of(broken, rule, sound);
    }

    /** A flaw of the pool backend, against the same backend without it. */
    private static Arguments pool(PoolBackend.Flaw flaw, TckRule rule) {
        return control(new PoolBackend(flaw), rule, new PoolBackend(PoolBackend.Flaw.NONE));
    }

    private static PrimeCheckerProvider sequential() {
        return new FlawlessSequential();
    }

    /**
     * How many times each broken backend runs its rule ({@code -Dprimeflow.tck.controlRuns=10} measures how
     * reliably each flaw is caught); every run must catch it.
     */
    private static final int RUNS = Integer.getInteger("primeflow.tck.controlRuns", 1);

    /** Runs only the controls whose broken backend's name this regex finds ({@code -Dprimeflow.tck.controls=...}). */
    private static final java.util.regex.Pattern ONLY = java.util.regex.Pattern.compile(
            System.getProperty("primeflow.tck.controls", ""));

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("flawsAndTheRulesThatCatchThem")
    void theRuleCatchesTheFlaw(PrimeCheckerProvider broken, TckRule rule, PrimeCheckerProvider sound) {
        org.junit.jupiter.api.Assumptions.assumeTrue(ONLY.matcher(broken.name()).find(), "not selected");
        int caught = 0;
        Throwable failure = null;
        for (int run = 0; run < RUNS; run++) {
            failure = catchThrowable(() -> TckRunner.run(rule, broken, broken.capabilities(), ENV));
            if (failure != null && !(failure instanceof TestAbortedException)) {
                caught++;
            }
        }
        System.out.printf("negative control %s fails %s: caught %d/%d%n", broken.name(), rule.number(), caught, RUNS);
        assertThat(caught).as("%s must fail %s in every run (last outcome: %s)", broken.name(), rule, failure)
                .isEqualTo(RUNS);
        if (sound != null) {
            assertThatCode(() -> TckRunner.run(rule, sound, sound.capabilities(), ENV))
                    .as("%s without the flaw passes %s", sound.name(), rule).doesNotThrowAnyException();
        }
    }

    /** Hoarding an endless range: the child JVM runs out of its 64 MiB, and the rule says so. */
    @Test
    void theHeapRuleCatchesResultsBufferedAheadOfDemand() {
        PrimeCheckerProvider broken = new FlawedSequential.BuffersEveryResult();
        Throwable failure = catchThrowable(() -> TckRunner.run(TckRule.P6_HEAP_STAYS_FLAT_ON_AN_ENDLESS_RANGE,
                broken, broken.capabilities(), ENV));
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("ran out of memory")
                .hasMessageContaining("OutOfMemoryError");
    }

    /** A child JVM that hangs (here: in request(), where the child cannot notice) is killed by the hang guard. */
    @Test
    void theHeapRuleKillsAHungChildJvm() {
        PrimeCheckerProvider broken = new FlawedSequential.HangsInRequest();
        TckEnvironment quick = new TckEnvironment(0.02); // 2.4 s instead of 120 s
        Throwable failure = catchThrowable(() -> TckRunner.run(TckRule.P6_HEAP_STAYS_FLAT_ON_AN_ENDLESS_RANGE,
                broken, broken.capabilities(), quick));
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("did not finish within")
                .hasMessageContaining("killed it");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
                .as("child processes left running").isEmpty();
    }

    /**
     * A slow leak that never reaches the 64 MiB (about 16 MiB over the measured results) fails the growth bound;
     * the same backend without the cache passes.
     */
    @Test
    void theHeapRuleCatchesASlowLeakAndPassesWithoutIt() {
        PrimeCheckerProvider broken = new FlawedSequential.CachesEveryPrime();
        Throwable failure = catchThrowable(() -> TckRunner.run(TckRule.P6_HEAP_STAYS_FLAT_ON_AN_ENDLESS_RANGE,
                broken, broken.capabilities(), ENV));
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("the heap grows")
                .hasMessageNotContaining("OutOfMemoryError");
        PrimeCheckerProvider sound = sequential();
        assertThatCode(() -> TckRunner.run(TckRule.P6_HEAP_STAYS_FLAT_ON_AN_ENDLESS_RANGE, sound,
                sound.capabilities(), ENV)).as("sequential without the cache passes P6 heap")
                .doesNotThrowAnyException();
    }
}
