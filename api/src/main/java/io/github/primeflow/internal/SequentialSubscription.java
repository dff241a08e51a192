package io.github.primeflow.internal;

import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.OnNextGuard;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of the sequential checker: subscriber of the numbers, subscription of the results.
 *
 * <p>All signals (demand, numbers, upstream termination, cancel, close) only record what happened and
 * call {@link #drain()}; the drain loop runs on one thread at a time and does the work, so a synchronous
 * upstream that emits inside {@code request(1)} cannot recurse (rule §3.3) and signals to the subscriber
 * stay serial (rule §1.3).
 */
final class SequentialSubscription implements Flow.Subscriber<Long>, Flow.Subscription {

    private static final String NAME = SequentialPrimeChecker.NAME;

    private final SequentialPrimeChecker checker;
    private final PrimalityTest test;
    private final Flow.Subscriber<? super PrimeResult> downstream;

    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();

    private volatile Flow.Subscription upstream;
    private volatile boolean hasNumber;
    private volatile long number;
    private volatile boolean upstreamDone;
    private volatile Throwable upstreamError;
    private volatile RuntimeException failure; // ends the stream at the next drain
    private volatile boolean cancelled;
    private boolean upstreamCancelled;

    private final OnNextGuard onNextGuard = new OnNextGuard(); // catches two upstream threads at once (§1.3)

    // Written only inside the drain loop; onNext reads it to spot a number nobody asked for (rule 1.1).
    private volatile boolean awaitingNumber;

    // Only touched inside the drain loop.
    private boolean terminated;
    private long accepted;

    SequentialSubscription(SequentialPrimeChecker checker, PrimalityTest test,
            Flow.Subscriber<? super PrimeResult> downstream) {
        this.checker = checker;
        this.test = test;
        this.downstream = downstream;
    }

    void start(Flow.Publisher<Long> numbers) {
        downstream.onSubscribe(this);
        if (!checker.register(this)) {
            checkerClosed();
            return;
        }
        try {
            numbers.subscribe(this);
        } catch (RuntimeException e) {
            fail(new PrimeCheckException(NAME + ": subscribing to the numbers failed: " + e, e));
        }
    }

    void checkerClosed() {
        fail(new PrimeCheckException(NAME + ": the PrimeChecker was closed during the work", null));
    }

    // ---- upstream signals ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        if (upstream != null) {
            subscription.cancel(); // rule §2.5: only one upstream
            return;
        }
        upstream = subscription;
        drain();
    }

    @Override
    public void onNext(Long n) {
        if (!onNextGuard.run(n, this::accept)) { // another thread was inside onNext (§1.3)
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted " + n
                    + " while another thread was inside onNext (rule 1.3)", null));
            upstream.cancel();
        }
    }

    private void accept(Long n) {
        if (n == null) {
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted null as element #" + (accepted + 1),
                    new NullPointerException("null element")));
            return;
        }
        if (hasNumber || !awaitingNumber || upstreamDone) {
            // §1.1 (a number nobody asked for) or §1.7 (a number after onComplete): end the stream, and cancel
            // at once, from inside onNext, so that a flooding upstream stops now rather than after its loop
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted " + n + (upstreamDone
                    ? " after onComplete (rule 1.7)" : " beyond the demand it was given (rule 1.1)"), null));
            upstream.cancel();
            return;
        }
        number = n;
        hasNumber = true;
        drain();
    }

    @Override
    public void onError(Throwable error) {
        Objects.requireNonNull(error, "error");
        upstreamError = error;
        upstreamDone = true;
        drain();
    }

    @Override
    public void onComplete() {
        upstreamDone = true;
        drain();
    }

    // ---- downstream signals ----

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("Reactive Streams rule 3.9: request(n) needs n > 0, got " + n));
            return;
        }
        Demand.add(requested, n);
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    private void fail(RuntimeException error) {
        if (failure == null) {
            failure = error;
        }
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (terminated) {
                cancelUpstream(); // an upstream may subscribe after the stream ended
            }
            while (!terminated && step()) {
                // keep going while a step made progress
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Does the next piece of work; returns whether anything happened. */
    private boolean step() {
        if (cancelled) {
            terminate();
            return false;
        }
        RuntimeException fatal = failure;
        if (fatal != null) {
            terminate();
            downstream.onError(fatal);
            return false;
        }
        if (hasNumber) {
            if (requested.get() == 0) {
                return false;
            }
            hasNumber = false;
            awaitingNumber = false;
            accepted++;
            emit(number);
            return true;
        }
        if (upstreamDone) {
            terminate();
            Throwable error = upstreamError;
            if (error == null) {
                downstream.onComplete();
            } else {
                downstream.onError(new PrimeCheckException(
                        NAME + ": the numbers publisher failed after " + accepted + " numbers: " + error, error));
            }
            return false;
        }
        Flow.Subscription up = upstream;
        if (up != null && !awaitingNumber && requested.get() > 0) {
            awaitingNumber = true;
            up.request(1);
            return true;
        }
        return false;
    }

    private void emit(long n) {
        PrimeResult result;
        long start = System.nanoTime();
        try {
            boolean prime = test.isPrime(n);
            result = new PrimeResult(n, prime, System.nanoTime() - start);
        } catch (RuntimeException | Error e) {
            failure = new PrimeCheckException(NAME + ": the primality test failed for " + n + ": " + e, e);
            return;
        }
        if (cancelled || failure != null) {
            return; // cancelled or closed while the kernel ran: no more signals
        }
        if (requested.get() != Long.MAX_VALUE) {
            requested.decrementAndGet();
        }
        downstream.onNext(result);
    }

    private void terminate() {
        terminated = true;
        hasNumber = false;
        checker.deregister(this);
        cancelUpstream();
    }

    private void cancelUpstream() {
        Flow.Subscription up = upstream;
        if (up != null && !upstreamCancelled && !upstreamDone) {
            upstreamCancelled = true;
            up.cancel();
        }
    }
}
