package io.github.primeflow.engine;

import java.util.concurrent.Executor;

/**
 * Where a backend runs the kernel calls of its pipelines: the one thing, besides {@link SignalContext}, that
 * differs between backends. Implementations must be thread-safe.
 */
public interface Workers {

    /**
     * A new lane for one pipeline. A pipeline creates at most {@link #lanesPerPipeline(int)} lanes and gives
     * each one batch at a time, so that many batches of it run or wait at once (P9 when that is
     * {@code parallelism}).
     *
     * @return a lane, started lazily if it holds resources
     */
    Lane newLane();

    /**
     * How many batches one pipeline hands over at once. {@code parallelism} keeps at most that many kernel
     * calls of a pipeline running; a pool of exactly {@code parallelism} threads may take more, so that a thread
     * finishing a batch takes the next from its queue instead of waiting for the pipeline to hand one over.
     *
     * @param parallelism the pipeline's {@link io.github.primeflow.CheckerOptions#parallelism()}
     * @return at least {@code parallelism}
     */
    default int lanesPerPipeline(int parallelism) {
        return parallelism;
    }

    /**
     * Where a long trial division finds helper tasks
     * ({@link io.github.primeflow.PrimalityTest#isPrime(long, Executor, int)}); never the calling thread.
     *
     * @return the helpers' executor
     */
    Executor helpers();

    /**
     * Where drain task {@code slot} of the checker's single checks runs ({@link SingleChecks}; {@code 0 <= slot <
     * parallelism}, one drain task per slot at a time). By default every slot uses {@link #helpers()}; a backend
     * whose executor binds each task to one thread when it is submitted gives every slot a thread of its own, so
     * that two drain tasks never wait on one thread while another one idles.
     *
     * @param slot the slot
     * @return the slot's executor; it throws {@link java.util.concurrent.RejectedExecutionException} once the
     *     workers are closed
     */
    default Executor drainSlot(int slot) {
        return helpers();
    }

    /** Runs the batches a pipeline gives it, one at a time. */
    interface Lane {

        /**
         * Starts {@code batch} on a worker thread, never on the calling thread: {@link Batch#run()} for a local
         * lane; a remote lane sends {@link Batch#numbers()} and later calls {@link Batch#complete} or
         * {@link Batch#fail}. It must not interrupt a thread to stop the batch: the batch stops itself, and
         * interrupts only its own kernel call.
         *
         * @param batch the batch
         * @throws java.util.concurrent.RejectedExecutionException if the lane's resources are closed; the
         *     pipeline then ends with an error
         */
        void start(Batch batch);

        /**
         * The pipeline stopped while {@code batch} was started and not finished; called once per such batch, on
         * the stopping thread. A local batch stops itself; a remote lane cancels the batch where it runs, and
         * calls {@link Batch#abandon()} once no kernel call of it runs any more.
         *
         * @param batch the batch
         */
        default void stop(Batch batch) {
        }

        /**
         * Called once, when the pipeline has ended and the lane runs no batch: frees what the lane holds.
         * Must not interrupt any thread.
         */
        default void release() {
        }
    }
}
