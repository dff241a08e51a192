package io.github.primeflow.vertx.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three JVMs on loopback: this one (the client node with the checker) and two worker nodes in child JVMs, with
 * a fresh cluster name and port range per test. Every wait is a latch or Awaitility condition scaled by
 * {@code primeflow.tck.timeScale}; the only speed judged is the "stall under 2 s" after a kill -9.
 */
class ThreeJvmClusterIT {

    /** Trial division near 10^12: a few ms per prime, microseconds per composite; several seconds in all. */
    private static final long FROM = 1_000_000_000_000L;
    private static final int COUNT = 20_000;
    private static final long TO = FROM + COUNT;

    private ClusterOptions options;
    private ClusterNode client;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private ClusterPrimeChecker checker;

    @BeforeEach
    void startCluster() throws Exception {
        options = TestClusters.fresh("it");
        workers.add(WorkerProcess.start("worker-a", options, 1));
        workers.add(WorkerProcess.start("worker-b", options, 1));
        client = ClusterNode.join(options);
        for (WorkerProcess worker : workers) {
            worker.awaitReady();
        }
    }

    @AfterEach
    void stopCluster() throws Exception {
        try {
            if (checker != null) {
                checker.close();
            }
        } finally {
            for (WorkerProcess worker : workers) {
                worker.close();
            }
            if (client != null) {
                client.close();
            }
        }
    }

    private ClusterPrimeChecker checker() {
        checker = ClusterPrimeChecker.create(CheckerOptions.builder().parallelism(2).ordering(Ordering.INPUT_ORDER)
                .primalityTest(PrimalityTest.trialDivision()).build(), options, client);
        return checker;
    }

    private Collector run(ClusterPrimeChecker c, long from, long to) {
        Collector collector = new Collector();
        c.checkRange(from, to).subscribe(collector);
        return collector;
    }

    private static Duration within(long seconds) {
        return TestClusters.scaled(seconds * 1000);
    }

    private void awaitEnd(Collector collector) throws InterruptedException {
        assertThat(collector.terminated.await(within(120).toMillis(), TimeUnit.MILLISECONDS))
                .as("the stream ended (received %d)", collector.received.get()).isTrue();
        assertThat(collector.error.get()).as("stream error").isNull();
        assertThat(collector.completed).isTrue();
    }

    private void awaitReceived(Collector collector, int count) {
        await().atMost(within(60)).pollInterval(Duration.ofMillis(5)).until(() -> collector.received.get() >= count);
    }

    @Test
    void resultsMatchTheReferenceAndBothWorkersShareTheWork() throws Exception {
        Collector collector = run(checker(), FROM, FROM + 10_000);
        awaitEnd(collector);
        assertThat(collector.problems(FROM, FROM + 10_000)).isEmpty();
        assertThat(checker.numbersSentPerNode()).as("numbers per worker node").hasSize(2)
                .allSatisfy((node, numbers) -> assertThat(numbers).isPositive());
        System.out.println("spread of 10^4 numbers: " + checker.numbersSentPerNode());
    }

    @Test
    void killMinus9OfAWorkerLosesNothingAndStallsUnderTwoSeconds() throws Exception {
        Collector collector = run(checker(), FROM, TO);
        awaitReceived(collector, COUNT / 4);
        long killedAt = System.nanoTime();
        workers.get(0).kill();
        awaitEnd(collector);
        long stall = collector.longestGapAfterNanos(killedAt);
        System.out.printf(Locale.ROOT, "kill -9: longest stall after the kill %.0f ms, %s%n", stall / 1e6,
                checker.stats());
        assertThat(collector.problems(FROM, TO)).isEmpty();
        assertThat(checker.stats().departures()).isEqualTo(1);
        assertThat(checker.stats().resentBatches()).as("batches of the killed node sent again").isPositive();
        assertThat(Duration.ofNanos(stall)).isLessThan(within(2));
    }

    @Test
    void gracefulStopOfAWorkerLosesNothing() throws Exception {
        Collector collector = run(checker(), FROM, TO);
        awaitReceived(collector, COUNT / 4);
        workers.get(0).stopGracefully();
        awaitEnd(collector);
        assertThat(collector.problems(FROM, TO)).isEmpty();
        workers.get(0).stopped.get(within(60).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(workers.get(0).process.waitFor(within(60).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        System.out.println("graceful stop: " + checker.stats());
    }

    @Test
    void allWorkersGoneThenOneReturnsLosesNothing() throws Exception {
        Collector collector = run(checker(), FROM, TO);
        awaitReceived(collector, COUNT / 4);
        workers.get(0).kill();
        workers.get(1).kill();
        await().atMost(within(30)).until(() -> checker.stats().departures() == 2);
        int before = collector.received.get();
        assertThat(collector.terminated.getCount()).as("parked, not ended").isEqualTo(1);
        WorkerProcess returning = WorkerProcess.start("worker-c", options, 2);
        workers.add(returning);
        returning.awaitReady();
        awaitEnd(collector);
        assertThat(collector.problems(FROM, TO)).isEmpty();
        System.out.println("all gone at " + before + " results, then one returned: " + checker.stats());
    }

    @Test
    void noWorkerUntilTheParkDeadlineFailsNamingTheNumbers() throws Exception {
        for (WorkerProcess worker : workers) {
            worker.kill();
        }
        ClusterOptions impatient = options.withParkDeadline(TestClusters.scaled(1_000));
        checker = ClusterPrimeChecker.create(CheckerOptions.builder().parallelism(2)
                .primalityTest(PrimalityTest.millerRabin()).build(), impatient, client);
        await().atMost(within(30)).until(() -> !client.members().isEmpty() && client.members().size() == 1);
        Collector collector = run(checker, 7, 12);
        assertThat(collector.terminated.await(within(30).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(collector.error.get()).hasMessageContaining("park deadline").hasMessageContaining("[7, 8, 9, 10, 11]");
        assertThat(collector.received.get()).isZero();
    }

    @Test
    void frozenWorkerIsQuarantinedAndItsWorkRetried() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "kill -STOP needs Linux");
        Collector collector = run(checker(), FROM, TO);
        awaitReceived(collector, COUNT / 4);
        long frozenAt = System.nanoTime();
        workers.get(0).signal("STOP");
        awaitEnd(collector);
        System.out.printf(Locale.ROOT, "SIGSTOP: longest stall %.0f ms, %s%n",
                collector.longestGapAfterNanos(frozenAt) / 1e6, checker.stats());
        assertThat(collector.problems(FROM, TO)).isEmpty();
        assertThat(checker.stats().quarantines()).isGreaterThanOrEqualTo(1);
        assertThat(checker.stats().resentBatches()).isGreaterThanOrEqualTo(1);
    }
}
