package io.github.primeflow.engine;

import java.util.concurrent.Flow;

/** A publisher of numbers the test emits by hand; it records what its one subscriber requested and cancelled. */
final class ManualUpstream implements Flow.Publisher<Long>, Flow.Subscription {

    Flow.Subscriber<? super Long> subscriber;
    long requested;
    long emitted;
    boolean cancelled;

    @Override
    public void subscribe(Flow.Subscriber<? super Long> s) {
        subscriber = s;
        s.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        requested += n;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    /** Emits the next number if it was requested; returns whether it did. */
    boolean emit(long number) {
        if (emitted == requested || subscriber == null) {
            return false;
        }
        emitted++;
        subscriber.onNext(number);
        return true;
    }
}
