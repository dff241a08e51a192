package io.github.primeflow.vertx.cluster;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Subscribes with unbounded demand and records every result, its arrival time, and the terminal signal. */
final class Collector implements Flow.Subscriber<PrimeResult> {

    final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
    final Map<Long, Boolean> verdicts = new ConcurrentHashMap<>();
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    final CountDownLatch terminated = new CountDownLatch(1);
    private final List<Long> arrivals = new ArrayList<>(); // guarded by this
    volatile boolean completed;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(PrimeResult result) {
        counts.computeIfAbsent(result.number(), n -> new AtomicInteger()).incrementAndGet();
        verdicts.put(result.number(), result.prime());
        synchronized (this) {
            arrivals.add(System.nanoTime());
        }
        received.incrementAndGet();
    }

    @Override
    public void onError(Throwable throwable) {
        error.set(throwable);
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        completed = true;
        terminated.countDown();
    }

    /** The longest gap between two consecutive results (or from {@code sinceNanos} to the next) after it. */
    synchronized long longestGapAfterNanos(long sinceNanos) {
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

    /** Numbers answered other than exactly once, and verdicts that differ from Miller–Rabin. */
    List<String> problems(long from, long to) {
        List<String> problems = new ArrayList<>();
        for (long n = from; n < to; n++) {
            AtomicInteger count = counts.get(n);
            if (count == null || count.get() != 1) {
                problems.add(n + " answered " + (count == null ? 0 : count.get()) + " times");
            } else if (verdicts.get(n) != PrimalityTest.millerRabin().isPrime(n)) {
                problems.add(n + " has the wrong verdict");
            }
            if (problems.size() > 20) {
                break;
            }
        }
        if (counts.size() != to - from) {
            problems.add("results for " + counts.size() + " distinct numbers, expected " + (to - from));
        }
        return problems;
    }
}
