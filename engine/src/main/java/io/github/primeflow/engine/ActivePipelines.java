package io.github.primeflow.engine;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipelines of one checker that have started and not ended, so that the checker's {@code close()} ends them.
 * Thread-safe.
 */
public final class ActivePipelines {

    private final Set<Pipeline> active = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
    private volatile boolean closed;

    /** Creates an empty, open set. */
    public ActivePipelines() {
    }

    /**
     * Ends every active pipeline with a {@link io.github.primeflow.PrimeCheckException} saying the checker was
     * closed, and stops their kernel calls (interrupting the running ones); a pipeline that starts later ends
     * the same way at once. Returns without waiting for the kernel calls to end. Idempotent.
     *
     * @return completes once every pipeline has signalled its end (or been cancelled)
     */
    public CompletableFuture<Void> closeAll() {
        closed = true;
        for (Pipeline pipeline : active) {
            pipeline.checkerClosed();
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

    /** Adds a starting pipeline; false if the checker is closed (the pipeline must then end). */
    boolean add(Pipeline pipeline) {
        active.add(pipeline);
        if (closed) { // closeAll() may have iterated before the add
            active.remove(pipeline);
            return false;
        }
        return true;
    }

    void remove(Pipeline pipeline) {
        active.remove(pipeline);
        completeIfEnded();
    }
}
