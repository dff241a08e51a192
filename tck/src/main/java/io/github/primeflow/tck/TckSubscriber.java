package io.github.primeflow.tck;

import io.github.primeflow.PrimeResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kit's subscriber. It records every signal and every breach of the Reactive Streams rules it can see
 * (more {@code onNext} than requested, overlapping signals, signals after a terminal one), and it issues
 * every {@code subscribe}, {@code request} and {@code cancel} from the kit's event loop, so that a backend
 * computing inside those calls computes on that loop, where the kernel probe sees it.
 */
final class TckSubscriber implements Flow.Subscriber<PrimeResult> {

    private final Executor loop;
    private final long refill; // request this many more after each onNext; 0 = only explicit requests

    final List<PrimeResult> results = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger signalling = new AtomicInteger();
    private volatile Flow.Subscription subscription;
    private volatile boolean terminated;
    private volatile boolean cancelInOnSubscribe;
    private volatile long requestInOnSubscribe;
    private volatile long busyNanosInOnNext;

    TckSubscriber(Executor loop, long refill) {
        this.loop = loop;
        this.refill = refill;
    }

    void subscribeTo(Flow.Publisher<PrimeResult> publisher) {
        loop.execute(() -> publisher.subscribe(this));
    }

    void request(long n) {
        requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        loop.execute(() -> subscription.request(n));
    }

    /** Requests from the event loop without counting it as demand: for rule §3.9 checks. */
    void requestInvalid(long n) {
        loop.execute(() -> subscription.request(n));
    }

    void cancel() {
        loop.execute(() -> subscription.cancel());
    }

    /** Cancels from the calling thread: for synchronous backends, whose work occupies the event loop. */
    void cancelFromThisThread() {
        subscription.cancel();
    }

    /** Cancels inside {@code onSubscribe}, before any request: the earliest stage a subscriber can cancel at. */
    TckSubscriber cancelInOnSubscribe() {
        cancelInOnSubscribe = true;
        return this;
    }

    /** Requests {@code n} inside {@code onSubscribe} (0: nothing), before any result can arrive. */
    TckSubscriber requestInOnSubscribe(long n) {
        requestInOnSubscribe = n;
        return this;
    }

    /** Spends {@code nanos} on the CPU in each {@code onNext}, as a subscriber doing real work does. */
    TckSubscriber busyInOnNext(long nanos) {
        busyNanosInOnNext = nanos;
        return this;
    }

    boolean hasSubscription() {
        return subscription != null;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        enter("onSubscribe");
        if (subscription != null) {
            violations.add("onSubscribe called twice (§2.5)");
        }
        subscription = s;
        if (cancelInOnSubscribe) {
            s.cancel();
        }
        leave();
        long initial = requestInOnSubscribe;
        if (initial > 0) {
            requested.accumulateAndGet(initial, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            s.request(initial);
        }
    }

    @Override
    public void onNext(PrimeResult result) {
        long count = delivered.incrementAndGet();
        enter("onNext");
        if (terminated) {
            violations.add("onNext(" + result + ") after a terminal signal (§1.7)");
        }
        if (result == null) {
            violations.add("onNext(null) (§2.13)");
        }
        if (count > requested.get()) {
            violations.add("onNext #" + count + " but only " + requested.get() + " requested (§1.1, P4)");
        }
        results.add(result);
        for (long end = System.nanoTime() + busyNanosInOnNext; System.nanoTime() - end < 0; ) {
            Thread.yield(); // lets another thread run into an overlapping onNext, if the backend allows one (§1.3)
        }
        leave();
        if (refill > 0) {
            request(refill);
        }
    }

    @Override
    public void onError(Throwable t) {
        enter("onError");
        if (terminated) {
            violations.add("onError(" + t + ") after a terminal signal (§1.7)");
        }
        errors.add(t);
        terminated = true; // after the error is recorded: a reader that sees termination sees the error
        leave();
    }

    @Override
    public void onComplete() {
        enter("onComplete");
        if (terminated) {
            violations.add("onComplete after a terminal signal (§1.7)");
        }
        completions.incrementAndGet();
        terminated = true;
        leave();
    }

    private void enter(String signal) {
        if (signalling.getAndIncrement() != 0) {
            violations.add(signal + " overlapped another signal (§1.3)");
        }
    }

    private void leave() {
        signalling.decrementAndGet();
    }

    long requested() {
        return requested.get();
    }

    long delivered() {
        return delivered.get();
    }

    int completions() {
        return completions.get();
    }

    boolean isTerminated() {
        return terminated;
    }

    String describe() {
        return "delivered " + delivered.get() + " of " + requested.get() + " requested, " + completions.get()
                + " completions, errors " + errors + ", violations " + violations;
    }
}
