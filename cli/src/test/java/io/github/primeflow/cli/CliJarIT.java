package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the shaded jar as a real process, as a user would: {@code java -jar primeflow-cli.jar ...}. */
class CliJarIT {
    record Run(int code, String out, String err) {
    }

    private static Run java(String stdin, String... args) throws Exception {
        String jar = System.getProperty("primeflow.cli.jar");
        assertThat(jar).as("system property primeflow.cli.jar").isNotNull();
        assertThat(Path.of(jar)).exists();
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        return new Run(process.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theJarIsRunnableAndFindsEveryBackend() throws Exception {
        Run r = java("", "--version");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("primeflow " + System.getProperty("primeflow.version"), "backends [loom, reactor, rxjava, sequential, vertx, vertx-cluster]");
    }

    @Test
    void streamsTenThousandNumbersFromStdin() throws Exception {
        StringBuilder numbers = new StringBuilder();
        for (long n = 1_000_000_000_000L; n < 1_000_000_010_000L; n++) {
            numbers.append(n).append('\n');
        }

        Run r = java(numbers.toString(), "check", "--backend", "reactor", "--algorithm", "miller-rabin", "-");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(10_001);
        assertThat(lines.get(0)).matches("   1000000000000     +\\d+\\.\\d{6}s");
        assertThat(lines.get(9_999)).startsWith("   1000000009999  ");
        assertThat(lines.get(10_000)).matches("10000 checks in \\d+\\.\\d\\ds");
        long primes = lines.stream().filter(l -> l.startsWith("  P", 16)).count();
        assertThat(primes).isBetween(300L, 420L); // about 10000 / ln(10^12) = 362
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        Run r = java("", "check", "--algorithm", "miller-rabin", "2", "12x");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactly(
                "primeflow: argument 2: '12x' is not a number; expected a decimal integer such as 97"
                        + " (no exponents, separators or decimals)");
    }

    @Test
    void compareRunsEveryBackendFromTheJar(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path html = dir.resolve("compare.html");

        Run r = java("", "compare", "--algorithm", "miller-rabin", "--html", html.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().skip(2).limit(5).map(l -> l.split(" +")[0]).toList())
                .containsExactly("sequential", "loom", "reactor", "rxjava", "vertx");
        assertThat(Files.readString(html)).contains("<svg");
    }

    /**
     * Ctrl-C's path: a termination signal (SIGTERM here; SIGINT runs the same shutdown hook, which closes the
     * open checkers) during seconds of trial division ends the process at once and quietly: no stack trace from
     * the interrupted kernels or the closed streams. Uninterrupted, the forty 19-digit primes would keep both
     * workers busy for ten seconds or more (0.5 s each with vectorized trial division).
     */
    @Test
    void aTerminationSignalCancelsTheChecksAndExitsPromptly() throws Exception {
        String jar = System.getProperty("primeflow.cli.jar");
        String java = ProcessHandle.current().info().command().orElseThrow();
        long prime = 9_223_372_036_854_775_783L;
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar, "check", "--backend", "reactor", "--order",
                "completion", "97"));
        command.addAll(Collections.nCopies(40, Long.toString(prime)));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (var out = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // The first result line proves the checks are running.
            assertThat(out.readLine()).startsWith("              97  P");
            long signalled = System.nanoTime();
            process.destroy();
            assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s of the signal").isTrue();
            System.out.printf("primeflow check exited %d ms after SIGTERM%n", (System.nanoTime() - signalled) / 1_000_000);
        } finally {
            process.destroyForcibly();
        }
        assertThat(err.get(10, TimeUnit.SECONDS)).as("stderr").doesNotContain("Exception", "\tat ");
    }

    /**
     * {@code primeflow worker} in its own process serves {@code primeflow check --cluster} in another, and a
     * termination signal makes it leave gracefully and exit.
     */
    @Test
    void aWorkerProcessServesCheckWithClusterAndLeavesOnSigterm() throws Exception {
        String jar = System.getProperty("primeflow.cli.jar");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String cluster = "jar-" + UUID.randomUUID().toString().substring(0, 8);
        String port = Integer.toString(30_000 + (int) (ProcessHandle.current().pid() % 20_000));
        Process worker = new ProcessBuilder(java, "-jar", jar, "worker", "--cluster", cluster, "--cluster-port", port,
                "--threads", "1").start();
        // Its own thread: the common pool (one thread on 2 cores) must stay free for java(...)'s readers.
        CompletableFuture<String> err = new CompletableFuture<>();
        Thread errReader = new Thread(() -> err.complete(read(worker.getErrorStream())), "worker-stderr");
        errReader.setDaemon(true);
        errReader.start();
        try (var out = new java.io.BufferedReader(
                new java.io.InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).startsWith("worker ").contains("serves cluster '" + cluster + "'");
            Run r = java("", "check", "--cluster", cluster, "--cluster-port", port, "--algorithm", "miller-rabin",
                    "--range", "1", "100");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines().toList()).hasSize(101);
            assertThat(r.out().lines().filter(l -> l.startsWith("  P", 16)).count()).isEqualTo(25);
            new ProcessBuilder("kill", "-TERM", Long.toString(worker.pid())).start().waitFor();
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("the worker left within 60 s of SIGTERM").isTrue();
        } finally {
            worker.destroyForcibly();
        }
        assertThat(err.get(10, TimeUnit.SECONDS)).as("stderr").doesNotContain("Exception", "\tat ");
    }
}
