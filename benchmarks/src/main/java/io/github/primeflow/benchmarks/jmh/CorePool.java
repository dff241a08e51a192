package io.github.primeflow.benchmarks.jmh;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One platform thread per core, started once per trial so that no operation pays for starting threads: the pool of
 * the baselines that use plain threads.
 */
@State(Scope.Benchmark)
public class CorePool {
    ExecutorService executor;

    /** Starts the threads. */
    @Setup(Level.Trial)
    public void open() {
        executor = Executors.newFixedThreadPool(Backends.cores());
    }

    /**
     * Stops the threads.
     *
     * @throws InterruptedException if interrupted while waiting for them to end
     */
    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
