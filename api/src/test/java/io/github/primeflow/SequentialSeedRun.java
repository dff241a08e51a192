package io.github.primeflow;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;

/**
 * The seed's {@code sequential.py} on the sequential reference backend: the main job until the CLI exists.
 * Run with {@code ./with-jdk21 mvn -B -q -pl api test-compile exec:java@seed}.
 */
public final class SequentialSeedRun {

    private SequentialSeedRun() {
    }

    /**
     * Checks the seed's 20 numbers with trial division and prints one line per number and the total.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the results
     */
    public static void main(String[] args) throws InterruptedException {
        long[] numbers = SeedNumbers.toArray();
        System.out.printf("Checking %d numbers sequentially:%n", numbers.length);
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(1);
        try (PrimeChecker checker = PrimeCheckers.create(PrimeCheckers.SEQUENTIAL, CheckerOptions.defaults())) {
            checker.check(numbers).subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(PrimeResult r) {
                    System.out.printf("%16d  %s %9.6fs%n", r.number(), r.prime() ? "P" : " ", r.elapsedNanos() / 1e9);
                }

                @Override
                public void onError(Throwable t) {
                    t.printStackTrace();
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            done.await();
        }
        System.out.printf("Total time: %.2fs%n", (System.nanoTime() - start) / 1e9);
    }
}
