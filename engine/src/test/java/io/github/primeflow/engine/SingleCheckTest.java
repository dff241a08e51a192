package io.github.primeflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link SingleCheck}: one number without a pipeline. The kit holds every backend's {@code checkAsync} to the
 * rules of a stream of one; these are the races of its own state machine, run thousands of times: cancel and
 * close against the start and the end of the kernel call.
 */
class SingleCheckTest {

    private static final int ROUNDS = Integer.getInteger("primeflow.stressRounds", 2_000);
    private static final long WAIT_SECONDS = 30;
    /** A product of two 7-digit primes: trial division takes 10-50 µs. */
    private static final long TENS_OF_MICROS = 1_000_003L * 1_000_033L;

    private static CompletableFuture<PrimeResult> start(long number, PrimalityTest test, Workers workers,
            ActivePipelines active) {
        return new SingleChecks("single", test, workers, 2, active).start(number);
    }

    @Test
    void aCheckCompletesWithTheKernelsVerdictAndLeavesTheActiveWork() throws Exception {
        try (PoolLanes lanes = new PoolLanes(2)) {
            ActivePipelines active = new ActivePipelines();
            PrimeResult prime = start(1_000_003, PrimalityTest.trialDivision(), lanes, active)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            PrimeResult composite = start(TENS_OF_MICROS, PrimalityTest.trialDivision(), lanes, active)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(prime.number()).isEqualTo(1_000_003);
            assertThat(prime.prime()).isTrue();
            assertThat(composite.prime()).isFalse();
            assertThat(composite.elapsedNanos()).isPositive();
            assertThat(active.closeAll()).isDone();
        }
    }

    @Test
    void cancelRacingTheKernelCallEndsOnceLeavesNoInterruptAndStartsNothingAfter() throws Exception {
        AtomicInteger startedAfterCancel = new AtomicInteger();
        AtomicInteger interruptsSeenByDependents = new AtomicInteger();
        try (PoolLanes lanes = new PoolLanes(2)) {
            ActivePipelines active = new ActivePipelines();
            int cancelled = 0;
            for (int round = 0; round < ROUNDS; round++) {
                AtomicBoolean cancelReturned = new AtomicBoolean();
                PrimalityTest kernel = n -> {
                    // A call that entered before the cancel was interrupted by it; any other one started after it.
                    if (cancelReturned.get() && !Thread.currentThread().isInterrupted()) {
                        startedAfterCancel.incrementAndGet();
                    }
                    return PrimalityTest.trialDivision().isPrime(n);
                };
                CompletableFuture<PrimeResult> check = start(TENS_OF_MICROS, kernel, lanes, active);
                CompletableFuture<Boolean> dependent = check.thenApply(r -> {
                    if (Thread.currentThread().isInterrupted()) {
                        interruptsSeenByDependents.incrementAndGet();
                    }
                    return r.prime();
                });
                LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(60_000));
                if (check.cancel(ThreadLocalRandom.current().nextBoolean())) {
                    cancelReturned.set(true);
                    cancelled++;
                    assertThatThrownBy(() -> dependent.get(WAIT_SECONDS, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(CancellationException.class);
                } else {
                    assertThat(dependent.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
                }
            }
            lanes.pool.shutdown();
            assertThat(lanes.pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("every task ended").isTrue();
            assertThat(startedAfterCancel).as("kernel calls started after cancel returned").hasValue(0);
            assertThat(lanes.strayInterrupts).hasValue(0);
            assertThat(lanes.thrown).isEmpty();
            assertThat(interruptsSeenByDependents).hasValue(0);
            assertThat(cancelled).as("rounds where the cancel won, of %d", ROUNDS).isPositive();
        }
    }

    @Test
    void closeRacingChecksInFlightEndsEachOnceAndTheCloseFutureCompletes() throws Exception {
        try (PoolLanes lanes = new PoolLanes(2)) {
            for (int round = 0; round < ROUNDS / 4; round++) {
                ActivePipelines active = new ActivePipelines();
                CompletableFuture<?>[] checks = new CompletableFuture<?>[8];
                for (int i = 0; i < checks.length; i++) {
                    checks[i] = start(TENS_OF_MICROS + 2L * i, PrimalityTest.trialDivision(), lanes, active);
                }
                LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(100_000));
                assertThat(active.closeAll()).isDone();
                for (CompletableFuture<?> check : checks) {
                    assertThat(check).as("ended when closeAll() returns").isDone();
                    check.handle((r, e) -> {
                        assertThat(r != null || e instanceof PrimeCheckException).as("result or close error: %s", e)
                                .isTrue();
                        if (e != null) {
                            assertThat(e).hasMessageStartingWith("single: the PrimeChecker was closed before the check of ");
                        }
                        return null;
                    }).get(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                assertThatThrownBy(() -> start(7, PrimalityTest.trialDivision(), lanes, active))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            }
            lanes.pool.submit(() -> { }).get();
            assertThat(lanes.strayInterrupts).hasValue(0);
            assertThat(lanes.thrown).isEmpty();
        }
    }

    @Test
    void aKernelErrorNamesTheNumberAndAJvmFatalOneAlsoReachesTheWorkerThread() throws Exception {
        try (PoolLanes lanes = new PoolLanes(1)) {
            ActivePipelines active = new ActivePipelines();
            CompletableFuture<PrimeResult> ordinary = start(42, n -> {
                throw new ArithmeticException("no");
            }, lanes, active);
            assertThatThrownBy(() -> ordinary.get(WAIT_SECONDS, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(PrimeCheckException.class)
                    .hasMessageStartingWith("single: the primality test failed for 42: java.lang.ArithmeticException");
            CompletableFuture<PrimeResult> fatal = start(43, n -> {
                throw new StackOverflowError("deep");
            }, lanes, active);
            assertThatThrownBy(() -> fatal.get(WAIT_SECONDS, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(PrimeCheckException.class).hasMessageContaining("failed for 43")
                    .hasCauseInstanceOf(StackOverflowError.class);
            lanes.pool.submit(() -> { }).get();
            assertThat(lanes.thrown).singleElement().isInstanceOf(StackOverflowError.class);
        }
    }
}
