package io.github.primeflow.loom;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records every signal and every rule violation it can see (concurrent signals, signals after a terminal
 * one, more onNext than requested); requests only when told to, or {@code requestPerItem} from onNext.
 */
class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    final Queue<T> items = new ConcurrentLinkedQueue<>();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger completions = new AtomicInteger();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Set<Thread> signalThreads = ConcurrentHashMap.newKeySet();
    final AtomicLong totalRequested = new AtomicLong();
    final AtomicInteger maxStackDepth = new AtomicInteger();
    private final AtomicInteger inSignal = new AtomicInteger();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final long initialRequest;
    private final long requestPerItem;
    volatile Flow.Subscription subscription;
    volatile int cancelAfter = -1;

    RecordingSubscriber() {
        this(0, 0);
    }

    RecordingSubscriber(long initialRequest, long requestPerItem) {
        this.initialRequest = initialRequest;
        this.requestPerItem = requestPerItem;
    }

    static <T> RecordingSubscriber<T> unbounded() {
        return new RecordingSubscriber<>(Long.MAX_VALUE, 0);
    }

    private void enter(String signal) {
        if (inSignal.getAndIncrement() != 0) {
            violations.add("concurrent " + signal + " (rule 1.3)");
        }
        if (terminated.getCount() == 0) {
            violations.add(signal + " after a terminal signal");
        }
        signalThreads.add(Thread.currentThread());
    }

    private void exit() {
        inSignal.decrementAndGet();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null) {
            violations.add("second onSubscribe");
        }
        subscription = s;
        if (initialRequest > 0) {
            request(initialRequest);
        }
    }

    @Override
    public void onNext(T item) {
        enter("onNext");
        try {
            int count = received.incrementAndGet();
            long demand = totalRequested.get();
            if (demand != Long.MAX_VALUE && count > demand) {
                violations.add("onNext #" + count + " beyond demand " + demand + " (rule 1.1)");
            }
            maxStackDepth.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
            items.add(item);
            if (count == cancelAfter) {
                subscription.cancel();
            } else if (requestPerItem > 0) {
                request(requestPerItem);
            }
        } finally {
            exit();
        }
    }

    @Override
    public void onError(Throwable t) {
        enter("onError");
        errors.add(t);
        exit();
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        enter("onComplete");
        completions.incrementAndGet();
        exit();
        terminated.countDown();
    }

    void request(long n) {
        totalRequested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        subscription.request(n);
    }

    boolean awaitTermination() throws InterruptedException {
        return terminated.await(60, TimeUnit.SECONDS);
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }
}
