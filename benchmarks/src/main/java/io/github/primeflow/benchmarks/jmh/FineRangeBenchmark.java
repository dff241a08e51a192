package io.github.primeflow.benchmarks.jmh;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.benchmarks.workload.Baselines;
import io.github.primeflow.benchmarks.workload.Workloads;
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
 * Workload B, fine: count the primes in {@code [1, rangeEnd)} with trial division (10<sup>7</sup> by default;
 * the quick mode passes {@code -p rangeEnd=1000000}). Most checks cost nanoseconds to a few microseconds, so
 * the per-number overhead of each concurrency model shows. Backends get the range through
 * {@code checkRange}, the baselines through {@code LongStream.range}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRE_TOUCH})
@State(Scope.Benchmark)
public class FineRangeBenchmark extends ManyNumbersBenchmark {

    /** One past the last number checked. */
    @Param({"10000000"})
    public long rangeEnd;

    private long expected;

    /** Counts the primes with a sieve, independently of the kernels. */
    @Setup(Level.Trial)
    public void prepare() {
        expected = Workloads.primesBelow(rangeEnd);
    }

    @Override
    protected String workload() {
        return "B: primes below " + rangeEnd;
    }

    @Override
    protected PrimalityTest kernel() {
        return PrimalityTest.trialDivision();
    }

    @Override
    protected LongStream numbers() {
        return LongStream.range(1, rangeEnd);
    }

    @Override
    protected Flow.Publisher<PrimeResult> check(PrimeChecker checker) {
        return checker.checkRange(1, rangeEnd);
    }

    @Override
    protected long countWithForLoop(PrimalityTest test) {
        return Baselines.forLoop(1, rangeEnd, test);
    }

    @Override
    protected long expected() {
        return expected;
    }
}
