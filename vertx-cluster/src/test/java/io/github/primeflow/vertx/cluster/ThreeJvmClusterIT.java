package io.github.primeflow.vertx.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.RecordingSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Records each result's arrival time too, to measure stalls. */
    private static final class TimedRecorder extends RecordingSubscriber<PrimeResult> {
        private final List<Long> arrivals = new ArrayList<>(); // guarded by itself

        TimedRecorder() {
            super(Long.MAX_VALUE, 0);
        }

        @Override
        public void onNext(PrimeResult result) {
            super.onNext(result);
            synchronized (arrivals) {
                arrivals.add(System.nanoTime());
            }
        }

        /** The longest gap between two consecutive results (or from {@code sinceNanos} to the next) after it. */
        long longestGapAfterNanos(long sinceNanos) {
            synchronized (arrivals) {
                long previous = sinceNanos;
                long longest = 0;
                for (long t : arrivals) {
                    if (t > sinceNanos) {
                        longest = Math.max(longest, t - previous);
                        previous = t;
                    }
                }
                return longest;
            }
        }

        /** Numbers answered other than exactly once, and verdicts that differ from Miller–Rabin. */
        List<String> problems(long from, long to) {
            Map<Long, Integer> counts = new HashMap<>();
            Map<Long, Boolean> verdicts = new HashMap<>();
            for (PrimeResult r : items()) {
                counts.merge(r.number(), 1, Integer::sum);
                verdicts.put(r.number(), r.prime());
            }
            List<String> problems = new ArrayList<>();
            for (long n = from; n < to && problems.size() <= 20; n++) {
                int count = counts.getOrDefault(n, 0);
                if (count != 1) {
                    problems.add(n + " answered " + count + " times");
                } else if (verdicts.get(n) != PrimalityTest.millerRabin().isPrime(n)) {
                    problems.add(n + " has the wrong verdict");
                }
            }
            if (counts.size() != to - from) {
                problems.add("results for " + counts.size() + " distinct numbers, expected " + (to - from));
            }
            return problems;
        }
    }

    private TimedRecorder run(ClusterPrimeChecker c, long from, long to) {
        TimedRecorder collector = new TimedRecorder();
        c.checkRange(from, to).subscribe(collector);
        return collector;
    }

    private static Duration within(long seconds) {
        return TestClusters.scaled(seconds * 1000);
    }

    private void awaitEnd(TimedRecorder collector) throws InterruptedException {
        collector.awaitTermination(within(120));
        assertThat(collector.errors()).as("stream error").isEmpty();
        assertThat(collector.completions()).isEqualTo(1);
    }

    private void awaitReceived(TimedRecorder collector, int count) {
        await().atMost(within(60)).pollInterval(Duration.ofMillis(5)).until(() -> collector.received() >= count);
    }

    @Test
    void resultsMatchTheReferenceAndBothWorkersShareTheWork() throws Exception {
        TimedRecorder collector = run(checker(), FROM, FROM + 10_000);
        awaitEnd(collector);
        assertThat(collector.problems(FROM, FROM + 10_000)).isEmpty();
        assertThat(checker.numbersSentPerNode()).as("numbers per worker node").hasSize(2)
                .allSatisfy((node, numbers) -> assertThat(numbers).isPositive());
        System.out.println("spread of 10^4 numbers: " + checker.numbersSentPerNode());
    }

    @Test
    void killMinus9OfAWorkerLosesNothingAndStallsUnderTwoSeconds() throws Exception {
        TimedRecorder collector = run(checker(), FROM, TO);
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
        TimedRecorder collector = run(checker(), FROM, TO);
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
        TimedRecorder collector = run(checker(), FROM, TO);
        awaitReceived(collector, COUNT / 4);
        workers.get(0).kill();
        workers.get(1).kill();
        await().atMost(within(30)).until(() -> checker.stats().departures() == 2);
        int before = collector.received();
        assertThat(collector.isTerminated()).as("parked, not ended").isFalse();
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
        TimedRecorder collector = run(checker, 7, 12);
        collector.awaitTermination(within(30));
        assertThat(collector.errors()).singleElement(THROWABLE).hasMessageContaining("park deadline")
                .hasMessageContaining("[7, 8, 9, 10, 11]");
        assertThat(collector.received()).isZero();
    }

    @Test
    void frozenWorkerIsQuarantinedAndItsWorkRetried() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "kill -STOP needs Linux");
        TimedRecorder collector = run(checker(), FROM, TO);
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
