package io.github.primeflow.benchmarks.jmh;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.benchmarks.workload.Drain;
import io.github.primeflow.benchmarks.workload.Workloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload A, one number: the heaviest seed number ({@value Workloads#SINGLE_PRIME}, a 16-digit prime) on
 * each backend at parallelism = cores, against the {@code sequential} backend. Only a backend that splits
 * one number's divisors across cores can beat 1×; the target is 1.8×.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRE_TOUCH})
@State(Scope.Benchmark)
public class SinglePrimeBenchmark {

    /** The backend; {@code sequential} is the reference. */
    @Param({"sequential", "reactor", "rxjava", "vertx", "loom"})
    public String backend;

    private PrimeChecker checker;

    /** Starts the checker at parallelism = cores. */
    @Setup(Level.Trial)
    public void open() {
        checker = Backends.open(backend, Backends.cores(), PrimalityTest.trialDivision());
    }

    /** Closes the checker and its threads. */
    @TearDown(Level.Trial)
    public void close() {
        checker.close();
    }

    /**
     * Checks the 16-digit prime.
     *
     * @return 1 (it is prime)
     */
    @Benchmark
    public long check() {
        return Workloads.verify("single 16-digit prime", 1, Drain.countPrimes(checker.check(Workloads.SINGLE_PRIME)));
    }
}
