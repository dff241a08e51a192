package io.github.primeflow.benchmarks.workload;

import io.github.primeflow.PrimeResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * Subscribes to a result publisher and blocks until it completes: the way a benchmark consumes a
 * {@link io.github.primeflow.PrimeChecker} through its public API only.
 */
public final class Drain {

    private Drain() {
    }

    /**
     * Counts the primes among the results, requesting everything at once (every backend bounds its own
     * in-flight work by {@code maxInFlight}, so unbounded demand costs no memory).
     *
     * @param results a cold publisher; subscribed once
     * @return how many results were prime
     * @throws IllegalStateException if the publisher ended with an error (its cause attached)
     */
    public static long countPrimes(Flow.Publisher<PrimeResult> results) {
        CountingSubscriber subscriber = new CountingSubscriber();
        results.subscribe(subscriber);
        try {
            return subscriber.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the pipeline failed", e.getCause());
        }
    }

    /** Counts on whatever thread signals; the Reactive Streams rules make the signals serial. */
    private static final class CountingSubscriber implements Flow.Subscriber<PrimeResult> {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        private long primes;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(PrimeResult result) {
            if (result.prime()) {
                primes++;
            }
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(primes);
        }
    }
}
