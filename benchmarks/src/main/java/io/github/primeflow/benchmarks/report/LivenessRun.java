package io.github.primeflow.benchmarks.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One loop of workload D: the lateness of its 10 ms tick while a backend was saturated.
 *
 * @param backend the backend under load
 * @param kind {@code pipeline} (the loop driving the pipeline: the backend's own event loop or the caller's)
 *     or {@code caller} (an unrelated caller loop)
 * @param loop a description of the loop
 * @param ticks how many ticks were recorded (corrected for coordinated omission)
 * @param p50Ms median lateness
 * @param p99Ms 99th percentile lateness
 * @param maxMs largest lateness
 * @param checkedPerSecond the workload's throughput meanwhile, showing it kept the workers busy
 * @param p99PerRoundMs each round's p99 when the harness ran several rounds ({@code p99Ms} is then their median);
 *     a single round's p99 otherwise
 */
public record LivenessRun(String backend, String kind, String loop, long ticks, double p50Ms, double p99Ms,
        double maxMs, long checkedPerSecond, List<Double> p99PerRoundMs) {

    /** The harness's name for its control: spinning threads, no backend. */
    public static final String CONTROL = "control";

    /** Copies the rounds. */
    public LivenessRun {
        p99PerRoundMs = List.copyOf(p99PerRoundMs);
    }

    /**
     * Whether this is the control (the same loops next to plain spinning threads), which has no target.
     *
     * @return true for the control
     */
    public boolean isControl() {
        return backend.equals(CONTROL);
    }

    /**
     * Reads the harness's JSON output.
     *
     * @param json the file written by {@code LivenessHarness}
     * @return the runs, in file order
     * @throws IllegalArgumentException if the text is not the harness's format
     */
    public static List<LivenessRun> parse(String json) {
        JsonObject root;
        try {
            root = new JsonObject(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a liveness result: " + e.getMessage(), e);
        }
        JsonArray runs = root.getJsonArray("runs");
        if (runs == null) {
            throw new IllegalArgumentException("a liveness result needs 'runs'");
        }
        List<LivenessRun> result = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            JsonObject r = runs.getJsonObject(i);
            JsonArray rounds = r.getJsonArray("p99PerRoundMs", new JsonArray().add(r.getDouble("p99Ms")));
            List<Double> p99PerRound = new ArrayList<>(rounds.size());
            for (int k = 0; k < rounds.size(); k++) {
                p99PerRound.add(rounds.getDouble(k));
            }
            result.add(new LivenessRun(r.getString("backend"), r.getString("kind"), r.getString("loop"),
                    r.getLong("ticks", 0L), r.getDouble("p50Ms"), r.getDouble("p99Ms"), r.getDouble("maxMs"),
                    r.getLong("checkedPerSecond", 0L), p99PerRound));
        }
        return result;
    }
}
