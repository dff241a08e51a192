package io.github.primeflow.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Flow.Subscriber} that records every signal and requests what the test tells it to. */
class FlowRecorder<T> implements Flow.Subscriber<T> {

    final List<T> items = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<String> deliveryThreads = new CopyOnWriteArrayList<>();
    final AtomicInteger completions = new AtomicInteger();
    final CountDownLatch terminated = new CountDownLatch(1);
    private final long initialRequest;
    volatile Flow.Subscription subscription;

    FlowRecorder(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (initialRequest > 0) {
            s.request(initialRequest);
        }
    }

    @Override
    public void onNext(T item) {
        deliveryThreads.add(Thread.currentThread().getName());
        items.add(item);
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        completions.incrementAndGet();
        terminated.countDown();
    }

    /** Waits for a terminal signal (a hang guard, not a timing assertion). */
    FlowRecorder<T> awaitTermination() throws InterruptedException {
        assertThat(terminated.await(30, TimeUnit.SECONDS)).as("terminated within the hang guard").isTrue();
        return this;
    }
}
