/**
 * Workload A in paired rounds ({@link io.github.primeflow.benchmarks.paired.PairedSpeedup}): every round times
 * {@code sequential}, the control and a backend back to back, so the verdict on A's speedup targets does not
 * depend on which minute of a virtual machine each of them met.
 */
package io.github.primeflow.benchmarks.paired;
