package io.github.primeflow.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every signal; requests only when told to. */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final AtomicInteger completions = new AtomicInteger();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(T item) {
        items.add(item);
    }

    @Override
    public void onError(Throwable t) {
        errors.add(t);
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        completions.incrementAndGet();
        terminated.countDown();
    }

    void request(long n) {
        subscription.request(n);
    }

    boolean awaitTermination() throws InterruptedException {
        return terminated.await(30, TimeUnit.SECONDS);
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }
}
