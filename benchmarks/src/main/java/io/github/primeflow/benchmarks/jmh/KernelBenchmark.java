package io.github.primeflow.benchmarks.jmh;

import io.github.primeflow.MillerRabin;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.TrialDivision;
import io.github.primeflow.benchmarks.workload.BareTrialDivision;
import io.github.primeflow.benchmarks.workload.Workloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels on one thread: {@code trialDivision()} against the same loop without interrupt polling (target:
 * within 5 %), and {@code millerRabin()} in checks per second per core on random 63-bit numbers (target:
 * at least 2 × 10<sup>6</sup>).
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRE_TOUCH})
@State(Scope.Benchmark)
public class KernelBenchmark {

    /** Random numbers per Miller–Rabin invocation: enough to average over, small enough for L1. */
    private static final int BATCH = 1024;

    /** The largest prime below 10<sup>12</sup>: 5 × 10<sup>5</sup> divisions, about a millisecond. */
    private long trialPrime = 999_999_999_989L;
    private final TrialDivision trialDivision = PrimalityTest.trialDivision();
    private final MillerRabin millerRabin = PrimalityTest.millerRabin();
    private long[] randomNumbers;

    /** Draws the Miller–Rabin inputs. */
    @Setup(Level.Trial)
    public void prepare() {
        randomNumbers = Workloads.random63Bit(BATCH);
    }

    /**
     * The library's trial division of a 12-digit prime.
     *
     * @return the verdict
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean trialDivision() {
        return trialDivision.isPrime(trialPrime);
    }

    /**
     * The bare loop: same divisions, no polling.
     *
     * @return the verdict
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean bareTrialDivision() {
        return BareTrialDivision.isPrime(trialPrime);
    }

    /**
     * Miller–Rabin on {@value #BATCH} random 63-bit numbers; JMH divides by the batch, so the score is checks
     * per second on one thread.
     *
     * @return the prime count, so no check is dead code
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public int millerRabin() {
        int primes = 0;
        for (long n : randomNumbers) {
            if (millerRabin.isPrime(n)) {
                primes++;
            }
        }
        return primes;
    }
}
