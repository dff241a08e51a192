package io.github.primeflow.engine;

import io.github.primeflow.PrimeCheckException;
import java.util.Objects;

/**
 * Consecutive numbers of one pipeline checked as one task, and their results as arrays: the kernel task.
 *
 * <p>{@link #run()} checks the numbers one after the other on a worker thread, publishing its progress to the
 * pipeline now and then. {@link #stop()}, from any thread, makes it start no further kernel call and interrupts
 * the one running, through its {@link KernelGate}: the interrupt reaches the worker only while it is inside
 * this batch's kernel calls, never while it hands results to the pipeline (whose drain loop may be delivering
 * to a subscriber on that thread) or after it returned to its pool; and the worker clears the flag before it
 * leaves, so no stray interrupt ever hits other code on the same thread.
 *
 * <p>A kernel that throws ends the pipeline with a {@link PrimeCheckException} naming the number. A JVM-fatal
 * error ({@link VirtualMachineError}, {@link LinkageError}) also ends it, so the subscriber learns which number
 * was lost, and is then rethrown on the worker thread, as reactor-core's {@code Exceptions.throwIfJvmFatal}
 * does, so the thread's own handler sees it instead of it being swallowed into a stream.
 */
public final class Batch implements Runnable {

    private final Pipeline pipeline;
    final Workers.Lane lane;
    final long[] numbers;
    final boolean[] primes;
    final long[] nanos;
    private final KernelGate gate = new KernelGate();
    /** Results written so far, published at most every {@code Tuning.deliverEveryNanos}, and at the end. */
    volatile int completed;
    /** Confined to the drain loop: results of this batch delivered so far. */
    int delivered;

    Batch(Pipeline pipeline, Workers.Lane lane, long[] numbers) {
        this.pipeline = pipeline;
        this.lane = lane;
        this.numbers = numbers;
        this.primes = new boolean[numbers.length];
        this.nanos = new long[numbers.length];
    }

    /**
     * The numbers to check, in order; a remote lane sends them.
     *
     * @return the numbers (do not modify)
     */
    public long[] numbers() {
        return numbers;
    }

    /**
     * Whether the pipeline has stopped: no kernel call of it may start. A remote lane checks it before sending.
     *
     * @return true once cancelled, failed, closed or completed
     */
    public boolean isStopped() {
        return pipeline.isStopped();
    }

    /** Checks the numbers on the calling worker thread, then hands the lane back to the pipeline. */
    @Override
    public void run() {
        Throwable fatal = null;
        try {
            if (gate.enter()) { // else stopped before it started: no kernel call at all
                fatal = checkNumbers();
            }
        } finally {
            pipeline.batchFinished(this);
        }
        if (fatal != null) {
            throwUnchecked(fatal);
        }
    }

    /**
     * The kernel loop, entered inside the gate and left outside it with no interrupt of ours pending; returns a
     * JVM-fatal error to rethrow, else null.
     */
    private Throwable checkNumbers() {
        // Locals, not fields: after each read of the volatile stop flag the fields would be read again.
        final long[] numbers = this.numbers;
        final boolean[] primes = this.primes;
        final long[] nanos = this.nanos;
        final Pipeline pipeline = this.pipeline;
        final long deliverEvery = pipeline.deliverEveryNanos;
        int checked = 0;
        long busy = 0;
        long start = System.nanoTime();
        long deliveredAt = start;
        boolean inKernel = true;
        try {
            while (checked < numbers.length) {
                if (pipeline.isStopped()) {
                    return null;
                }
                long number = numbers[checked];
                boolean prime;
                try {
                    prime = pipeline.isPrime(number);
                } catch (Throwable e) {
                    if (!pipeline.isStopped()) { // an interrupt of ours is not a failure
                        pipeline.fail(new PrimeCheckException(
                                pipeline.name + ": the primality test failed for " + number + ": " + e, e));
                    }
                    return e instanceof VirtualMachineError || e instanceof LinkageError ? e : null;
                }
                // One clock read per number: the end of this check is the start of the next one.
                long end = System.nanoTime();
                long elapsed = end - start;
                start = end;
                busy += elapsed;
                primes[checked] = prime;
                nanos[checked] = elapsed;
                checked++;
                if (checked < numbers.length && end - deliveredAt >= deliverEvery) {
                    completed = checked;
                    inKernel = false;
                    if (!gate.leave()) {
                        return null; // stopped meanwhile
                    }
                    pipeline.drain(); // delivers what is done; may signal the subscriber on this thread
                    if (!gate.enter()) {
                        return null; // stopped while outside: nothing was interrupted
                    }
                    inKernel = true;
                    start = deliveredAt = System.nanoTime();
                }
            }
            return null;
        } finally {
            if (inKernel) {
                gate.leave();
            }
            completed = checked;
            pipeline.measured(busy, checked);
        }
    }

    /**
     * Stops the batch from any thread: it never starts a kernel call, or its running one is interrupted.
     * Idempotent.
     *
     * @return true the first time, if the batch had not ended
     */
    boolean stop() {
        return gate.stop();
    }

    /**
     * The pipeline this batch belongs to.
     *
     * @return the pipeline
     */
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Completes a batch that ran elsewhere (a remote lane) with its results, in the order of {@link #numbers()}.
     *
     * @param primes the verdicts
     * @param nanos the kernel time of each check
     * @throws IllegalArgumentException if an array's length differs from the batch's
     */
    public void complete(boolean[] primes, long[] nanos) {
        Objects.requireNonNull(primes, "primes");
        Objects.requireNonNull(nanos, "nanos");
        if (primes.length != numbers.length || nanos.length != numbers.length) {
            throw new IllegalArgumentException("a batch of " + numbers.length + " numbers got " + primes.length
                    + " verdicts and " + nanos.length + " times");
        }
        System.arraycopy(primes, 0, this.primes, 0, primes.length);
        System.arraycopy(nanos, 0, this.nanos, 0, nanos.length);
        long busy = 0;
        for (long n : nanos) {
            busy += n;
        }
        pipeline.measured(busy, numbers.length);
        completed = numbers.length;
        gate.stop(); // nothing runs here: only marks the batch ended, so a later stop() reports nothing to do
        pipeline.batchFinished(this);
    }

    /**
     * Ends a batch that ran elsewhere with a failure: the pipeline ends with {@code error} (unless it has
     * already ended), and the lane is free again.
     *
     * @param error what the subscriber receives
     */
    public void fail(RuntimeException error) {
        pipeline.fail(Objects.requireNonNull(error, "error"));
        abandon();
    }

    /** Ends a batch that ran elsewhere without results, once its pipeline has stopped: the lane is free again. */
    public void abandon() {
        gate.stop();
        pipeline.batchFinished(this);
    }

    int size() {
        return numbers.length;
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> void throwUnchecked(Throwable t) throws T {
        throw (T) t;
    }
}
