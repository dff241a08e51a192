package io.github.primeflow.engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pipelines of one checker that have started and not ended, and its {@link SingleChecks}, so that the
 * checker's {@code close()} ends them. Thread-safe.
 */
public final class ActivePipelines {

    private final Set<CheckerWork> active = ConcurrentHashMap.newKeySet();
    /**
     * Work that lasts as long as the checker and ends its own checks on close, before returning: the single
     * checks, which keep no entry per call here (at 256 calls in flight an entry's three contended map operations
     * took 12 % of the CPU samples).
     */
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
    private volatile boolean closed;

    /** Creates an empty, open set. */
    public ActivePipelines() {
    }

    /**
     * Ends every active pipeline and single check with a {@link io.github.primeflow.PrimeCheckException} saying
     * the checker was closed, and stops their kernel calls (interrupting the running ones); a pipeline that starts
     * later ends the same way at once, and a single check cannot start. Returns without waiting for the kernel
     * calls to end. Idempotent.
     *
     * @return completes once every pipeline has signalled its end (or been cancelled) and every single check has
     *     completed
     */
    public CompletableFuture<Void> closeAll() {
        closed = true;
        for (CheckerWork work : active) {
            work.checkerClosed();
        }
        for (Runnable endChecks : closeHooks) {
            endChecks.run();
        }
        completeIfEnded();
        return allEnded;
    }

    private void completeIfEnded() {
        if (closed && active.isEmpty()) {
            allEnded.complete(null);
        }
    }

    /**
     * After {@link #closeAll()}: waits, at most {@code timeout}, until every pipeline has signalled its end, so that
     * a backend stopping its threads afterwards interrupts no subscriber inside {@code onNext}. Returns at once when
     * the calling thread is inside a signal of one of them (it would wait for itself); an interrupt of the waiting
     * thread ends the wait and stays set.
     *
     * @param timeout the longest wait
     */
    public void awaitSignalsEnded(Duration timeout) {
        Thread current = Thread.currentThread();
        for (CheckerWork work : active) {
            if (work.signalsOn(current)) {
                return;
            }
        }
        try {
            allEnded.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // a subscriber's signal outlived the timeout: the backend's stop is all that is left
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // allEnded only ever completes normally
        } catch (InterruptedException e) {
            current.interrupt();
        }
    }

    /**
     * Whether {@link #closeAll()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * How many pipelines are active.
     *
     * @return the count
     */
    public int size() {
        return active.size();
    }

    /** Adds starting work; false if the checker is closed (the work must then end, or not start). */
    boolean add(CheckerWork work) {
        active.add(work);
        if (closed) { // closeAll() may have iterated before the add
            active.remove(work);
            return false;
        }
        return true;
    }

    /**
     * Has {@code endChecks} run in {@link #closeAll()}, after {@link #isClosed()} turned true and before
     * {@code closeAll()} returns (at once if the checker is closed already); it must end every check it stands for
     * before it returns.
     */
    void onClose(Runnable endChecks) {
        closeHooks.add(endChecks);
        if (closed) {
            endChecks.run();
        }
    }

    void remove(CheckerWork work) {
        active.remove(work);
        completeIfEnded();
    }
}
