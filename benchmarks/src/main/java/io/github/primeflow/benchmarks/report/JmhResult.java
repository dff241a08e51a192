package io.github.primeflow.benchmarks.report;

import java.util.Map;

/**
 * One row of JMH's JSON output: a benchmark method with one set of parameters.
 *
 * @param benchmark {@code SimpleClassName.method}, e.g. {@code SeedBatchBenchmark.backend}
 * @param params the JMH parameters ({@code backend}, {@code parallelism}, ...), empty if none
 * @param unit the score unit, e.g. {@code ms/op} or {@code ops/s}
 * @param median the median over all measurement iterations, with JMH's score error
 * @param iterations how many measurement iterations (all forks)
 */
public record JmhResult(String benchmark, Map<String, String> params, String unit, Estimate median, int iterations) {

    /**
     * Compact constructor: copies the parameters.
     */
    public JmhResult {
        params = Map.copyOf(params);
    }

    /**
     * A parameter's value.
     *
     * @param name the parameter
     * @return its value, or {@code null} if the benchmark has no such parameter
     */
    public String param(String name) {
        return params.get(name);
    }
}
