package io.github.primeflow.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns JMH results and workload D's runs into a {@link Report}: every ratio is taken between results of the
 * same run (same JMH JSON file), never against figures from elsewhere, and every target of issue 9 is marked.
 *
 * <p>Ratios of times are ratios of medians; their error adds the two relative errors in quadrature.
 */
public final class Analysis {

    /** Target A: speedup of each backend over {@code sequential} on the seed batch, at parallelism = cores. */
    public static final double SEED_SPEEDUP = 1.9;
    /** Target A, one number: speedup on a single 16-digit prime. */
    public static final double SINGLE_PRIME_SPEEDUP = 1.8;
    /** Target B: throughput relative to {@code LongStream.parallel()}. */
    public static final double FINE_RELATIVE = 0.8;
    /** Target C: throughput relative to {@code LongStream.parallel()}. */
    public static final double VERY_FINE_RELATIVE = 0.7;
    /** Target F: throughput of {@code checkAsync} relative to {@code supplyAsync} at 256 calls in flight. */
    public static final double ONE_NUMBER_THROUGHPUT = 0.8;
    /** Target F: {@code supplyAsync} time over {@code checkAsync} time at 1 call in flight (latency within 2×). */
    public static final double ONE_NUMBER_LATENCY = 0.5;
    /** Target D: p99 tick lateness, in milliseconds. */
    public static final double LIVENESS_P99_MS = 5;
    /** Target D: largest tick lateness, in milliseconds. */
    public static final double LIVENESS_MAX_MS = 50;
    /** Target: {@code trialDivision()} time over the bare loop's. */
    public static final double TRIAL_DIVISION_OVERHEAD = 1.05;
    /** Target: Miller–Rabin checks per second on one core. */
    public static final double MILLER_RABIN_PER_SECOND = 2e6;

    /** Backends in table order; JMH parameter values. */
    static final List<String> BACKENDS = List.of("reactor", "rxjava", "vertx", "loom");
    /** The naive pipeline of each backend's library. */
    static final Map<String, String> NAIVE = Map.of(
            "reactor", "naiveReactor", "rxjava", "naiveRxJava", "vertx", "naiveVertx", "loom", "naiveLoom");
    private static final List<String> BASELINES = List.of(
            "sequential", "forLoop", "parallelStream", "jobQueue",
            "naiveReactor", "naiveRxJava", "naiveVertx", "naiveLoom");

    private final List<JmhResult> results;
    private final int cores;

    private Analysis(List<JmhResult> results, int cores) {
        this.results = List.copyOf(results);
        this.cores = cores;
    }

    /**
     * Analyses one run.
     *
     * @param results the JMH results of the run
     * @param liveness workload D's loops (may be empty)
     * @param date the report's date
     * @param jdk the JDK
     * @param cores the core count (the parallelism the seed-batch target applies to)
     * @param mode the run's mode label
     * @return the report
     */
    public static Report analyse(List<JmhResult> results, List<LivenessRun> liveness, String date, String jdk,
            int cores, String mode) {
        Analysis analysis = new Analysis(results, cores);
        List<Section> sections = new ArrayList<>();
        analysis.seedBatch().ifPresent(sections::add);
        analysis.singlePrime().ifPresent(sections::add);
        analysis.manyNumbers("B", "FineRangeBenchmark", FINE_RELATIVE,
                "B. Fine: count primes in [1, rangeEnd) with trial division").ifPresent(sections::add);
        analysis.manyNumbers("C", "RandomMillerRabinBenchmark", VERY_FINE_RELATIVE,
                "C. Very fine: random 63-bit numbers with Miller–Rabin").ifPresent(sections::add);
        analysis.oneNumber().ifPresent(sections::add);
        analysis.kernels().ifPresent(sections::add);
        return new Report(date, jdk, cores, mode, sections, liveness, livenessTargets(liveness));
    }

