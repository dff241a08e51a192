package io.github.primeflow.benchmarks.paired;

import io.github.primeflow.benchmarks.jmh.Backends;
import io.github.primeflow.benchmarks.jmh.Jvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Workload A measured in paired rounds, the check of the JMH verdict that the machine's minute cannot move: JMH
 * runs {@code sequential}, the control and each backend in forks minutes apart, and this 2-core virtual machine's
 * two cores do between 1.5 and 2 times one core's work depending on the minute. Here one JVM per backend (as a user
 * runs one backend) alternates the seed batch and the 16-digit prime, and every round times its work five ways
 * back to back ({@link PairedRounds}); a round's speedup and its control are therefore taken in the same second.
 * Two verdicts per backend and work ({@link PairedSummary}): the speedup over the control's against the target as
 * a share of the cores, and the target as written in the rounds in which the control shows full cores; and, with
 * no verdict, the backend against plain code with the same kernel.
 *
 * <p>Not a JMH benchmark and not a test: it writes a markdown report. Usage: {@code java -cp benchmarks.jar
 * io.github.primeflow.benchmarks.paired.PairedSpeedup [--out FILE] [--backends reactor,rxjava,vertx,loom]
 * [--warmup-rounds 40] [--rounds 100]} (rounds of each work, per backend). Each backend's JVM gets a pre-touched
 * 2 GB heap, as the JMH forks do, and the options this JVM was started with. Every measured round's five times
 * go beside the report, one line per round ({@code FILE} without {@code .md}, then {@code -rounds.txt}), for
 * another look without another run.
 */
public final class PairedSpeedup {

    private static final String CHILD = "--child";

    private PairedSpeedup() {
    }

    /**
     * Runs every backend's rounds in a JVM of its own and writes the report, or, with {@code --child BACKEND},
     * runs one backend's rounds in this JVM and prints them.
     *
     * @param args see the class documentation
     * @throws Exception if a round fails or a backend's JVM fails
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.child != null) {
            runChild(options);
            return;
        }
        String loadBefore = loadAverage();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<PairedSummary> summaries = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (String backend : options.backends) {
            List<Round> rounds = runInOwnJvm(backend, options);
            rounds.forEach(round -> raw.add(backend + " " + round.line()));
            for (PairedWork work : PairedWork.values()) {
                summaries.add(PairedSummary.of(backend, work,
                        rounds.stream().filter(round -> round.work() == work).toList()));
            }
        }
        String report = PairedReport.markdown(summaries, started, options.warmupRounds, options.rounds,
                Backends.cores(), Runtime.version().toString(), loadBefore, loadAverage());
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, report);
        Path rawOut = options.out.resolveSibling(options.out.getFileName().toString().replaceFirst("\\.md$", "")
                + "-rounds.txt");
        Files.write(rawOut, raw);
        System.out.print(report);
        System.out.println("written to " + options.out + ", every round's times (ns) to " + rawOut);
    }

    private static void runChild(Options options) {
        try (PairedRounds rounds = new PairedRounds(options.child, Backends.cores())) {
            PairedWork[] works = PairedWork.values();
            int total = (options.warmupRounds + options.rounds) * works.length;
            for (int i = 0; i < total; i++) {
                Round round = rounds.measure(works[i % works.length]);
                if (i >= options.warmupRounds * works.length) {
                    System.out.println(round.line());
                }
            }
        }
        System.out.flush();
    }

    private static List<Round> runInOwnJvm(String backend, Options options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of(Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRE_TOUCH));
        if (Runtime.version().feature() >= 23) {
            // Netty (Vert.x) still uses sun.misc.Unsafe; JDK 23+ warns without this.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PairedSpeedup.class.getName(), CHILD,
                backend, "--warmup-rounds", Integer.toString(options.warmupRounds), "--rounds",
                Integer.toString(options.rounds)));
        System.err.printf("== %s: %d warm-up and %d measured rounds of each work%n", backend, options.warmupRounds,
                options.rounds);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Round> rounds = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Round round = Round.parse(line);
                if (round == null) {
                    System.err.println(line);
                } else {
                    rounds.add(round);
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || rounds.size() != options.rounds * PairedWork.values().length) {
            throw new IllegalStateException(backend + ": its JVM exited with " + exit + " after " + rounds.size()
                    + " measured rounds");
        }
        return rounds;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private record Options(Path out, List<String> backends, int warmupRounds, int rounds, String child) {

        static Options parse(String[] args) {
            Path out = Path.of("benchmarks/results/paired-a.md");
            List<String> backends = List.of("reactor", "rxjava", "vertx", "loom");
            int warmup = 40;
            int rounds = 100;
            String child = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--out" -> out = Path.of(value);
                    case "--backends" -> backends = Arrays.stream(value.split(",")).map(String::trim).toList();
                    case "--warmup-rounds" -> warmup = Integer.parseInt(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case CHILD -> child = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (warmup < 0 || rounds < 1) {
                throw new IllegalArgumentException("need --warmup-rounds >= 0 and --rounds >= 1");
            }
            return new Options(out, backends, warmup, rounds, child);
        }
    }
}
