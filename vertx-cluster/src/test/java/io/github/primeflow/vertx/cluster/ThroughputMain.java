package io.github.primeflow.vertx.cluster;

import static org.awaitility.Awaitility.await;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.tck.RecordingSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * Not a test: a measurement run for the issue note. Same JVM, same run: the single-JVM {@code vertx} backend
 * versus the cluster checker with 1 and 2 worker JVMs (2 threads each) on loopback, on 10^5 Miller–Rabin numbers
 * and on the seed's 20 numbers under trial division. Miller–Rabin: median of 3 runs after a warm-up; seed: one run.
 * Run from {@code vertx-cluster/} (worker logs go to {@code target/}):
 * {@code java -cp <test class path> io.github.primeflow.vertx.cluster.ThroughputMain}
 */
public final class ThroughputMain {

    private ThroughputMain() {
    }

    /**
     * Runs the measurement and prints one line per configuration.
     *
     * @param args ignored
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        long[] mr = LongStream.range(1_000_000_000_000_000L, 1_000_000_000_000_000L + 100_000).toArray();
        long[] seed = SeedNumbers.toArray();
        CheckerOptions mrOptions = CheckerOptions.builder().parallelism(2).primalityTest(PrimalityTest.millerRabin())
                .build();
        CheckerOptions tdOptions = CheckerOptions.builder().parallelism(2).primalityTest(PrimalityTest.trialDivision())
                .build();
        try (PrimeChecker vertx = PrimeCheckers.create("vertx", mrOptions);
                PrimeChecker vertxTd = PrimeCheckers.create("vertx", tdOptions)) {
            report("vertx (1 JVM)", vertx, vertxTd, mr, seed);
        }
        ClusterOptions options = TestClusters.fresh("bench");
        List<WorkerProcess> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            workers.add(WorkerProcess.start("bench-a", options, 2));
            workers.get(0).awaitReady();
            System.out.printf(Locale.ROOT, "worker JVM start to ready: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            ClusterPrimeChecker c1 = ClusterPrimeChecker.create(mrOptions, options);
            System.out.printf(Locale.ROOT, "client join: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            ClusterPrimeChecker c1td = ClusterPrimeChecker.create(tdOptions, options);
            report("cluster, 1 worker JVM x 2 threads", c1, c1td, mr, seed);
            workers.add(WorkerProcess.start("bench-b", options, 2));
            workers.get(1).awaitReady();
            c1.close();
            c1td.close();
            CheckerOptions mr4 = mrOptions.toBuilder().parallelism(4).build();
            CheckerOptions td4 = tdOptions.toBuilder().parallelism(4).build();
            try (ClusterPrimeChecker c2 = ClusterPrimeChecker.create(mr4, options);
                    ClusterPrimeChecker c2td = ClusterPrimeChecker.create(td4, options)) {
                // Warm-up runs until the checker has used both workers (each announces itself every 250 ms).
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    run(c2, mr);
                    return c2.numbersSentPerNode().size() == 2;
                });
                report("cluster, 2 worker JVMs x 2 threads", c2, c2td, mr, seed);
            }
        } finally {
            for (WorkerProcess worker : workers) {
                worker.close();
            }
        }
        System.exit(0);
    }

    private static void report(String label, PrimeChecker mrChecker, PrimeChecker tdChecker, long[] mr, long[] seed)
            throws Exception {
        run(mrChecker, mr); // warm-up
        double mrSeconds = median(mrChecker, mr);
        double seedSeconds = run(tdChecker, seed); // seconds of kernel time: one run
        
        System.out.printf(Locale.ROOT, "%-36s 10^5 Miller-Rabin: %.3f s (%.0f numbers/s, %.2f us/number); "
                + "seed 20 trial division: %.2f s%n", label, mrSeconds, mr.length / mrSeconds,
                mrSeconds * 1e6 / mr.length, seedSeconds);
    }

    private static double median(PrimeChecker checker, long[] numbers) throws Exception {
        double[] runs = new double[3];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = run(checker, numbers);
        }
        java.util.Arrays.sort(runs);
        return runs[1];
    }

    private static double run(PrimeChecker checker, long[] numbers) throws Exception {
        RecordingSubscriber<PrimeResult> results = RecordingSubscriber.unbounded();
        long start = System.nanoTime();
        checker.check(numbers).subscribe(results);
        results.awaitTermination(Duration.ofSeconds(600));
        if (!results.errors().isEmpty() || results.received() != numbers.length) {
            throw new IllegalStateException("run failed: " + results);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
