package io.github.primeflow.rxjava;

import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import io.reactivex.rxjava3.core.Flowable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * The operator behind every publisher of {@link RxJavaPrimeChecker}: a cold {@link Flowable} that subscribes
 * to the numbers once per subscriber and runs a {@link PrimeCheckSubscription} for it.
 */
final class FlowablePrimeCheck extends Flowable<PrimeResult> {

    private final Publisher<Long> numbers;
    /** The same numbers read directly, or null when {@link #numbers} must be subscribed to. */
    private final LongSequence direct;
    private final RxJavaPrimeChecker checker;

    FlowablePrimeCheck(Publisher<Long> numbers, LongSequence direct, RxJavaPrimeChecker checker) {
        this.numbers = numbers;
        this.direct = direct;
        this.checker = checker;
    }

    @Override
    protected void subscribeActual(Subscriber<? super PrimeResult> downstream) {
        PrimeCheckSubscription subscription = new PrimeCheckSubscription(checker, downstream, direct);
        downstream.onSubscribe(subscription);
        if (!checker.register(subscription)) {
            subscription.checkerClosed();
            return;
        }
        if (subscription.stopped) {
            checker.deregister(subscription); // cancelled inside onSubscribe, before it was registered
        }
        if (direct != null) {
            subscription.startDirect();
            return;
        }
        try {
            numbers.subscribe(subscription);
        } catch (RuntimeException e) {
            subscription.fail(new PrimeCheckException(
                    RxJavaPrimeChecker.NAME + ": subscribing to the numbers failed: " + e, e));
        }
    }
}
