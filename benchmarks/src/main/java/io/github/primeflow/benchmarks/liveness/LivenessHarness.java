package io.github.primeflow.benchmarks.liveness;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.vertx.VertxPrimeChecker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Workload D, liveness: while workload B keeps every worker of a backend busy, how late does a 10 ms tick
 * run (a) on the loop that drives the pipeline, the backend's own event loop where it has one (a Vert.x
 * context of a caller-supplied {@code Vertx}) or else the caller's own single-thread loop, and (b) on an
 * unrelated caller loop? Lateness goes into HdrHistograms; p50, p99 and max per loop are written as JSON for
 * the report (targets: p99 &lt; 5 ms, max &lt; 50 ms).
 *
 * <p>Not a JMH benchmark: the result is a latency distribution under load, not a throughput. Usage:
 * {@code java -cp benchmarks.jar io.github.primeflow.benchmarks.liveness.LivenessHarness --out FILE
 * [--seconds 30] [--warmup-seconds 3] [--range-end 10000000] [--backends reactor,rxjava,vertx,loom]}.
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
        JsonArray runs = new JsonArray();
        for (String backend : options.backends) {
            System.out.printf("liveness: %s for %d s (+%d s warm-up)...%n", backend, options.seconds,
                    options.warmupSeconds);
            for (JsonObject run : runBackend(backend, options)) {
                System.out.println("  " + run.encode());
                runs.add(run);
            }
        }
        JsonObject result = new JsonObject()
                .put("jdk", Runtime.version().toString())
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("tickMillis", TICK_MILLIS)
                .put("seconds", options.seconds)
                .put("rangeEnd", options.rangeEnd)
                .put("runs", runs);
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, result.encodePrettily());
        System.out.println("liveness: wrote " + options.out);
    }

    private static List<JsonObject> runBackend(String backend, Options options) throws Exception {
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
        try {
            TickProbe pipelineTicks = TickProbe.start(pipelineLoop, TICK_MILLIS);
            TickProbe callerTicks = TickProbe.start(callerLoop, TICK_MILLIS);
            SaturatingWorkload workload = SaturatingWorkload.start(checker, pipelineLoop, options.rangeEnd);
            TimeUnit.SECONDS.sleep(options.warmupSeconds);
            pipelineTicks.startRecording();
            callerTicks.startRecording();
            long checkedBefore = workload.checked();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(options.seconds);
            double elapsedSeconds = (System.nanoTime() - start) / 1e9;
            double checkedPerSecond = (workload.checked() - checkedBefore) / elapsedSeconds;
            Histogram pipeline = pipelineTicks.snapshot();
            Histogram caller = callerTicks.snapshot();
            workload.stop();
            pipelineTicks.stop();
            callerTicks.stop();
            if (workload.failure() != null) {
                throw new IllegalStateException(backend + ": the workload failed", workload.failure());
            }
            return List.of(
                    describe(backend, "pipeline", pipelineLoop.name(), pipeline, checkedPerSecond),
                    describe(backend, "caller", callerLoop.name(), caller, checkedPerSecond));
        } finally {
            checker.close();
            pipelineLoop.close();
            callerLoop.close();
            if (vertx != null) {
                vertx.close().await();
            }
        }
    }

    private static JsonObject describe(String backend, String kind, String loop, Histogram micros,
            double checkedPerSecond) {
        return new JsonObject()
                .put("backend", backend)
                .put("kind", kind)
                .put("loop", loop)
                .put("ticks", micros.getTotalCount())
                .put("p50Ms", micros.getValueAtPercentile(50) / 1000.0)
                .put("p99Ms", micros.getValueAtPercentile(99) / 1000.0)
                .put("maxMs", micros.getMaxValue() / 1000.0)
                .put("checkedPerSecond", Math.round(checkedPerSecond));
    }

    /** Command-line options. */
    private record Options(Path out, long seconds, long warmupSeconds, long rangeEnd, List<String> backends) {

        static Options parse(String[] args) {
            Path out = null;
            long seconds = 30;
            long warmup = 3;
            long rangeEnd = 10_000_000L;
            List<String> backends = List.of("reactor", "rxjava", "vertx", "loom");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--seconds" -> seconds = Long.parseLong(required(args[i], value));
                    case "--warmup-seconds" -> warmup = Long.parseLong(required(args[i], value));
                    case "--range-end" -> rangeEnd = Long.parseLong(required(args[i], value));
                    case "--backends" -> backends = new ArrayList<>(Arrays.asList(required(args[i], value).split(",")));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (out == null) {
                throw new IllegalArgumentException("--out FILE is required");
            }
            return new Options(out, seconds, warmup, rangeEnd, List.copyOf(backends));
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
