package io.github.primeflow.engine;

import java.util.concurrent.Executor;

/**
 * Where a pipeline's drain loop runs, and so where its subscriber's {@code onNext}, {@code onError} and
 * {@code onComplete} come from. The loop is serial whatever the context (one thread at a time, handed over with
 * a work-in-progress counter); a context only chooses the thread.
 */
public interface SignalContext {

    /** Any thread that signals the pipeline runs the loop: the lock-free drain of Reactor and RxJava. */
    SignalContext ANY_THREAD = new SignalContext() {
        @Override
        public boolean isCurrent() {
            return true;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public String toString() {
            return "any thread";
        }
    };

    /**
     * Whether the calling thread may run the drain loop in place.
     *
     * @return true on the context's own thread
     */
    boolean isCurrent();

    /**
     * Runs the drain loop on the context later, in submission order with other tasks of the context.
     *
     * @param task the loop
     * @throws java.util.concurrent.RejectedExecutionException if the context is gone; the pipeline then runs
     *     the loop on the calling thread, so that its subscriber still learns how it ended
     */
    void execute(Runnable task);

    /**
     * A context that always hands the loop to {@code executor}, such as a new virtual thread per burst of
     * signals: no caller's thread ever delivers a result.
     *
     * @param executor where the loop runs
     * @return the context
     */
    static SignalContext of(Executor executor) {
        return new SignalContext() {
            @Override
            public boolean isCurrent() {
                return false;
            }

            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }

            @Override
            public String toString() {
                return executor.toString();
            }
        };
    }
}
