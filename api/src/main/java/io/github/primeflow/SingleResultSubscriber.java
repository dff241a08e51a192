package io.github.primeflow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Adapts a one-number result stream to a future whose cancellation cancels the subscription. */
final class SingleResultSubscriber implements Flow.Subscriber<PrimeResult> {

    private final CompletableFuture<PrimeResult> future = new CompletableFuture<>();

    CompletableFuture<PrimeResult> future() {
        return future;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        future.whenComplete((result, error) -> {
            if (future.isCancelled()) {
                subscription.cancel();
            }
        });
        subscription.request(1);
    }

    @Override
    public void onNext(PrimeResult result) {
        future.complete(result);
    }

    @Override
    public void onError(Throwable error) {
        future.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        future.completeExceptionally(new PrimeCheckException("result stream completed without a result", null));
    }
}
