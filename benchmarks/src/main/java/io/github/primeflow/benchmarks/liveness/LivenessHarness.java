package io.github.primeflow.benchmarks.liveness;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.vertx.VertxPrimeChecker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Workload D, liveness: while workload B keeps every worker of a backend busy, how late does a 10 ms tick
 * run (a) on the loop that drives the pipeline, the backend's own event loop where it has one (a Vert.x
 * context of a caller-supplied {@code Vertx}) or else the caller's own single-thread loop, and (b) on an
 * unrelated caller loop? Lateness goes into HdrHistograms; p50, p99 and max per loop are written as JSON for
 * the report (targets: p99 &lt; 5 ms, max &lt; 50 ms).
 *
 * <p>A control runs first in every round: the same two loops next to one plain spinning thread per core, no
 * pipeline at all. It is what the machine's scheduler gives any program that saturates the cores, so a backend's
 * lateness can be read against it. With several {@code --rounds}, every subject runs once per round, in turn,
 * and a loop's p99 and p50 are the medians over its rounds (each round's p99 is kept too) and its max the
 * largest: a minute of noise from the host (this machine is a virtual one) then moves one round of every subject,
 * not one subject's whole figure.
 *
 * <p>Not a JMH benchmark: the result is a latency distribution under load, not a throughput. Usage:
 * {@code java -cp benchmarks.jar io.github.primeflow.benchmarks.liveness.LivenessHarness --out FILE
 * [--seconds 30] [--warmup-seconds 3] [--rounds 1] [--range-end 10000000] [--backends reactor,rxjava,vertx,loom]
 * [--no-control]}.
 */
public final class LivenessHarness {

    private static final long TICK_MILLIS = 10;

    private LivenessHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args see the class documentation
     * @throws Exception if the run fails or the output cannot be written
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<String> subjects = new ArrayList<>();
        if (options.control) {
            subjects.add(SpinningThreads.NAME);
        }
        subjects.addAll(options.backends);
        // Every subject once per round, in turn, so minutes of noise from the host hit them all alike.
        Map<String, List<LoopLateness>> rounds = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds; round++) {
            for (String subject : subjects) {
                System.out.printf("liveness: round %d of %d, %s for %d s (+%d s warm-up)...%n", round, options.rounds,
                        subject, options.seconds, options.warmupSeconds);
                for (LoopLateness loop : runSubject(subject, options)) {
                    System.out.println("  " + loop.describe().encode());
                    rounds.computeIfAbsent(subject + "/" + loop.kind(), key -> new ArrayList<>()).add(loop);
                }
            }
        }
        JsonArray runs = new JsonArray();
        rounds.values().forEach(loops -> runs.add(LoopLateness.summarise(loops)));
        JsonObject result = new JsonObject()
                .put("jdk", Runtime.version().toString())
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("tickMillis", TICK_MILLIS)
                .put("seconds", options.seconds)
                .put("rounds", options.rounds)
                .put("rangeEnd", options.rangeEnd)
                .put("runs", runs);
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, result.encodePrettily());
        System.out.println("liveness: wrote " + options.out);
    }

    private static List<LoopLateness> runSubject(String subject, Options options) throws Exception {
        if (!subject.equals(SpinningThreads.NAME)) {
            return runBackend(subject, options);
        }
        TickLoop first = TickLoop.singleThread("caller loop, no pipeline");
        TickLoop second = TickLoop.singleThread("independent caller loop");
        try (SpinningThreads spinning = SpinningThreads.start(Runtime.getRuntime().availableProcessors())) {
            return measure(subject, first, second, spinning::spins, options);
        } finally {
            first.close();
            second.close();
        }
    }

    private static List<LoopLateness> runBackend(String backend, Options options) throws Exception {
        CheckerOptions checkerOptions = CheckerOptions.builder()
                .parallelism(Runtime.getRuntime().availableProcessors())
                .primalityTest(PrimalityTest.trialDivision())
                .build();
        boolean vertxBackend = backend.equals("vertx");
        Vertx vertx = vertxBackend ? Vertx.vertx() : null;
        TickLoop pipelineLoop = vertxBackend
                ? TickLoop.vertxContext("backend event loop (Vert.x context)", vertx)
                : TickLoop.singleThread("caller pipeline loop");
        TickLoop callerLoop = TickLoop.singleThread("independent caller loop");
        PrimeChecker checker = vertxBackend
                ? VertxPrimeChecker.create(checkerOptions, vertx)
                : PrimeCheckers.create(backend, checkerOptions);
        SaturatingWorkload workload = SaturatingWorkload.start(checker, pipelineLoop, options.rangeEnd);
        try {
            List<LoopLateness> loops = measure(backend, pipelineLoop, callerLoop, workload::checked, options);
            workload.stop();
            if (workload.failure() != null) {
                throw new IllegalStateException(backend + ": the workload failed", workload.failure());
            }
            return loops;
        } finally {
            workload.stop();
            checker.close();
            pipelineLoop.close();
            callerLoop.close();
            if (vertx != null) {
                vertx.close().await();
            }
        }
    }

    /** Ticks on both loops while the load runs; {@code work} counts the load's units (numbers, or spins). */
    private static List<LoopLateness> measure(String subject, TickLoop pipelineLoop, TickLoop callerLoop,
            LongSupplier work, Options options) throws InterruptedException {
        TickProbe pipelineTicks = TickProbe.start(pipelineLoop, TICK_MILLIS);
        TickProbe callerTicks = TickProbe.start(callerLoop, TICK_MILLIS);
        try {
            TimeUnit.SECONDS.sleep(options.warmupSeconds);
            pipelineTicks.startRecording();
            callerTicks.startRecording();
            long before = work.getAsLong();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(options.seconds);
            double perSecond = (work.getAsLong() - before) / ((System.nanoTime() - start) / 1e9);
            return List.of(
                    new LoopLateness(subject, "pipeline", pipelineLoop.name(), pipelineTicks.snapshot(), perSecond),
                    new LoopLateness(subject, "caller", callerLoop.name(), callerTicks.snapshot(), perSecond));
        } finally {
            pipelineTicks.stop();
            callerTicks.stop();
        }
    }

    /** Command-line options. */
    private record Options(Path out, long seconds, long warmupSeconds, int rounds, long rangeEnd,
            List<String> backends, boolean control) {

        static Options parse(String[] args) {
            Path out = null;
            long seconds = 30;
            long warmup = 3;
            int rounds = 1;
            boolean control = true;
            long rangeEnd = 10_000_000L;
            List<String> backends = List.of("reactor", "rxjava", "vertx", "loom");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--seconds" -> seconds = Long.parseLong(required(args[i], value));
                    case "--warmup-seconds" -> warmup = Long.parseLong(required(args[i], value));
                    case "--rounds" -> rounds = Integer.parseInt(required(args[i], value));
                    case "--no-control" -> {
                        control = false;
                        i--; // takes no value
                    }
                    case "--range-end" -> rangeEnd = Long.parseLong(required(args[i], value));
                    case "--backends" -> backends = Arrays.stream(required(args[i], value).split(","))
                            .filter(name -> !name.isBlank()).toList(); // "" runs the control alone
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (out == null) {
                throw new IllegalArgumentException("--out FILE is required");
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
            }
            return new Options(out, seconds, warmup, rounds, rangeEnd, List.copyOf(backends), control);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
