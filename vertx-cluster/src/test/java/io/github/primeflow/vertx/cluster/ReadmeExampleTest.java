package io.github.primeflow.vertx.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * vertx-cluster/README.md's example, run as a user runs it (a worker node and a checker in one JVM, on the
 * default loopback ports): it prints what the README shows under it. api's ReadmeSnippetsTest keeps the
 * README's block equal to the region below.
 */
class ReadmeExampleTest {

    @Test
    void theReadmeExamplePrintsWhatTheReadmeShows() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).containsExactly("9592 primes below 100000");
    }

    @SuppressWarnings("try") // the worker node is used only by being open
    static void example() {
        // snippet:cluster
        ClusterOptions cluster = ClusterOptions.loopback("demo");  // this machine only; see "Several machines"
        try (PrimeWorkerNode worker = PrimeWorkerNode.start(cluster, 2);  // or: ./primeflow worker --cluster demo
             ClusterPrimeChecker checker = ClusterPrimeChecker.create(
                     CheckerOptions.builder().parallelism(4).primalityTest(PrimalityTest.millerRabin()).build(),
                     cluster)) {
            CompletableFuture<Long> primes = new CompletableFuture<>();
            checker.checkRange(1, 100_000).subscribe(new Flow.Subscriber<PrimeResult>() {
                long count;
                public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
                public void onNext(PrimeResult r) { if (r.prime()) count++; }
                public void onError(Throwable e) { primes.completeExceptionally(e); }
                public void onComplete() { primes.complete(count); }
            });
            System.out.println(primes.join() + " primes below 100000");  // join(): wait before close()
        }
        // end:cluster
    }
}
