package io.github.primeflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link SingleChecks}: many {@code checkAsync} calls drained by at most {@code parallelism} tasks. The races that
 * matter are a check queued just as the last drain task finds the queue empty (it must not be stranded) and the
 * drain tasks' count (never above {@code parallelism}, back to zero when idle).
 */
class SingleChecksTest {

    private static final int ROUNDS = Integer.getInteger("primeflow.stressRounds", 2_000);
    private static final long WAIT_SECONDS = 30;

    @Test
    void checksFromManyThreadsAllCompleteWithAtMostParallelismKernelCallsAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        PrimalityTest counting = n -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                long end = System.nanoTime() + 20_000; // long enough for calls on other workers to overlap
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return PrimalityTest.millerRabin().isPrime(n);
            } finally {
                running.decrementAndGet();
            }
        };
        try (PoolLanes lanes = new PoolLanes(4)) {
            ActivePipelines active = new ActivePipelines();
            SingleChecks singles = new SingleChecks("single", counting, lanes, 2, active);
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < ROUNDS / 2; round++) {
                    // Bursts of calls from four threads, so calls meet drain tasks that are just ending.
                    CountDownLatch go = new CountDownLatch(1);
                    List<CompletableFuture<CompletableFuture<PrimeResult>>> calls = new ArrayList<>();
                    for (int caller = 0; caller < 4; caller++) {
                        long number = 1_000_003L + round % 3 + caller;
                        calls.add(CompletableFuture.supplyAsync(() -> {
                            await(go);
                            return singles.start(number);
                        }, callers));
                    }
                    go.countDown();
                    for (CompletableFuture<CompletableFuture<PrimeResult>> call : calls) {
                        PrimeResult result = call.get(WAIT_SECONDS, TimeUnit.SECONDS).get(WAIT_SECONDS, TimeUnit.SECONDS);
                        assertThat(result.prime()).isEqualTo(PrimalityTest.trialDivision().isPrime(result.number()));
                    }
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(mostAtOnce.get()).as("kernel calls at once, parallelism 2 on a pool of 4").isBetween(1, 2);
            assertThat(lanes.thrown).isEmpty();
            assertThat(lanes.strayInterrupts).hasValue(0);
        }
    }

    @Test
    void drainTasksRunOnTheirSlotsExecutorsAndEverySlotIsUsed() throws Exception {
        int parallelism = 3;
        AtomicInteger[] runs = new AtomicInteger[parallelism];
        for (int slot = 0; slot < parallelism; slot++) {
            runs[slot] = new AtomicInteger();
        }
        try (PoolLanes lanes = new PoolLanes(parallelism + 1)) {
            Workers slotted = new Workers() {
                @Override
                public Lane newLane() {
                    return lanes.newLane();
                }

                @Override
                public java.util.concurrent.Executor helpers() {
                    return lanes.helpers();
                }

                @Override
                public java.util.concurrent.Executor drainSlot(int slot) {
                    return task -> lanes.helpers().execute(() -> {
                        runs[slot].incrementAndGet();
                        task.run();
                    });
                }
            };
            AtomicInteger calls = new AtomicInteger();
            PrimalityTest slow = n -> {
                calls.incrementAndGet();
                long end = System.nanoTime() + 20_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return true;
            };
            SingleChecks singles = new SingleChecks("single", slow, slotted, parallelism, new ActivePipelines());
            int checked = 0;
            for (int round = 0; round < ROUNDS / 10; round++) {
                List<CompletableFuture<PrimeResult>> checks = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    checks.add(singles.start(i));
                }
                checked += checks.size();
                CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            assertThat(calls).hasValue(checked);
            for (AtomicInteger slotRuns : runs) {
                assertThat(slotRuns.get()).as("drain tasks run per slot").isPositive();
            }
            assertThat(lanes.thrown).isEmpty();
        }
    }

    /** A worker that just completed a call is the slowest to reach: on Reactor, 43 us a call against 22 us. */
    @Test
    void callsOneAtATimeGoToTheSlotsInTurn() throws Exception {
        List<Integer> slots = new ArrayList<>();
        Workers inline = new Workers() {
            @Override
            public Lane newLane() {
                throw new UnsupportedOperationException("single checks take no lane");
            }

            @Override
            public java.util.concurrent.Executor helpers() {
                return Runnable::run;
            }

            @Override
            public java.util.concurrent.Executor drainSlot(int slot) {
                return task -> {
                    slots.add(slot);
                    task.run(); // the whole drain, on the calling thread: the call has completed on return
                };
            }
        };
        SingleChecks singles = new SingleChecks("single", PrimalityTest.millerRabin(), inline, 3, new ActivePipelines());
        for (int i = 0; i < 7; i++) {
            assertThat(singles.start(97).get(WAIT_SECONDS, TimeUnit.SECONDS).prime()).isTrue();
        }
        assertThat(slots).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void aCheckQueuedAsTheOnlyDrainTaskFindsTheQueueEmptyIsStillRun() throws Exception {
        try (PoolLanes lanes = new PoolLanes(2)) {
            ActivePipelines active = new ActivePipelines();
            SingleChecks singles = new SingleChecks("single", PrimalityTest.millerRabin(), lanes, 1, active);
            for (int round = 0; round < 10 * ROUNDS; round++) {
                CompletableFuture<PrimeResult> first = singles.start(1_000_003);
                // The first check takes about a microsecond: the second one arrives around the drain task's end.
                long until = System.nanoTime() + ThreadLocalRandom.current().nextInt(3_000);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                CompletableFuture<PrimeResult> second = singles.start(1_000_033);
                assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS).prime()).isTrue();
                assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS).prime()).isTrue();
            }
        }
    }

    @Test
    void aDrainTaskHandsItsWorkerBackWhileChecksAreStillQueued() throws Exception {
        try (PoolLanes lanes = new PoolLanes(1)) {
            ActivePipelines active = new ActivePipelines();
            AtomicBoolean otherTaskRan = new AtomicBoolean();
            AtomicInteger checkedBeforeIt = new AtomicInteger();
            AtomicInteger checked = new AtomicInteger();
            CountDownLatch first = new CountDownLatch(1);
            CountDownLatch everythingSubmitted = new CountDownLatch(1);
            PrimalityTest slow = n -> {
                if (checked.incrementAndGet() == 1) { // holds the worker until the other task is queued
                    first.countDown();
                    await(everythingSubmitted);
                }
                long end = System.nanoTime() + 50_000; // 50 µs each: 4 fill a slice
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return true;
            };
            SingleChecks singles = new SingleChecks("single", slow, lanes, 1, active);
            List<CompletableFuture<PrimeResult>> checks = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) { // 50 ms of queued work
                checks.add(singles.start(i));
            }
            assertThat(first.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            lanes.helpers().execute(() -> {
                checkedBeforeIt.set(checked.get());
                otherTaskRan.set(true);
            });
            everythingSubmitted.countDown();
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(otherTaskRan).isTrue();
            assertThat(checkedBeforeIt.get()).as("checks run before a task submitted during the first one")
                    .isLessThan(500);
        }
    }

    /**
     * A check is in the queue, in a drain task's hands between the queue and its slot, or running: close must find
     * it in each place, while callers on other threads keep starting checks.
     */
    @Test
    void closeRacingCallsFromOtherThreadsLeavesEveryReturnedCheckEndedAndStartsNoKernelCallAfter() throws Exception {
        AtomicInteger startedAfterClose = new AtomicInteger();
        AtomicInteger endedByClose = new AtomicInteger();
        try (PoolLanes lanes = new PoolLanes(2)) {
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < ROUNDS / 2; round++) {
                    ActivePipelines active = new ActivePipelines();
                    AtomicBoolean closeReturned = new AtomicBoolean();
                    PrimalityTest kernel = n -> {
                        if (closeReturned.get() && !Thread.currentThread().isInterrupted()) {
                            startedAfterClose.incrementAndGet();
                        }
                        return PrimalityTest.millerRabin().isPrime(n);
                    };
                    SingleChecks singles = new SingleChecks("single", kernel, lanes, 2, active);
                    Queue<CompletableFuture<PrimeResult>> returned = new ConcurrentLinkedQueue<>();
                    List<Future<?>> calling = new ArrayList<>();
                    for (int caller = 0; caller < 2; caller++) {
                        calling.add(callers.submit(() -> {
                            try {
                                for (long n = 1_000_003; ; n++) {
                                    returned.add(singles.start(n));
                                }
                            } catch (IllegalStateException closed) {
                                return closed.getMessage();
                            }
                        }));
                    }
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000));
                    assertThat(active.closeAll()).isDone();
                    closeReturned.set(true);
                    for (CompletableFuture<PrimeResult> check : returned) {
                        assertThat(check).as("returned before close() did: ended when it returns").isDone();
                    }
                    for (Future<?> caller : calling) {
                        assertThat(caller.get(WAIT_SECONDS, TimeUnit.SECONDS)).asString().contains("closed");
                    }
                    for (CompletableFuture<PrimeResult> check : returned) {
                        assertThat(check).as("returned at all: ended").isDone();
                        check.handle((result, error) -> {
                            if (error == null) {
                                assertThat(result.prime()).isEqualTo(
                                        PrimalityTest.trialDivision().isPrime(result.number()));
                            } else {
                                assertThat(error).isInstanceOf(PrimeCheckException.class)
                                        .hasMessageContaining("was closed before the check of");
                                endedByClose.incrementAndGet();
                            }
                            return null;
                        }).join();
                    }
                }
            } finally {
                callers.shutdownNow();
            }
            lanes.pool.submit(() -> { }).get();
            assertThat(startedAfterClose).as("kernel calls started after close returned").hasValue(0);
            assertThat(endedByClose.get()).as("checks ended by close").isPositive();
            assertThat(lanes.strayInterrupts).hasValue(0);
            assertThat(lanes.thrown).isEmpty();
        }
    }

    @Test
    void workersThatRejectTheDrainTaskEndEveryQueuedCheckNamingItsNumber() {
        Workers closed = new Workers() {
            @Override
            public Lane newLane() {
                throw new AssertionError("single checks need no lane");
            }

            @Override
            public java.util.concurrent.Executor helpers() {
                return task -> {
                    throw new RejectedExecutionException("shut down");
                };
            }
        };
        ActivePipelines active = new ActivePipelines();
        SingleChecks singles = new SingleChecks("single", PrimalityTest.trialDivision(), closed, 2, active);
        for (long n = 5; n < 9; n++) {
            CompletableFuture<PrimeResult> check = singles.start(n);
            assertThat(check).failsWithin(0, TimeUnit.SECONDS).withThrowableThat().havingCause()
                    .isInstanceOf(PrimeCheckException.class).withMessageContaining("rejected the check of " + n);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
