package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./primeflow} script at the top of the clone, run as a user runs it: its answers do not depend on the
 * class archives it keeps, it writes one archive per backend named (and one for commands that name none) in the
 * cache directory it is given, removing an earlier version's archive of all backends, and it works, writing
 * nothing, without a usable cache.
 */
class LauncherIT {

    /** Training JVMs run niced in the background, on a machine that may be running the rest of the build. */
    private static final Duration TRAINING = Duration.ofMinutes(3);

    record Run(int code, String out, String err) {
    }

    private static Path launcher() {
        // cli/target/primeflow-cli-<version>.jar -> the clone's root, where ./primeflow finds that same jar.
        Path jar = Path.of(System.getProperty("primeflow.cli.jar")).toAbsolutePath();
        Path script = jar.getParent().getParent().getParent().resolve("primeflow");
        assertThat(script).isExecutable();
        return script;
    }

    private static Run primeflow(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new File("/dev/null")));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("primeflow-out", ".txt");
        Path err = Files.createTempFile("primeflow-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s").isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static List<String> fileNames(Path cache) {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> archives(Path cache) {
        return fileNames(cache).stream().filter(n -> n.endsWith(".aot") || n.endsWith(".jsa")).toList();
    }

    private static boolean trainingOver(Path cache) {
        return fileNames(cache).stream().noneMatch(n -> n.endsWith(".lock"));
    }

    /** A check's lines without the timing columns, which differ from run to run. */
    private static List<String> verdicts(Run run) {
        assertThat(run.code()).as(run.err()).isZero();
        return run.out().lines().filter(l -> !l.contains("checks in"))
                .map(l -> l.trim().split("\\s+")).map(f -> f[0] + (f[1].equals("P") ? " P" : " -")).toList();
    }

    @Test
    void eachBackendNamedGetsItsOwnArchiveAndTheAnswersStayTheSame(@TempDir Path cache) throws Exception {
        Map<String, String> env = Map.of("PRIMEFLOW_CACHE_DIR", cache.toString());
        List<String> expected = List.of("97 P", "98 -", "9999999967 P");
        Path allBackends = Files.writeString(cache.resolve("primeflow-123.aot"), "an earlier version's archive");

        assertThat(verdicts(primeflow(env, "check", "--backend", "reactor", "97", "98", "9999999967")))
                .isEqualTo(expected);
        assertThat(verdicts(primeflow(env, "check", "--backend=vertx", "97", "98", "9999999967")))
                .isEqualTo(expected);
        assertThat(primeflow(env, "--version").out()).startsWith("primeflow ");
        await().atMost(TRAINING).until(() -> archives(cache).size() == 3 && trainingOver(cache));

        assertThat(allBackends).as("an archive named without its backend is removed").doesNotExist();
        assertThat(archives(cache)).hasSize(3)
                .anySatisfy(n -> assertThat(n).contains("-reactor."))
                .anySatisfy(n -> assertThat(n).contains("-vertx."))
                .anySatisfy(n -> assertThat(n).contains("-default."));
        assertThat(verdicts(primeflow(env, "check", "--backend", "reactor", "97", "98", "9999999967")))
                .as("from the reactor archive").isEqualTo(expected);
        assertThat(verdicts(primeflow(env, "check", "--backend", "vertx", "97", "98", "9999999967")))
                .as("from the vertx archive").isEqualTo(expected);
        assertThat(verdicts(primeflow(env, "check", "97", "98", "9999999967")))
                .as("from the default archive").isEqualTo(expected);
    }

    @Test
    void withoutAUsableCacheItRunsAndWritesNothing(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x", StandardCharsets.UTF_8);
        Run unusable = primeflow(Map.of("PRIMEFLOW_CACHE_DIR", notADirectory.resolve("cache").toString()),
                "check", "--backend", "loom", "97");
        assertThat(verdicts(unusable)).containsExactly("97 P");

        Path cache = Files.createDirectory(dir.resolve("cache"));
        Run off = primeflow(Map.of("PRIMEFLOW_CACHE_DIR", cache.toString(), "PRIMEFLOW_CDS", "off"),
                "check", "--backend", "loom", "97");
        assertThat(verdicts(off)).containsExactly("97 P");
        assertThat(fileNames(cache)).as("PRIMEFLOW_CDS=off leaves the cache alone").isEmpty();
    }
}
