package io.github.primeflow.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds JMH results and their JSON for the tests. */
final class Fixtures {

    static final String PACKAGE = "io.github.primeflow.benchmarks.jmh.";

    private Fixtures() {
    }

    static JmhResult result(String benchmark, double median, double error, String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new JmhResult(benchmark, map, benchmark.startsWith("KernelBenchmark.millerRabin") ? "ops/s" : "ms/op",
                new Estimate(median, error), 3);
    }

    /** A full run: A at parallelism 1 and 2, the single prime, B, C and the kernels. */
    static List<JmhResult> fullRun() {
        List<JmhResult> r = new ArrayList<>();
        r.add(result("SeedBatchBenchmark.sequential", 900, 9));
        r.add(result("SeedBatchBenchmark.forLoop", 890, 9));
        r.add(result("SeedBatchBenchmark.parallelStream", 500, 5));
        r.add(result("SeedBatchBenchmark.jobQueue", 545, 5));
        // Each of the 2 cores checked the batch in 947 ms at once: 2 x 900 / 947 = 1.90x, with no split at all.
        r.add(result("SeedBatchBenchmark.allCores", 947, 9));
        for (String backend : Analysis.BACKENDS) {
            r.add(result("SeedBatchBenchmark.backend", 900, 9, "backend", backend, "parallelism", "1"));
            // vertx is the slow one at parallelism 2: 900 / 600 = 1.5x, a miss.
            r.add(result("SeedBatchBenchmark.backend", backend.equals("vertx") ? 600 : 450, 4.5,
                    "backend", backend, "parallelism", "2"));
        }
        r.add(result("SinglePrimeBenchmark.check", 100, 1, "backend", "sequential"));
        for (String backend : Analysis.BACKENDS) {
            r.add(result("SinglePrimeBenchmark.check", 52, 1, "backend", backend));
        }
        for (String type : List.of("FineRangeBenchmark", "RandomMillerRabinBenchmark")) {
            String param = type.startsWith("Fine") ? "rangeEnd" : "count";
            r.add(result(type + ".parallelStream", 100, 2, param, "1000000"));
            r.add(result(type + ".sequential", 200, 2, param, "1000000"));
            r.add(result(type + ".naiveReactor", 5000, 50, param, "1000000"));
            r.add(result(type + ".naiveRxJava", 6000, 60, param, "1000000"));
            r.add(result(type + ".naiveVertx", 1000, 10, param, "1000000"));
            r.add(result(type + ".naiveLoom", 800, 8, param, "1000000"));
            for (String backend : Analysis.BACKENDS) {
                r.add(result(type + ".backend", backend.equals("rxjava") ? 200 : 110, 2, param, "1000000",
                        "backend", backend));
            }
        }
        r.add(result("KernelBenchmark.bareTrialDivision", 1000, 5));
        r.add(result("KernelBenchmark.trialDivision", 1020, 5));
        r.add(result("KernelBenchmark.millerRabin", 3.5e6, 1e5));
        return r;
    }

    static List<LivenessRun> liveness() {
        return List.of(
                new LivenessRun("control", "pipeline", "caller loop, no pipeline", 1000, 0.04, 7.0, 9.0, 900,
                        List.of(0.9, 7.0, 8.0)),
                new LivenessRun("vertx", "pipeline", "backend event loop", 1000, 0.05, 1.2, 8.0, 3_000_000,
                        List.of(1.2)),
                new LivenessRun("vertx", "caller", "independent caller loop", 1000, 0.07, 6.5, 70.0, 3_000_000,
                        List.of(6.5)));
    }

    static Report report() {
        return Analysis.analyse(fullRun(), liveness(), "2026-11-25T18:00:00Z", "Test JDK 25", 2, "test");
    }

    /** One JMH JSON row, in the format JMH 1.37 writes. */
    static String jmhRow(String benchmark, String params, String score, String error, String median, String raw) {
        return """
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "%s",
                    "mode" : "avgt",
                    "threads" : 1,
                    "forks" : 1,
                    "jdkVersion" : "25.0.3",
                    "params" : {%s},
                    "primaryMetric" : {
                        "score" : %s,
                        "scoreError" : %s,
                        "scoreConfidence" : [0, 0],
                        "scorePercentiles" : {"0.0" : 1.0, "50.0" : %s, "100.0" : 9.0},
                        "scoreUnit" : "ms/op",
                        "rawData" : [%s]
                    },
                    "secondaryMetrics" : {}
                }""".formatted(PACKAGE + benchmark, params, score, error, median, raw);
    }
}
