package io.github.primeflow.benchmarks.jmh;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.benchmarks.workload.Baselines;
import io.github.primeflow.benchmarks.workload.Drain;
import io.github.primeflow.benchmarks.workload.JobQueue;
import io.github.primeflow.benchmarks.workload.NaivePipelines;
import io.github.primeflow.benchmarks.workload.Workloads;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Flow;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Workloads B and C share one shape: many cheap checks, where the per-number overhead of a concurrency model
 * dominates. Each backend (parallelism = cores) runs against the same baselines in the same run:
 * {@code sequential}, a {@code for} loop, {@code LongStream.parallel()} (the reference of the targets), the
 * seed's job queue and the naive per-number pipeline of each library. Subclasses say which numbers and which
 * kernel; JMH generates the benchmarks for each subclass.
 */
public abstract class ManyNumbersBenchmark {

    /** The workload's name, for error messages. */
    protected abstract String workload();

    /** The kernel. */
    protected abstract PrimalityTest kernel();

    /** The numbers as a fresh sequential stream. */
    protected abstract LongStream numbers();

    /**
     * The numbers as a publisher of results from {@code checker}.
     *
     * @param checker the checker
     * @return the cold result publisher
     */
    protected abstract Flow.Publisher<PrimeResult> check(PrimeChecker checker);

    /** The right prime count, computed independently of the code under test. */
    protected abstract long expected();

    /**
     * The plain {@code for} loop over the numbers, written for the workload's source (a range or an array) so
     * that no stream or iterator sits between the loop and the kernel.
     *
     * @param test the kernel
     * @return the prime count
     */
    protected abstract long countWithForLoop(PrimalityTest test);

    private long verify(long primes) {
        return Workloads.verify(workload(), expected(), primes);
    }

    /**
     * One backend at parallelism = cores, for the trial. The checker is created by the first (warm-up)
     * invocation, because only the benchmark knows the kernel; it is closed after the trial.
     */
    @State(Scope.Benchmark)
    public static class Backend {
        /** The backend under test. */
        @Param({"reactor", "rxjava", "vertx", "loom"})
        public String backend;
        private PrimeChecker checker;

        PrimeChecker checker(PrimalityTest kernel) {
            if (checker == null) {
                checker = Backends.open(backend, Backends.cores(), kernel);
            }
            return checker;
        }

        /** Closes the checker and its threads. */
        @TearDown(Level.Trial)
        public void close() {
            if (checker != null) {
                checker.close();
            }
        }
    }

    /** The {@code sequential} backend, created like {@link Backend}. */
    @State(Scope.Benchmark)
    public static class Sequential {
        private PrimeChecker checker;

        PrimeChecker checker(PrimalityTest kernel) {
            if (checker == null) {
                checker = Backends.open(PrimeCheckers.SEQUENTIAL, 1, kernel);
            }
            return checker;
        }

        /** Closes the checker. */
        @TearDown(Level.Trial)
        public void close() {
            if (checker != null) {
                checker.close();
            }
        }
    }

    /** A Vert.x instance and a worker pool of one thread per core, for the naive {@code executeBlocking}. */
    @State(Scope.Benchmark)
    public static class VertxWorkers {
        Vertx vertx;
        WorkerExecutor workers;

        /** Starts Vert.x and the pool. */
        @Setup(Level.Trial)
        public void open() {
            vertx = Vertx.vertx();
            workers = vertx.createSharedWorkerExecutor("naive-execute-blocking", Backends.cores());
        }

        /** Closes the pool and Vert.x, waiting for their threads. */
        @TearDown(Level.Trial)
        public void close() {
            workers.close().await();
            vertx.close().await();
        }
    }

    /** Shuts the global Reactor and RxJava schedulers the naive pipelines start, so their threads end too. */
    @State(Scope.Benchmark)
    public static class GlobalSchedulers {
        /** Stops the schedulers. */
        @TearDown(Level.Trial)
        public void shutdown() {
            reactor.core.scheduler.Schedulers.shutdownNow();
            io.reactivex.rxjava3.schedulers.Schedulers.shutdown();
        }
    }

    /**
     * A backend checks every number.
     *
     * @param state the backend
     * @return the prime count
     */
    @Benchmark
    public long backend(Backend state) {
        return verify(Drain.countPrimes(check(state.checker(kernel()))));
    }

    /**
     * The {@code sequential} backend.
     *
     * @param state the checker
     * @return the prime count
     */
    @Benchmark
    public long sequential(Sequential state) {
        return verify(Drain.countPrimes(check(state.checker(kernel()))));
    }

    /**
     * A plain {@code for} loop on the benchmark thread.
     *
     * @return the prime count
     */
    @Benchmark
    public long forLoop() {
        return verify(countWithForLoop(kernel()));
    }

    /**
     * {@code LongStream.parallel()}: the JVM ceiling the targets are relative to.
     *
     * @return the prime count
     */
    @Benchmark
    public long parallelStream() {
        return verify(Baselines.parallelStream(numbers(), kernel()));
    }

    /**
     * The seed's job queue with poison pills, one worker per core.
     *
     * @return the prime count
     */
    @Benchmark
    public long jobQueue() {
        return verify(JobQueue.countPrimes(numbers().iterator(), Backends.cores(), kernel()));
    }

    /**
     * Reactor's naive {@code flatMap(... subscribeOn(parallel()))}.
     *
     * @param schedulers shut down after the trial
     * @return the prime count
     */
    @Benchmark
    public long naiveReactor(GlobalSchedulers schedulers) {
        return verify(NaivePipelines.reactor(numbers(), kernel()));
    }

    /**
     * RxJava's naive {@code flatMap(... subscribeOn(computation()))}.
     *
     * @param schedulers shut down after the trial
     * @return the prime count
     */
    @Benchmark
    public long naiveRxJava(GlobalSchedulers schedulers) {
        return verify(NaivePipelines.rxJava(numbers(), kernel()));
    }

    /**
     * A virtual thread per number.
     *
     * @return the prime count
     */
    @Benchmark
    public long naiveLoom() {
        return verify(NaivePipelines.virtualThreadPerNumber(numbers(), kernel()));
    }

    /**
     * Vert.x {@code executeBlocking} per number.
     *
     * @param state Vert.x and its worker pool
     * @return the prime count
     */
    @Benchmark
    public long naiveVertx(VertxWorkers state) {
        return verify(NaivePipelines.vertxExecuteBlocking(numbers(), state.workers, kernel()));
    }
}
