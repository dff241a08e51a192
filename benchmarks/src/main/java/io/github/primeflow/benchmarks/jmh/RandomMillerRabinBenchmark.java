package io.github.primeflow.benchmarks.jmh;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.benchmarks.workload.Baselines;
import io.github.primeflow.benchmarks.workload.Workloads;
import java.util.Arrays;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload C, very fine: {@code count} random 63-bit numbers (fixed seed) with Miller–Rabin, which averages
 * well under a microsecond per number, so any per-number hop costs more than the work itself.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRE_TOUCH})
@State(Scope.Benchmark)
public class RandomMillerRabinBenchmark extends ManyNumbersBenchmark {

    /** How many random numbers. */
    @Param({"1000000"})
    public int count;

    private long[] numbers;
    private long expected;

    /** Draws the numbers and counts their primes on this thread. */
    @Setup(Level.Trial)
    public void prepare() {
        numbers = Workloads.random63Bit(count);
        expected = Workloads.primesAmong(numbers);
    }

    @Override
    protected String workload() {
        return "C: " + count + " random 63-bit numbers";
    }

    @Override
    protected PrimalityTest kernel() {
        return PrimalityTest.millerRabin();
    }

    @Override
    protected LongStream numbers() {
        return Arrays.stream(numbers);
    }

    @Override
    protected Flow.Publisher<PrimeResult> check(PrimeChecker checker) {
        return checker.check(numbers);
    }

    @Override
    protected long countWithForLoop(PrimalityTest test) {
        return Baselines.forLoop(numbers, test);
    }

    @Override
    protected long expected() {
        return expected;
    }
}
