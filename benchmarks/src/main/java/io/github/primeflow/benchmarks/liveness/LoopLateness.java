package io.github.primeflow.benchmarks.liveness;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The tick lateness of one loop in one round of workload D.
 *
 * @param subject the backend under load, or {@link SpinningThreads#NAME}
 * @param kind {@code pipeline} (the loop driving the pipeline) or {@code caller} (an unrelated loop)
 * @param loop a description of the loop
 * @param micros the lateness of its ticks, in microseconds
 * @param workPerSecond the load's throughput meanwhile (numbers checked, or blocks of spinning)
 */
record LoopLateness(String subject, String kind, String loop, Histogram micros, double workPerSecond) {

    /** This round alone, as the log shows it. */
    JsonObject describe() {
        return new JsonObject()
                .put("backend", subject)
                .put("kind", kind)
                .put("loop", loop)
                .put("ticks", micros.getTotalCount())
                .put("p50Ms", p50Ms())
                .put("p99Ms", p99Ms())
                .put("maxMs", micros.getMaxValue() / 1000.0)
                .put("checkedPerSecond", Math.round(workPerSecond));
    }

    /**
     * One loop over its rounds: the medians of the rounds' p50, p99 and throughput, the largest max, all ticks,
     * and each round's p99.
     *
     * @param rounds the same loop's rounds, in order
     * @return the summary, in the format {@code LivenessRun} reads
     */
    static JsonObject summarise(List<LoopLateness> rounds) {
        LoopLateness first = rounds.get(0);
        JsonArray p99s = new JsonArray();
        rounds.forEach(r -> p99s.add(r.p99Ms()));
        return new JsonObject()
                .put("backend", first.subject)
                .put("kind", first.kind)
                .put("loop", first.loop)
                .put("ticks", rounds.stream().mapToLong(r -> r.micros.getTotalCount()).sum())
                .put("p50Ms", median(rounds.stream().mapToDouble(LoopLateness::p50Ms).toArray()))
                .put("p99Ms", median(rounds.stream().mapToDouble(LoopLateness::p99Ms).toArray()))
                .put("maxMs", rounds.stream().mapToDouble(r -> r.micros.getMaxValue() / 1000.0).max().orElseThrow())
                .put("checkedPerSecond", Math.round(median(rounds.stream().mapToDouble(r -> r.workPerSecond).toArray())))
                .put("p99PerRoundMs", p99s);
    }

    private double p50Ms() {
        return micros.getValueAtPercentile(50) / 1000.0;
    }

    private double p99Ms() {
        return micros.getValueAtPercentile(99) / 1000.0;
    }

    /** The middle value, or the mean of the two middle ones. */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
