package io.github.primeflow.engine;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code checkAsync} calls of one checker: each number is a {@link SingleCheck}, one kernel call without a
 * pipeline, queued here and run by at most {@code parallelism} drain tasks on the backend's CPU workers, each in a
 * slot of its own ({@link Workers#drainSlot(int)}).
 *
 * <p>A drain task runs queued checks one after the other for about a batch's time (the default {@link
 * Tuning#targetBatchNanos()}), then hands its worker back to the backend by submitting itself again, so many
 * calls in flight cost one hand-off per slice instead of one per call (a Reactor or Vert.x hand-off costs more than
 * a microsecond kernel call), while a long trial division's helpers, a pipeline's batches and a fair semaphore's
 * other waiters still get the worker within a slice. With one call in flight a check makes one hand-off, as
 * {@code CompletableFuture.supplyAsync} does.
 *
 * <p>The checker's {@link ActivePipelines#closeAll()} ends every call before it returns, the queued ones and the
 * ones the drain tasks hold, without a per-call entry in its set. Thread-safe.
 */
public final class SingleChecks {

    private final String name;
    private final PrimalityTest test;
    private final Workers workers;
    private final Executor helpers;
    private final int parallelism;
    /** How long a drain task keeps its worker while checks are queued. */
    private static final long SLICE_NANOS = Tuning.DEFAULT.targetBatchNanos();

    private final ActivePipelines active;
    private final Queue<SingleCheck> queue = new ConcurrentLinkedQueue<>();
    /**
     * What each drain task holds, for {@link #endAll()}: the check it runs, {@link #TAKING} while it takes one from
     * the queue, or null. Slot {@code s} is at index {@code s * SPREAD}: each worker writes it twice a check, and
     * two workers must not share the cache line.
     */
    private final AtomicReferenceArray<Object> running;
    private static final int SPREAD = 16;
    private static final Object TAKING = new Object();
    /** Drain tasks submitted or running, at most {@link #parallelism}. */
    private final AtomicInteger drainers = new AtomicInteger();
    /** 1 while a drain task holds the slot; never more slots held than {@link #drainers} counts. */
    private final AtomicIntegerArray slotHeld;
    /** The drain task of each slot, submitted again and again. */
    private final Runnable[] drainTasks;
    private int nextSlot;

    /**
     * Creates the checker's single checks.
     *
     * @param name the backend's name, the prefix of every error message
     * @param test the kernel
     * @param workers where the checks run: {@code workers.helpers()}, the backend's CPU workers
     * @param parallelism how many drain tasks may run at once, and the kernel's own parallelism
     * @param active the checker's active work, whose {@code closeAll()} ends every check
     */
    public SingleChecks(String name, PrimalityTest test, Workers workers, int parallelism, ActivePipelines active) {
        this.name = Objects.requireNonNull(name, "name");
        this.test = Objects.requireNonNull(test, "test");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.helpers = workers.helpers();
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.slotHeld = new AtomicIntegerArray(parallelism);
        this.running = new AtomicReferenceArray<>(parallelism * SPREAD);
        this.drainTasks = new Runnable[parallelism];
        for (int slot = 0; slot < parallelism; slot++) {
            int held = slot;
            drainTasks[slot] = () -> drain(held);
        }
        this.active = Objects.requireNonNull(active, "active");
        active.onClose(this::endAll);
    }

    /**
     * Starts checking {@code number}.
     *
     * @param number the number
     * @return the future result, completed on a worker thread; cancelling it stops the check (it never starts, or
     *     its running kernel call is interrupted)
     * @throws IllegalStateException if the checker is closed
     */
    public CompletableFuture<PrimeResult> start(long number) {
        if (active.isClosed()) {
            throw new IllegalStateException("this '" + name + "' PrimeChecker is closed");
        }
        SingleCheck check = new SingleCheck(name, number, test, helpers, parallelism);
        queue.offer(check);
        if (active.isClosed()) { // endAll() may have emptied the queue before the offer
            check.checkerClosed(); // only this one: a check another thread takes from the queue is in its hands
            return check;
        }
        int slot = tryAddDrainer();
        if (slot >= 0) {
            submitDrainer(slot);
        }
        return check;
    }

    /** Counts one more drain task and takes a free slot for it; -1 if {@code parallelism} already run. */
    private int tryAddDrainer() {
        for (;;) {
            int running = drainers.get();
            if (running >= parallelism) {
                return -1; // a running drain task takes the check
            }
            if (drainers.compareAndSet(running, running + 1)) {
                break;
            }
        }
        // A slot is free: fewer than parallelism others are counted, and each holds at most one. The search starts
        // after the slot taken last, so that calls one at a time go to the workers in turn, as a shared pool's
        // queue hands them out: the worker that just completed a call (and woke its caller) is the slowest to
        // reach (one call in flight on Reactor: 43 us a call always on the same worker, 22 us in turn).
        int first = nextSlot;
        for (;;) {
            for (int i = 0; i < parallelism; i++) {
                int slot = (first + i) % parallelism;
                if (slotHeld.get(slot) == 0 && slotHeld.compareAndSet(slot, 0, 1)) {
                    nextSlot = slot + 1 == parallelism ? 0 : slot + 1; // racy on purpose: only a hint
                    return slot;
                }
            }
        }
    }

    private void releaseDrainer(int slot) {
        slotHeld.set(slot, 0); // before the count, so that the slots held never exceed it
        drainers.decrementAndGet();
    }

    private void submitDrainer(int slot) {
        try {
            workers.drainSlot(slot).execute(drainTasks[slot]);
        } catch (RuntimeException e) { // RejectedExecutionException: the workers closed under us
            releaseDrainer(slot);
            for (SingleCheck check; (check = queue.poll()) != null; ) {
                check.end(new PrimeCheckException(name + ": the workers rejected the check of " + check.number
                        + " (were they closed?): " + e, e));
            }
        }
    }

    /**
     * The drain task holding {@code slot}: runs queued checks for a slice, then submits itself again or, with
     * nothing queued, ends.
     */
    private void drain(int slot) {
        int held = slot;
        int index = slot * SPREAD;
        long sliceStart = System.nanoTime();
        for (;;) {
            running.set(index, TAKING);
            SingleCheck check = queue.poll();
            running.set(index, check);
            if (check == null) {
                releaseDrainer(held);
                // A check queued after the poll, by a caller that saw this task still counted, must not wait.
                if (queue.isEmpty() || (held = tryAddDrainer()) < 0) {
                    return;
                }
                if (held != slot) { // run where the slot runs, not beside another slot's next task
                    submitDrainer(held);
                    return;
                }
                continue;
            }
            if (active.isClosed()) { // queued after endAll() emptied the queue: its kernel call must not start
                check.checkerClosed();
            }
            Throwable fatal = check.runHere();
            if (fatal != null) {
                // The worker's own handler gets the JVM-fatal error; a new task in this slot takes the queue.
                submitDrainer(held);
                Batch.throwUnchecked(fatal);
            }
            if (System.nanoTime() - sliceStart >= SLICE_NANOS && !queue.isEmpty()) {
                submitDrainer(held); // hand the worker back; the new task keeps this one's slot
                return;
            }
        }
    }

    /**
     * Ends every check when the checker closes, each before returning: the queued ones, and the one each drain
     * task holds. A check a drain task takes after this looked at its slot was queued after the queue was emptied
     * here, by a {@link #start} that then sees the checker closed and ends it; the drain task ends it too.
     */
    private void endAll() {
        for (SingleCheck check; (check = queue.poll()) != null; ) {
            check.checkerClosed();
        }
        for (int slot = 0; slot < parallelism; slot++) {
            Object held;
            while ((held = running.get(slot * SPREAD)) == TAKING) {
                Thread.onSpinWait(); // a drain task is inside queue.poll(): the check it takes is in neither place
            }
            if (held != null) {
                ((SingleCheck) held).checkerClosed();
            }
        }
    }
}
