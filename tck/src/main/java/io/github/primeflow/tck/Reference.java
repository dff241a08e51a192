package io.github.primeflow.tck;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.PrimeResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** The verdicts a backend is compared with: the sequential reference backend, cross-checked by BigInteger. */
final class Reference {

    /** The largest prime below 2^63: about 1.5 × 10^9 divisors for trial division (0.5–2 s on one core). */
    static final long LARGEST_LONG_PRIME = 9_223_372_036_854_775_783L;

    private Reference() {
    }

    static boolean isPrime(long n) {
        return n >= 2 && BigInteger.valueOf(n).isProbablePrime(64);
    }

    /** The sequential backend's results for {@code numbers}, each checked against BigInteger. */
    static List<PrimeResult> sequential(PrimalityTest kernel, long... numbers) {
        try (PrimeChecker sequential = PrimeCheckers.create(PrimeCheckers.SEQUENTIAL,
                CheckerOptions.builder().parallelism(1).primalityTest(kernel).build())) {
            List<PrimeResult> results = collect(sequential.check(numbers), 60);
            for (PrimeResult r : results) {
                if (r.prime() != isPrime(r.number())) {
                    throw new AssertionError("the sequential reference disagrees with BigInteger on " + r.number());
                }
            }
            return results;
        }
    }

    /** Drains a result stream on the calling thread's behalf; for reference runs and many-thread rules. */
    static List<PrimeResult> collect(Flow.Publisher<PrimeResult> publisher, long timeoutSeconds) {
        CompletableFuture<List<PrimeResult>> done = new CompletableFuture<>();
        List<PrimeResult> results = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(PrimeResult item) {
                synchronized (results) {
                    results.add(item);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                synchronized (results) {
                    done.complete(List.copyOf(results));
                }
            }
        });
        try {
            return done.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("collecting results failed: " + e, e);
        }
    }
}