    private Optional<Section> seedBatch() {
        String type = "SeedBatchBenchmark";
        Optional<Estimate> reference = find(type + ".sequential", r -> true).map(JmhResult::median);
        List<JmhResult> backends = select(type + ".backend");
        int targetParallelism = backends.stream().mapToInt(r -> parallelism(r))
                .filter(p -> p <= cores).max().orElse(cores);
        List<Row> rows = new ArrayList<>();
        for (String baseline : List.of("sequential", "forLoop", "parallelStream", "jobQueue")) {
            find(type + "." + baseline, r -> true).ifPresent(r -> rows.add(
                    row(baseline, null, r, reference.map(ref -> ref.dividedBy(r.median())), null, null)));
        }
        // One allCores op is a batch on every core at once, no split and no hand-off: what this machine gives plain
        // threads in this run's minutes (its two cores have delivered 1.5-2.0 times one core's work between minutes).
        Optional<JmhResult> allCores = find(type + ".allCores", r -> true);
        Optional<Estimate> control = allCores.flatMap(r -> reference.map(ref -> ref.dividedBy(r.median())))
                .map(perOp -> new Estimate(perOp.value() * cores, perOp.error() * cores));
        allCores.ifPresent(r -> rows.add(row("allCores (control)", cores, r, control, null, null)));
        String controlNote = control.map(c -> " (plain loops on all cores: " + Format.ratio(c) + ")")
                .orElse("");
        for (JmhResult r : backends) {
            Estimate speedup = reference.map(ref -> ref.dividedBy(r.median())).orElse(null);
            TargetCheck target = speedup != null && parallelism(r) == targetParallelism
                    ? new TargetCheck("A.seed." + r.param("backend"),
                            "seed batch: " + r.param("backend") + " speedup over sequential, parallelism "
                                    + targetParallelism + controlNote, speedup, TargetCheck.Comparison.AT_LEAST,
                            SEED_SPEEDUP)
                    : null;
            rows.add(new Row(r.param("backend"), parallelism(r), r.median(), r.unit(), speedup, null, target));
        }
        return section("A", "A. Coarse: the 20 seed numbers with trial division (whole batch)",
                "speedup vs sequential", rows);
    }

    private Optional<Section> singlePrime() {
        String name = "SinglePrimeBenchmark.check";
        Optional<Estimate> reference = find(name, r -> "sequential".equals(r.param("backend")))
                .map(JmhResult::median);
        List<Row> rows = new ArrayList<>();
        for (JmhResult r : select(name)) {
            String backend = r.param("backend");
            Estimate speedup = reference.map(ref -> ref.dividedBy(r.median())).orElse(null);
            TargetCheck target = speedup != null && !"sequential".equals(backend)
                    ? new TargetCheck("A.single." + backend, "single 16-digit prime: " + backend
                            + " speedup over sequential", speedup, TargetCheck.Comparison.AT_LEAST,
                            SINGLE_PRIME_SPEEDUP)
                    : null;
            rows.add(new Row(backend, null, r.median(), r.unit(), speedup, null, target));
        }
        return section("A1", "A. Coarse, one number: 9999999999999917 with trial division",
                "speedup vs sequential", rows);
    }

    private Optional<Section> manyNumbers(String id, String type, double threshold, String title) {
        Optional<Estimate> reference = find(type + ".parallelStream", r -> true).map(JmhResult::median);
        List<Row> rows = new ArrayList<>();
        for (String baseline : BASELINES) {
            find(type + "." + baseline, r -> true).ifPresent(r -> rows.add(
                    row(baseline, null, r, reference.map(ref -> ref.dividedBy(r.median())), null, null)));
        }
        for (JmhResult r : select(type + ".backend")) {
            String backend = r.param("backend");
            Estimate relative = reference.map(ref -> ref.dividedBy(r.median())).orElse(null);
            Estimate overNaive = find(type + "." + NAIVE.getOrDefault(backend, "?"), x -> true)
                    .map(naive -> naive.median().dividedBy(r.median())).orElse(null);
            TargetCheck target = relative == null ? null
                    : new TargetCheck(id + "." + backend, id + ": " + backend
                            + " throughput relative to LongStream.parallel()", relative,
                            TargetCheck.Comparison.AT_LEAST, threshold);
            rows.add(new Row(backend, null, r.median(), r.unit(), relative, overNaive, target));
        }
        return section(id, title + sizeSuffix(type), "throughput vs parallel()", rows);
    }

    private Optional<Section> oneNumber() {
        String type = "OneNumberBenchmark";
        List<Row> rows = new ArrayList<>();
        for (JmhResult base : select(type + ".supplyAsync")) {
            String algorithm = base.param("algorithm");
            String inFlight = base.param("inFlight");
            String label = " (" + algorithm + ", " + inFlight + " in flight)";
            rows.add(row("supplyAsync" + label, null, base, Optional.of(new Estimate(1, 0)), null, null));
            for (JmhResult r : select(type + ".backend")) {
                if (!algorithm.equals(r.param("algorithm")) || !inFlight.equals(r.param("inFlight"))) {
                    continue;
                }
                String backend = r.param("backend");
                Estimate relative = base.median().dividedBy(r.median());
                TargetCheck target = switch (inFlight) {
                    case "256" -> new TargetCheck("F.throughput." + algorithm + "." + backend, "F: " + backend
                            + " checkAsync throughput relative to supplyAsync, 256 in flight, " + algorithm, relative,
                            TargetCheck.Comparison.AT_LEAST, ONE_NUMBER_THROUGHPUT);
                    case "1" -> new TargetCheck("F.latency." + algorithm + "." + backend, "F: " + backend
                            + " supplyAsync time over checkAsync time, 1 in flight, " + algorithm, relative,
                            TargetCheck.Comparison.AT_LEAST, ONE_NUMBER_LATENCY);
                    default -> null;
                };
                rows.add(new Row(backend + label, null, r.median(), r.unit(), relative, null, target));
            }
        }
        return section("F", "F. One number per call: checkAsync(9999999967), 1024 calls per operation",
                "throughput vs supplyAsync",
                rows);
    }

