package io.github.primeflow.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one interrupt protocol of a kernel task: a worker thread {@linkplain #enter() enters} before its kernel
 * calls and {@linkplain #leave() leaves} after them; {@link #stop()}, from any thread, keeps it from entering again
 * and interrupts it only while it is inside. A worker never leaves with an interrupt of ours pending, so no
 * stray interrupt reaches other code on its thread: a subscriber's {@code onNext} it delivers to next, or the
 * next task of its pool.
 */
public final class KernelGate {

    private static final int OUTSIDE = 0;
    private static final int INSIDE = 1;
    private static final int INTERRUPTING = 2;
    private static final int STOPPED = 3;

    /** A field, not an {@code AtomicInteger}: a gate is made for every batch and every single check. */
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(KernelGate.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state; // OUTSIDE
    private volatile Thread worker;

    /** Creates an open gate. */
    public KernelGate() {
    }

    /**
     * The calling worker thread is about to call the kernel.
     *
     * @return false if the gate is stopped: no kernel call may start
     */
    public boolean enter() {
        worker = Thread.currentThread();
        return STATE.compareAndSet(this, OUTSIDE, INSIDE);
    }

    /**
     * The calling worker thread is done with the kernel for now. If the gate was stopped meanwhile, waits for the
     * stopping thread's interrupt to land and clears it.
     *
     * @return false if the gate was stopped
     */
    public boolean leave() {
        if (STATE.compareAndSet(this, INSIDE, OUTSIDE)) {
            return true;
        }
        while (state == INTERRUPTING) {
            Thread.onSpinWait(); // the stopping thread is between its compare-and-set and interrupt()
        }
        Thread.interrupted(); // ours, if it landed after the kernel returned: not the thread's business
        return false;
    }

    /**
     * Stops the gate from any thread: the worker enters no more, and is interrupted if it is inside. Idempotent.
     *
     * @return true the first time
     */
    public boolean stop() {
        for (;;) {
            int s = state;
            if (s == INSIDE) {
                if (STATE.compareAndSet(this, INSIDE, INTERRUPTING)) {
                    try {
                        worker.interrupt();
                    } finally {
                        state = STOPPED;
                    }
                    return true;
                }
            } else if (s == OUTSIDE) {
                if (STATE.compareAndSet(this, OUTSIDE, STOPPED)) {
                    return true;
                }
            } else {
                return false;
            }
        }
    }

    /**
     * Whether {@link #stop()} was called.
     *
     * @return true once stopped
     */
    public boolean isStopped() {
        int s = state;
        return s == INTERRUPTING || s == STOPPED;
    }
}
