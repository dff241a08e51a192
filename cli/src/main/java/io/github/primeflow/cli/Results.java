package io.github.primeflow.cli;

import io.github.primeflow.PrimeResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A subscriber that hands each result to a callback (results arrive one at a time, as the spec requires)
 * and completes a future with the count, or with the stream's error.
 */
final class Results implements Flow.Subscriber<PrimeResult> {
    private final Consumer<PrimeResult> each;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private long count;

    Results(Consumer<PrimeResult> each) {
        this.each = each;
    }

    CompletableFuture<Long> done() {
        return done;
    }

    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(PrimeResult result) {
        count++;
        try {
            each.accept(result);
        } catch (RuntimeException e) {
            subscription.cancel();
            done.completeExceptionally(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        done.complete(count);
    }
}
