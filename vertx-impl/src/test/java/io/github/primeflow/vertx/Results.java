package io.github.primeflow.vertx;

import io.github.primeflow.PrimeResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** A test subscriber: records results and threads, requests everything or on command. */
class Results implements Flow.Subscriber<PrimeResult> {

    final List<PrimeResult> results = Collections.synchronizedList(new ArrayList<>());
    final Set<Thread> signalThreads = ConcurrentHashMap.newKeySet();
    final CompletableFuture<List<PrimeResult>> done = new CompletableFuture<>();
    private final long initial;
    volatile Flow.Subscription subscription;

    Results(long initial) {
        this.initial = initial;
    }

    static Results all() {
        return new Results(Long.MAX_VALUE);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        signalThreads.add(Thread.currentThread());
        if (initial > 0) {
            s.request(initial);
        }
    }

    @Override
    public void onNext(PrimeResult result) {
        signalThreads.add(Thread.currentThread());
        results.add(result);
    }

    @Override
    public void onError(Throwable error) {
        signalThreads.add(Thread.currentThread());
        done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        signalThreads.add(Thread.currentThread());
        synchronized (results) {
            done.complete(List.copyOf(results));
        }
    }

    List<PrimeResult> await() throws Exception {
        return done.get(60, TimeUnit.SECONDS);
    }
}
