package io.github.primeflow.benchmarks.liveness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Workload D's control: one plain platform thread per core doing arithmetic until {@link #close()}, the load any
 * CPU-saturating program puts on the scheduler, with no pipeline, hand-off or allocation.
 */
final class SpinningThreads implements AutoCloseable {

    /** The control's name in the results, where a backend's name would be. */
    static final String NAME = "control";

    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder spins = new LongAdder();
    private volatile boolean stopped;

    private SpinningThreads() {
    }

    /**
     * Starts {@code count} spinning daemon threads.
     *
     * @param count how many
     * @return the running threads
     */
    static SpinningThreads start(int count) {
        SpinningThreads spinning = new SpinningThreads();
        for (int i = 0; i < count; i++) {
            Thread thread = Thread.ofPlatform().name("spinning control " + i).daemon().start(spinning::spin);
            spinning.threads.add(thread);
        }
        return spinning;
    }

    /** Blocks of arithmetic done so far, all threads together. */
    long spins() {
        return spins.sum();
    }

    private void spin() {
        long x = Thread.currentThread().threadId();
        while (!stopped) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L; // a dependent chain the JIT cannot drop
            }
            spins.add(x == 0 ? 2 : 1); // reads x, so the chain is not dead code; x is practically never 0
        }
    }

    /** Stops the threads and waits for them to end. */
    @Override
    public void close() {
        stopped = true;
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the daemon threads end on their own once they see the flag
        }
    }
}
