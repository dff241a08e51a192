/**
 * Workload D: the lateness of periodic ticks on event loops while a backend saturates every core
 * ({@link io.github.primeflow.benchmarks.liveness.LivenessHarness}).
 */
package io.github.primeflow.benchmarks.liveness;
