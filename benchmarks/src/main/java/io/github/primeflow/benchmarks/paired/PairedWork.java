package io.github.primeflow.benchmarks.paired;

import io.github.primeflow.benchmarks.workload.Workloads;
import java.util.Arrays;

/** The two pieces of work of workload A, each sized to take about as long as the other on one core. */
enum PairedWork {
    /** The 20 seed numbers in one call, as {@code SeedBatchBenchmark} checks them. */
    BATCH("seed batch", 1.9, Workloads.seedBatch()),
    /**
     * The 16-digit prime, checked in eight calls one after another, as {@code SinglePrimeBenchmark} checks it once:
     * eight so that a subject's time is long against the clock and comparable with the batch's.
     */
    PRIME("single 16-digit prime", 1.8, repeat(Workloads.SINGLE_PRIME, 8));

    private final String description;
    private final double target;
    private final long[][] calls;
    private final long expectedPrimes;

    PairedWork(String description, double target, long[]... calls) {
        this.description = description;
        this.target = target;
        this.calls = calls;
        this.expectedPrimes = Arrays.stream(calls).mapToLong(Workloads::primesAmong).sum();
    }

    private static long[][] repeat(long number, int times) {
        long[][] calls = new long[times][];
        Arrays.fill(calls, new long[] {number});
        return calls;
    }

    String description() {
        return description;
    }

    /** The speedup over {@code sequential} that workload A asks of every backend (issue 9). */
    double target() {
        return target;
    }

    /** The calls a backend gets, one pipeline each; not to be modified. */
    long[][] calls() {
        return calls;
    }

    long expectedPrimes() {
        return expectedPrimes;
    }
}
