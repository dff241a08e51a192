package io.github.primeflow.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test subscriber for a backend's own tests: it records every signal, the threads that delivered them, and
 * every breach of the Reactive Streams rules it can see (overlapping signals, a signal after a terminal one,
 * more {@code onNext} than it requested, a second {@code onSubscribe}). Unlike the kit's own subscriber it
 * requests and cancels on the calling thread, so a test decides where demand comes from.
 *
 * <p>Demand is counted only when it goes through {@link #request(long)} (or the initial and refill demand given
 * to the constructor); a test that calls {@code subscription().request(n)} itself makes the demand check
 * meaningless. Thread-safe. Not final: a test may override a signal method to act inside it, calling
 * {@code super} first so that the signal is recorded.
 *
 * @param <T> the element type
 */
public class RecordingSubscriber<T> implements Flow.Subscriber<T> {

    private final long initialRequest;
    private final long refill;
    private final List<T> items = new ArrayList<>(); // guarded by itself
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Set<Thread> signalThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger signalling = new AtomicInteger();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Flow.Subscription subscription;
    private volatile int cancelAfter = -1;

    /**
     * A subscriber that requests {@code initialRequest} inside {@code onSubscribe} (nothing if 0) and
     * {@code refill} more after each {@code onNext} (nothing if 0).
     *
     * @param initialRequest demand issued in {@code onSubscribe}, 0 for none
     * @param refill demand issued after each {@code onNext}, 0 for none
     * @throws IllegalArgumentException if either is negative
     */
    public RecordingSubscriber(long initialRequest, long refill) {
        if (initialRequest < 0 || refill < 0) {
            throw new IllegalArgumentException("demand must not be negative: " + initialRequest + ", " + refill);
        }
        this.initialRequest = initialRequest;
        this.refill = refill;
    }

    /**
     * A subscriber that requests {@code Long.MAX_VALUE} inside {@code onSubscribe}.
     *
     * @param <T> the element type
     * @return a new subscriber
     */
    public static <T> RecordingSubscriber<T> unbounded() {
        return new RecordingSubscriber<>(Long.MAX_VALUE, 0);
    }

    /**
     * Makes the {@code n}-th {@code onNext} cancel the subscription from inside that signal, instead of
     * requesting its refill. Call it before subscribing.
     *
     * @param n the 1-based position of the {@code onNext} that cancels
     * @return this subscriber
     */
    public RecordingSubscriber<T> cancelAfter(int n) {
        cancelAfter = n;
        return this;
    }

    /**
     * Counts {@code n} as demand (saturating at {@code Long.MAX_VALUE}) and requests it on the calling thread.
     *
     * @param n the demand; a non-positive value is passed on, as a §3.9 test needs, and not counted
     * @throws IllegalStateException before {@code onSubscribe}
     */
    public void request(long n) {
        Flow.Subscription s = subscriptionOrFail();
        if (n > 0) {
            requested.accumulateAndGet(n, RecordingSubscriber::saturatedSum);
        }
        s.request(n);
    }

    /**
     * Cancels the subscription on the calling thread.
     *
     * @throws IllegalStateException before {@code onSubscribe}
     */
    public void cancel() {
        subscriptionOrFail().cancel();
    }

    /**
     * The subscription, once {@code onSubscribe} was called.
     *
     * @return the subscription, or {@code null} before {@code onSubscribe}
     */
    public Flow.Subscription subscription() {
        return subscription;
    }

    private Flow.Subscription subscriptionOrFail() {
        Flow.Subscription s = subscription;
        if (s == null) {
            throw new IllegalStateException("onSubscribe was not called yet");
        }
        return s;
    }

    /**
     * Records the subscription, then issues the initial demand. Overlap and a second call are violations.
     */
    @Override
    public void onSubscribe(Flow.Subscription s) {
        enter("onSubscribe", false);
        if (subscription != null) {
            violations.add("onSubscribe called twice (§2.5)");
        }
        subscription = s;
        leave();
        if (initialRequest > 0) {
            request(initialRequest);
        }
    }

    /**
     * Records the element and its thread, checks it against the demand requested so far, then cancels (see
     * {@link #cancelAfter(int)}) or issues the refill demand.
     */
    @Override
    public void onNext(T item) {
        enter("onNext", true);
        int count = received.incrementAndGet();
        if (item == null) {
            violations.add("onNext(null) (§2.13)");
        }
        long demand = requested.get();
        if (count > demand) {
            violations.add("onNext #" + count + " but only " + demand + " requested (§1.1)");
        }
        synchronized (items) {
            items.add(item);
        }
        leave();
        if (count == cancelAfter) {
            cancel();
        } else if (refill > 0) {
            request(refill);
        }
    }

    /** Records the error and its thread; the subscriber is terminated afterwards. */
    @Override
    public void onError(Throwable error) {
        enter("onError", true);
        errors.add(error);
        leave();
        terminated.countDown();
    }

    /** Records the completion and its thread; the subscriber is terminated afterwards. */
    @Override
    public void onComplete() {
        enter("onComplete", true);
        completions.incrementAndGet();
        leave();
        terminated.countDown();
    }

    private void enter(String signal, boolean recordThread) {
        if (signalling.getAndIncrement() != 0) {
            violations.add(signal + " overlapped another signal (§1.3)");
        }
        if (terminated.getCount() == 0) {
            violations.add(signal + " after a terminal signal (§1.7)");
        }
        if (recordThread) {
            signalThreads.add(Thread.currentThread());
        }
    }

    private void leave() {
        signalling.decrementAndGet();
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Waits for {@code onError} or {@code onComplete}.
     *
     * @param within how long to wait at most (a hang guard, not a timing assertion)
     * @return this subscriber
     * @throws AssertionError if no terminal signal came in time, naming what did come
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public RecordingSubscriber<T> awaitTermination(Duration within) throws InterruptedException {
        if (!terminated.await(within.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("no terminal signal within " + within + ": " + this);
        }
        return this;
    }

    /**
     * Whether {@code onError} or {@code onComplete} was called.
     *
     * @return {@code true} once terminated
     */
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /**
     * The elements received so far, in arrival order.
     *
     * @return a snapshot
     */
    public List<T> items() {
        synchronized (items) {
            return List.copyOf(items);
        }
    }

    /**
     * How many {@code onNext} signals arrived; cheaper than {@code items().size()}.
     *
     * @return the count so far
     */
    public int received() {
        return received.get();
    }

    /**
     * The demand counted so far (see the class comment), saturated at {@code Long.MAX_VALUE}.
     *
     * @return the demand so far
     */
    public long requested() {
        return requested.get();
    }

    /**
     * The errors received: one at most, unless the publisher broke §1.7.
     *
     * @return a snapshot
     */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    /**
     * How many {@code onComplete} signals arrived.
     *
     * @return the count so far
     */
    public int completions() {
        return completions.get();
    }

    /**
     * The threads that ran {@code onNext}, {@code onError} or {@code onComplete} ({@code onSubscribe} often runs
     * on the subscribing thread, so it is left out).
     *
     * @return a snapshot
     */
    public Set<Thread> signalThreads() {
        return Set.copyOf(signalThreads);
    }

    /**
     * The Reactive Streams breaches seen, each described with the rule it breaks.
     *
     * @return a snapshot, empty for a clean stream
     */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Describes what arrived, for assertion messages. */
    @Override
    public String toString() {
        return "RecordingSubscriber[received " + received.get() + " of " + requested.get() + " requested, "
                + completions.get() + " completions, errors " + errors + ", violations " + violations + "]";
    }
}
