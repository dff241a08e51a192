package io.github.primeflow.tck;

import io.github.primeflow.PrimeChecker;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Rule P6's memory side: {@code checkRange(0, 10^9)} under {@code -Xmx64m}, stopped after {@link #RESULTS}
 * results, keeps the used heap flat. The run needs a small heap of its own, so it forks a child JVM
 * ({@link HeapProbeMain}) with this JVM's class path and module path as one plain class path, rebuilds the
 * backend there from a {@link BackendRecipe}, and judges the one line the child prints.
 */
final class HeapRule {

    /** Results to consume: 2–4 s of trial division on 2 cores, about 1 GB of garbage (15 times the heap). */
    static final long RESULTS = 5_000_000;
    /** The child's heap. */
    static final String MAX_HEAP_FLAG = "-Xmx64m";
    static final long MAX_HEAP_BYTES = 64L << 20;
    /**
     * Allowed growth of the used heap after GC between the first checkpoint (after 1/5 of the results, past
     * warm-up) and every later one: 4 MiB, about 6 % of the heap. Keeping a single reference per result
     * for the 4 million results after the first checkpoint costs at least 16 MB (more than 4 × the bound);
     * flawless backends measure within a few hundred KiB. Anything that grows faster runs out of the
     * 64 MiB and ends the child with {@link OutOfMemoryError}.
     */
    static final long GROWTH_BOUND_BYTES = 4L << 20;

    private static final int OUTPUT_TAIL_CHARS = 6_000;

    private HeapRule() {
    }

    static void heapStaysFlatOnAnEndlessRange(RuleContext ctx) throws Exception {
        String backend = ctx.provider.name();
        if (ctx.recipe == null) {
            throw new AssertionError("P6 heap: the kit cannot rebuild backend '" + backend + "' in a child JVM: run"
                    + " it from a PrimeCheckerTck subclass or DiscoveredBackendsTck, or give its provider class "
                    + ctx.provider.getClass().getName() + " a no-argument constructor");
        }
        ChildRun run = runChild(ctx.recipe, ctx.env);
        String head = "P6 heap: backend '" + backend + "', checkRange(0, 10^9) under " + MAX_HEAP_FLAG + ", "
                + RESULTS + " results: ";
        if (run.output.contains("java.lang.OutOfMemoryError")) {
            throw new AssertionError(head + "the child JVM ran out of memory (exit code " + run.exitCode
                    + "): the backend holds on to numbers or results (upstream demand beyond maxInFlight +"
                    + " prefetch, results buffered ahead of request(n), or a leak). Child output:\n" + run.tail());
        }
        Map<String, String> line = run.resultLine();
        if (run.exitCode != 0 || line == null || line.containsKey("failed")) {
            throw new AssertionError(head + "the child JVM failed (exit code " + run.exitCode + "). Child output:\n"
                    + run.tail());
        }
        long[] at = longs(line.get("checkpoints"));
        long[] heap = longs(line.get("heap"));
        long delivered = Long.parseLong(line.get("results"));
        long maxHeap = Long.parseLong(line.get("maxHeap"));
        long first = heap[0];
        long peak = Arrays.stream(heap).skip(1).max().orElse(first);
        String figures = String.format(Locale.ROOT, "used heap after GC at %s results: %s KiB; growth %+d KiB"
                + " (bound %d KiB), max heap %d MiB, %d ms in the child", Arrays.toString(at),
                Arrays.toString(Arrays.stream(heap).map(b -> b / 1024).toArray()), (peak - first) / 1024,
                GROWTH_BOUND_BYTES / 1024, maxHeap >> 20, Long.parseLong(line.get("millis")));
        System.out.println(head + figures);
        if (!"none".equals(line.get("violation"))) {
            throw new AssertionError(head + line.get("violation").replace('_', ' '));
        }
        if (delivered != RESULTS) {
            throw new AssertionError(head + "the child received " + delivered + " results, not " + RESULTS);
        }
        if (maxHeap > MAX_HEAP_BYTES) {
            throw new AssertionError(head + "the child's max heap is " + maxHeap + " bytes, over " + MAX_HEAP_FLAG
                    + " (JVM options overridden?)");
        }
        long primes = Long.parseLong(line.get("primes"));
        if (primes != primesBelow(RESULTS)) {
            throw new AssertionError(head + "the results hold " + primes + " primes, but [0, " + RESULTS
                    + ") has " + primesBelow(RESULTS));
        }
        if (peak - first > GROWTH_BOUND_BYTES) {
            throw new AssertionError(head + "the heap grows: " + figures + ". The backend keeps something per"
                    + " number or result it has finished with.");
        }
    }

