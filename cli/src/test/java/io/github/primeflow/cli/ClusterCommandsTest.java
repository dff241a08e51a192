package io.github.primeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.vertx.cluster.ClusterOptions;
import io.github.primeflow.vertx.cluster.PrimeWorkerNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code worker}, {@code check --cluster} and {@code compare --cluster} against a loopback cluster of this JVM. */
class ClusterCommandsTest {

    private static String name;
    private static String port;
    private static PrimeWorkerNode worker;

    @BeforeAll
    static void startWorker() {
        name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        int first = freePortRange();
        port = Integer.toString(first);
        worker = PrimeWorkerNode.start(ClusterOptions.loopback(name).withPorts(first, 5), 2);
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    void checkWithClusterGivesTheSameVerdictsInInputOrder() {
        Cli.Result r = Cli.run("check", "--cluster", name, "--cluster-port", port, "--algorithm", "miller-rabin",
                "--range", "1", "30");

        assertThat(r.code()).as(r.err()).isZero();
        List<String> verdicts = r.outLines().subList(0, 30).stream().map(l -> l.substring(0, 19).strip()).toList();
        assertThat(verdicts).containsExactlyElementsOf(LongStream.rangeClosed(1, 30)
                .mapToObj(n -> PrimalityTest.millerRabin().isPrime(n) ? n + "  P" : Long.toString(n)).toList());
        assertThat(r.outLines().get(30)).startsWith("30 checks in ");
    }

    @Test
    void compareWithClusterAddsTheClusterBackend() {
        Cli.Result r = Cli.run("compare", "--cluster", name, "--cluster-port", port, "--backends", "vertx",
                "--algorithm", "miller-rabin", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"vertx-cluster\"").contains("\"vertx\"").contains("\"sequential\"");
    }

    @Test
    void compareWithoutClusterLeavesTheClusterBackendOut() {
        Cli.Result r = Cli.run("compare", "--algorithm", "miller-rabin", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("vertx-cluster");
    }

    @Test
    void workerServesUntilStoppedThenLeaves() throws Exception {
        CompletableFuture<Cli.Result> running = CompletableFuture.supplyAsync(
                () -> Cli.run("worker", "--cluster", name, "--cluster-port", port, "--threads", "1"));
        await().atMost(Duration.ofSeconds(60)).until(WorkerCommand::anyRunning);
        Cli.Result check = Cli.run("check", "--cluster", name, "--cluster-port", port, "--algorithm",
                "miller-rabin", "--workers", "3", "--range", "1", "2000");
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.outLines()).hasSize(2001);

        WorkerCommand.stopAll();
        Cli.Result r = running.get(60, TimeUnit.SECONDS);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.outLines().get(0)).startsWith("worker ").contains("serves cluster '" + name + "'")
                .endsWith("with 1 threads; stop it with Ctrl-C or SIGTERM");
        assertThat(r.outLines().get(1)).startsWith("worker ").endsWith(" left");
    }

    private static int freePortRange() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int start = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            boolean free = true;
            for (int p = start; p < start + 5 && free; p++) {
                try (ServerSocket socket = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(false);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return start;
            }
        }
        throw new IllegalStateException("no free port range");
    }
}
