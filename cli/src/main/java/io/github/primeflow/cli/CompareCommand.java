package io.github.primeflow.cli;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.SeedNumbers;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Model.CommandSpec;

/** {@code primeflow compare}: every backend on the seed's 20 numbers, against {@code sequential}. */
final class CompareCommand implements Callable<Integer> {

    private final CommandSpec spec;
    private final ClusterArgs cluster;

    CompareCommand() {
        spec = CommandSpecs.command(this, "compare",
                "Compares every backend with sequential on the seed's 20 numbers (the default command).",
                "Checks the seed's 20 numbers on `sequential` and on every backend found, and prints wall time,"
                        + " speedup over sequential, the critical-path bound for this core count, CPU use and the"
                        + " lateness of a 100 ms spinner tick on a single-threaded event loop during the run.");
        spec.addOption(CommandSpecs.commaList("--backends", "NAME",
                "Backends to compare (default: all found); sequential always runs as the baseline."));
        spec.addOption(CommandSpecs.algorithm());
        spec.addOption(CommandSpecs.workers());
        spec.addOption(CommandSpecs.option("--repeat", int.class, "N", "1",
                "Runs per backend; the run with the median wall time is reported (default: ${DEFAULT-VALUE})."));
        cluster = ClusterArgs.addTo(spec);
        spec.addOption(CommandSpecs.flag("--json", "Prints JSON instead of a table."));
        spec.addOption(CommandSpecs.option("--html", Path.class, "FILE", null,
                "Also writes a self-contained HTML report."));
    }

    CommandSpec spec() {
        return spec;
    }

    /** One backend's measured run. */
    record Run(String backend, double wallSeconds, double kernelSeconds, double longestSeconds, double cpuTimeSeconds,
            int cores, double loopMaxMillis, double loopP99Millis, int primes, int numbers,
            List<double[]> latenessTimeline) {

        /** Total kernel time over the ideal time the critical path allows on this many cores. */
        double criticalPathBound() {
            double ideal = Math.max(longestSeconds, kernelSeconds / cores);
            return ideal == 0 ? 1 : kernelSeconds / ideal;
        }

        double cpuUtilisation() {
            return wallSeconds == 0 ? 0 : cpuTimeSeconds / (wallSeconds * cores);
        }
    }

    @Override
    public Integer call() {
        int repeat = CommandSpecs.value(spec, "--repeat");
        List<String> backends = CommandSpecs.value(spec, "--backends");
        String algorithm = CommandSpecs.value(spec, "--algorithm");
        Path html = CommandSpecs.value(spec, "--html");
        if (repeat < 1) {
            throw new UsageException("--repeat: " + repeat + " is not a repeat count; expected 1 or more");
        }
        CheckerOptions options = Inputs.options(algorithm, CommandSpecs.value(spec, "--workers"), Ordering.INPUT_ORDER);
        Set<String> names = new LinkedHashSet<>();
        names.add(PrimeCheckers.SEQUENTIAL);
        for (String name : backends == null ? PrimeCheckers.available() : backends) {
            String backend = Inputs.backend(name);
            if (cluster.given() || !backend.equals(ClusterArgs.BACKEND) || backends != null) {
                names.add(backend); // without --cluster, vertx-cluster runs only when asked for by name
            }
        }
        if (cluster.given()) {
            cluster.options(); // validates before anything runs
            names.add(ClusterArgs.BACKEND);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Run> runs = new ArrayList<>();
        for (String name : names) {
            List<Run> tries = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                tries.add(measure(name, checker(name, options), cores));
            }
            tries.sort(Comparator.comparingDouble(Run::wallSeconds));
            runs.add(tries.get((tries.size() - 1) / 2));
        }
        Report report = new Report(Inputs.algorithmLabel(algorithm), options.parallelism(), repeat, cores, runs);
        PrintWriter out = spec.commandLine().getOut();
        out.print(CommandSpecs.given(spec, "--json") ? report.json() : report.table());
        out.flush();
        if (html != null) {
            try {
                Files.writeString(html, report.html(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(new IOException("cannot write the HTML report " + html + ": " + e, e));
            }
        }
        return 0;
    }

    /**
     * One run: the subscription starts on the event loop thread, so a synchronous backend (sequential)
     * does all its work there and freezes the spinner; an asynchronous backend leaves the loop free.
     */
    private PrimeChecker checker(String backend, CheckerOptions options) {
        return cluster.given() && backend.equals(ClusterArgs.BACKEND) ? cluster.checker(options)
                : Inputs.checker(backend, options);
    }

    private static Run measure(String backend, PrimeChecker created, int cores) {
        long[] numbers = SeedNumbers.toArray();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PrimeChecker checker = Shutdown.track(created);
        try (EventLoop loop = new EventLoop(tick -> { })) {
            long[] kernel = new long[2];
            int[] primes = new int[1];
            Results results = new Results((PrimeResult r) -> {
                kernel[0] += r.elapsedNanos();
                kernel[1] = Math.max(kernel[1], r.elapsedNanos());
                primes[0] += r.prime() ? 1 : 0;
            });
            loop.start();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            CompletableFuture.runAsync(() -> checker.check(numbers).subscribe(results), loop.executor());
            long count = CliFailure.await(results.done());
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            Histogram lateness = loop.stop();
            // kernel[] and primes[] were written on the backend's threads; completing done() published them
            return new Run(backend, wall / 1e9, kernel[0] / 1e9, kernel[1] / 1e9, cpu / 1e9, cores,
                    lateness.getMaxValue() / 1e6, lateness.getValueAtPercentile(99) / 1e6, primes[0], (int) count,
                    loop.timeline());
        } finally {
            checker.close();
            Shutdown.untrack(checker);
        }
    }
}