    /** What the child printed and how it ended. */
    private record ChildRun(int exitCode, String output) {

        /** The {@value HeapProbeMain#TAG} line as key=value pairs ({@code failed} takes the rest of the line). */
        Map<String, String> resultLine() {
            for (String text : output.split("\\R")) {
                if (!text.startsWith(HeapProbeMain.TAG)) {
                    continue;
                }
                Map<String, String> pairs = new LinkedHashMap<>();
                String rest = text.substring(HeapProbeMain.TAG.length()).trim();
                if (rest.startsWith("failed=")) {
                    pairs.put("failed", rest.substring("failed=".length()));
                    return pairs;
                }
                for (String pair : rest.split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                return pairs.keySet().containsAll(List.of("results", "primes", "maxHeap", "millis", "checkpoints",
                        "heap", "violation")) ? pairs : null;
            }
            return null;
        }

        String tail() {
            return output.length() <= OUTPUT_TAIL_CHARS ? output
                    : "..." + output.substring(output.length() - OUTPUT_TAIL_CHARS);
        }
    }

    private static ChildRun runChild(BackendRecipe recipe, TckEnvironment env) throws IOException,
            InterruptedException {
        Path argFile = Files.createTempFile("primeflow-heap-probe", ".args");
        Path log = Files.createTempFile("primeflow-heap-probe", ".log");
        try {
            // An argument file: a class path of a hundred jars can exceed the command-line limit on Windows.
            Files.writeString(argFile, "-cp \"" + childClassPath(recipe).replace("\\", "\\\\") + "\"\n",
                    StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(javaExecutable(), MAX_HEAP_FLAG,
                    "-XX:+ExitOnOutOfMemoryError", "@" + argFile, HeapProbeMain.class.getName(),
                    recipe.kind().name(), recipe.value(), Long.toString(RESULTS), Double.toString(env.scale())));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long timeout = env.childProcessWithin().toMillis();
            if (!child.waitFor(timeout, TimeUnit.MILLISECONDS)) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("P6 heap: the child JVM did not finish within " + timeout + " ms (hang"
                        + " guard; scale it with " + TckEnvironment.SCALE_PROPERTY + "); killed it. Command: "
                        + command + "\nChild output:\n" + new ChildRun(-1, read(log)).tail());
            }
            return new ChildRun(child.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(argFile);
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    private static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString();
    }

    /**
     * This JVM's module path and class path as one class path (the child needs no module flags; the backend's
     * real classes and jars are on it), plus the code sources of the kit, the API and the recipe's class in
     * case a launcher hid them.
     */
    static String childClassPath(BackendRecipe recipe) {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        List<Class<?>> anchors = new ArrayList<>(List.of(HeapProbeMain.class, PrimeChecker.class));
        if (recipe.className() != null) {
            try {
                anchors.add(Class.forName(recipe.className(), false, HeapRule.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                // The child reports it with the class name.
            }
        }
        for (Class<?> anchor : anchors) {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // Not a file: the class path above has to do.
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static long[] longs(String csv) {
        return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }

    private static long sievedLimit = -1;
    private static long sievedCount;

    /** π(n) by a sieve (the last one kept), for the check that the child's results carry real verdicts. */
    static synchronized long primesBelow(long n) {
        if (sievedLimit != n) {
            boolean[] composite = new boolean[Math.toIntExact(n)];
            long count = 0;
            for (int i = 2; i < n; i++) {
                if (!composite[i]) {
                    count++;
                    for (long j = (long) i * i; j < n; j += i) {
                        composite[(int) j] = true;
                    }
                }
            }
            sievedCount = count;
            sievedLimit = n;
        }
        return sievedCount;
    }
}
