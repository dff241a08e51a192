package io.github.primeflow.benchmarks.jmh;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.benchmarks.workload.Workloads;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.Predicate;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload F, one number per call, as a service that checks one number per request does: {@value #CALLS} calls of
 * {@code checkAsync(n)} on a 10-digit prime ({@value #NUMBER}), never more than {@code inFlight} outstanding (a
 * new call starts when one completes), against {@code CompletableFuture.supplyAsync(() -> kernel.isPrime(n),
 * pool)} on a fixed pool of {@code parallelism} = cores threads with the same kernel. Time per operation is the
 * time for all {@value #CALLS} calls: at {@code inFlight = 256} it measures throughput (target: a backend takes at
 * most 1 / 0.8 of the baseline's time), at {@code inFlight = 1} latency (target: at most 2×). {@value #CALLS} is
 * four windows of 256, so most calls start while the window is full, as in a busy service (with 256 calls an
 * operation was one burst that never waited for the window). Three forks of 3 short iterations: a fork settles
 * into one of two speeds and keeps it (Reactor at 256 in flight: 2.0–2.2 or 2.6–2.8 ms per operation), so the
 * verdict needs several JVMs more than long ones; an operation takes 3–150 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 3, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRE_TOUCH})
@State(Scope.Benchmark)
public class OneNumberBenchmark {

    /** Calls per operation. */
    public static final int CALLS = 1024;
    /** The largest 10-digit prime. */
    public static final long NUMBER = 9_999_999_967L;

    /** Calls outstanding at most. */
    @Param({"1", "16", "256"})
    public int inFlight;

    /** The kernel: {@code trial} (about 10^5 / 2 divisions a call) or {@code miller-rabin} (about a microsecond). */
    @Param({"trial", "miller-rabin"})
    public String algorithm;

    private PrimalityTest kernel;

    /** Picks the kernel and checks, independently of it, that the number is prime. */
    @Setup(Level.Trial)
    public void prepare() {
        kernel = algorithm.equals("trial") ? PrimalityTest.trialDivision() : PrimalityTest.millerRabin();
        if (!BigInteger.valueOf(NUMBER).isProbablePrime(64)) {
            throw new IllegalStateException(NUMBER + " is not prime");
        }
    }

    /**
     * {@value #CALLS} calls of {@code checkAsync}.
     *
     * @param backend the checker, as workloads B and C create it
     * @return the primes found ({@value #CALLS})
     */
    @Benchmark
    public int backend(ManyNumbersBenchmark.Backend backend) throws InterruptedException {
        PrimeChecker checker = backend.checker(kernel);
        return calls(checker::checkAsync, PrimeResult::prime);
    }

    /**
     * {@value #CALLS} calls of {@code CompletableFuture.supplyAsync(() -> kernel.isPrime(n), pool)}.
     *
     * @param pool the pool
     * @return the primes found ({@value #CALLS})
     */
    @Benchmark
    public int supplyAsync(CorePool pool) throws InterruptedException {
        PrimalityTest test = kernel;
        ExecutorService executor = pool.executor;
        return calls(n -> CompletableFuture.supplyAsync(() -> test.isPrime(n), executor), prime -> prime);
    }

    /**
     * Makes {@value #CALLS} calls, at most {@code inFlight} outstanding, and counts the primes: one dependent stage
     * per call for every subject, the verdict read from what the call returns.
     */
    private <T> int calls(LongFunction<CompletableFuture<T>> call, Predicate<T> isPrime) throws InterruptedException {
        Semaphore window = new Semaphore(inFlight);
        AtomicInteger primes = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < CALLS; i++) {
            window.acquire();
            call.apply(NUMBER).whenComplete((result, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (isPrime.test(result)) {
                    primes.incrementAndGet();
                }
                window.release();
            });
        }
        window.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("F: a call failed", failure.get());
        }
        return (int) Workloads.verify("F: " + CALLS + " calls on a prime", CALLS, primes.get());
    }
}
