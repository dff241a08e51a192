/**
 * What the benchmarks run besides the backends: the inputs and their expected answers, a blocking drain of a
 * result publisher, and the baselines (for loop, parallel stream, the seed's job queue, the naive per-number
 * pipelines, the bare trial-division loop).
 */
package io.github.primeflow.benchmarks.workload;
