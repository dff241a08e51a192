/**
 * The JMH benchmarks: workload A ({@link io.github.primeflow.benchmarks.jmh.SeedBatchBenchmark},
 * {@link io.github.primeflow.benchmarks.jmh.SinglePrimeBenchmark}), B
 * ({@link io.github.primeflow.benchmarks.jmh.FineRangeBenchmark}), C
 * ({@link io.github.primeflow.benchmarks.jmh.RandomMillerRabinBenchmark}) and the kernels
 * ({@link io.github.primeflow.benchmarks.jmh.KernelBenchmark}), each with its baselines in the same run.
 */
package io.github.primeflow.benchmarks.jmh;
