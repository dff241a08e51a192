package io.github.primeflow.benchmarks.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the file JMH writes with {@code -rf json}. Only what the report needs: the benchmark, its parameters,
 * the unit, the median (the 50th percentile JMH computes over every measurement iteration) and the score
 * error (JMH writes the string {@code "NaN"} when there are too few iterations for one).
 */
public final class JmhJson {

    private JmhJson() {
    }

    /**
     * Parses JMH's JSON.
     *
     * @param json the file's contents: an array of benchmark results
     * @return one result per benchmark and parameter set, in file order
     * @throws IllegalArgumentException if the text is not JMH's format
     */
    public static List<JmhResult> parse(String json) {
        JsonArray rows;
        try {
            rows = new JsonArray(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JMH JSON result array: " + e.getMessage(), e);
        }
        List<JmhResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            results.add(parseRow(rows.getJsonObject(i)));
        }
        return results;
    }

    private static JmhResult parseRow(JsonObject row) {
        String benchmark = row.getString("benchmark");
        JsonObject metric = row.getJsonObject("primaryMetric");
        if (benchmark == null || metric == null) {
            throw new IllegalArgumentException("a JMH result needs 'benchmark' and 'primaryMetric': " + row.encode());
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonObject jsonParams = row.getJsonObject("params", new JsonObject());
        jsonParams.forEach(e -> params.put(e.getKey(), String.valueOf(e.getValue())));
        JsonObject percentiles = metric.getJsonObject("scorePercentiles", new JsonObject());
        double median = percentiles.containsKey("50.0")
                ? number(percentiles.getValue("50.0"))
                : number(metric.getValue("score"));
        int iterations = 0;
        JsonArray raw = metric.getJsonArray("rawData", new JsonArray());
        for (int fork = 0; fork < raw.size(); fork++) {
            iterations += raw.getJsonArray(fork).size();
        }
        return new JmhResult(shortName(benchmark), params, metric.getString("scoreUnit"),
                new Estimate(median, number(metric.getValue("scoreError"))), iterations);
    }

    /** {@code io.github...jmh.SeedBatchBenchmark.backend} becomes {@code SeedBatchBenchmark.backend}. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /** JMH writes numbers, or strings such as {@code "NaN"} for undefined ones. */
    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
