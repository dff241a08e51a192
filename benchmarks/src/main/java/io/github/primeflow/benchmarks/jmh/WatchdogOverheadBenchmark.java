package io.github.primeflow.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.primeflow.blocking.EventLoops;
import io.github.primeflow.blocking.LagWatchdog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of primeflow-blocking's production watchdog: the throughput of an event loop (a single-thread
 * executor running small tasks, as a service's loop does) without a watchdog, and with a {@link LagWatchdog}
 * ticking every 10 ms (its default) and every 1 ms (ten times more often than needed). One run, so the ratios
 * compare like with like; quoted in blocking/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRE_TOUCH})
public class WatchdogOverheadBenchmark {

    /** Tasks per invocation. */
    static final int BATCH = 10_000;
    /** Work per task, in JMH's CPU tokens (about a microsecond): a small handler. */
    static final long TASK_TOKENS = 200;

    /** {@code none}, or the watchdog's tick interval in milliseconds. */
    @Param({"none", "10", "1"})
    public String watchdog;

    private ExecutorService loop;
    private LagWatchdog lagWatchdog;

    @Setup(Level.Trial)
    public void start() {
        loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "benchmark-loop"));
        if (!watchdog.equals("none")) {
            lagWatchdog = LagWatchdog.watch(EventLoops.executor("benchmark-loop", loop))
                    .tickInterval(Duration.ofMillis(Long.parseLong(watchdog)))
                    .reportStallsTo(Duration.ofMinutes(1), stall -> { })
                    .start();
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        if (lagWatchdog != null) {
            lagWatchdog.close();
        }
        loop.shutdownNow();
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Loop throughput: tasks per second through the loop. Each task, a small handler, queues the next one on
     * the loop, as handlers that answer events with more events do, so the loop runs its queue flat out while
     * the watchdog's ticks join that queue; only the batch's start and end cross threads.
     *
     * @return the batch's result, so that JMH keeps the work
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object loopTasks() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(new Handler(BATCH, done));
        return done.join();
    }

    /** A handler that does a little work and queues the next handler until the batch is through. */
    private final class Handler implements Runnable {
        private final int remaining;
        private final CompletableFuture<Void> done;

        Handler(int remaining, CompletableFuture<Void> done) {
            this.remaining = remaining;
            this.done = done;
        }

        @Override
        public void run() {
            Blackhole.consumeCPU(TASK_TOKENS);
            if (remaining > 1) {
                loop.execute(new Handler(remaining - 1, done));
            } else {
                done.complete(null);
            }
        }
    }
}