    private Optional<Section> kernels() {
        List<Row> rows = new ArrayList<>();
        Optional<JmhResult> bare = find("KernelBenchmark.bareTrialDivision", r -> true);
        bare.ifPresent(r -> rows.add(row("bare loop (no polling)", null, r, Optional.of(new Estimate(1, 0)), null,
                null)));
        find("KernelBenchmark.trialDivision", r -> true).ifPresent(r -> {
            Estimate overhead = bare.map(b -> r.median().dividedBy(b.median())).orElse(null);
            TargetCheck target = overhead == null ? null
                    : new TargetCheck("K.trialDivision", "trialDivision() time relative to the bare loop",
                            overhead, TargetCheck.Comparison.AT_MOST, TRIAL_DIVISION_OVERHEAD);
            rows.add(new Row("trialDivision()", null, r.median(), r.unit(), overhead, null, target));
        });
        find("KernelBenchmark.millerRabin", r -> true).ifPresent(r -> rows.add(new Row("millerRabin() checks/s/core",
                null, r.median(), r.unit(), null, null, new TargetCheck("K.millerRabin",
                        "millerRabin() checks per second on one core", r.median(),
                        TargetCheck.Comparison.AT_LEAST, MILLER_RABIN_PER_SECOND))));
        return section("K", "Kernels (one thread)", "time vs bare loop", rows);
    }

    private static List<TargetCheck> livenessTargets(List<LivenessRun> runs) {
        List<TargetCheck> targets = new ArrayList<>();
        for (LivenessRun run : runs) {
            if (run.isControl()) {
                continue; // the machine's floor, measured to read the others against
            }
            String id = "D." + run.backend() + "." + run.kind();
            targets.add(new TargetCheck(id + ".p99", run.backend() + ", " + run.loop() + ": p99 lateness (ms)",
                    new Estimate(run.p99Ms(), Double.NaN), TargetCheck.Comparison.BELOW, LIVENESS_P99_MS));
            targets.add(new TargetCheck(id + ".max", run.backend() + ", " + run.loop() + ": max lateness (ms)",
                    new Estimate(run.maxMs(), Double.NaN), TargetCheck.Comparison.BELOW, LIVENESS_MAX_MS));
        }
        return targets;
    }

    private String sizeSuffix(String type) {
        return select(type + ".parallelStream").stream().findFirst()
                .or(() -> select(type + ".backend").stream().findFirst())
                .map(r -> r.param("rangeEnd") != null ? " (rangeEnd = " + r.param("rangeEnd") + ")"
                        : r.param("count") != null ? " (count = " + r.param("count") + ")" : "")
                .orElse("");
    }

    private static Row row(String subject, Integer parallelism, JmhResult r, Optional<Estimate> ratio,
            Estimate naiveRatio, TargetCheck target) {
        return new Row(subject, parallelism, r.median(), r.unit(), ratio.orElse(null), naiveRatio, target);
    }

    private static Optional<Section> section(String id, String title, String ratioLabel, List<Row> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Section(id, title, ratioLabel, rows));
    }

    private List<JmhResult> select(String benchmark) {
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmark))
                .sorted(Comparator.comparingInt((JmhResult r) -> backendOrder(r.param("backend")))
                        .thenComparingInt(Analysis::parallelism))
                .toList();
    }

    private Optional<JmhResult> find(String benchmark, Predicate<JmhResult> filter) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark)).filter(filter).findFirst();
    }

    private static int backendOrder(String backend) {
        int index = backend == null ? -1 : BACKENDS.indexOf(backend);
        return index < 0 ? -1 : index; // "sequential" and unknown names first
    }

    private static int parallelism(JmhResult r) {
        String p = r.param("parallelism");
        return p == null ? 0 : Integer.parseInt(p);
    }
}
