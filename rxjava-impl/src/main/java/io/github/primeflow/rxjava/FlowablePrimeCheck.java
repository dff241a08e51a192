package io.github.primeflow.rxjava;

import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Subscriber;

/**
 * The operator behind the RxJava-native publishers of {@link RxJavaPrimeChecker}: a cold {@link Flowable} that
 * runs one pipeline per subscriber.
 */
final class FlowablePrimeCheck extends Flowable<PrimeResult> {

    private final Flow.Publisher<Long> numbers;
    private final RxJavaPrimeChecker checker;

    /** The numbers are subscribed to once per subscriber, or read directly if they are a {@link LongSequence}. */
    FlowablePrimeCheck(Flow.Publisher<Long> numbers, RxJavaPrimeChecker checker) {
        this.numbers = numbers;
        this.checker = checker;
    }

    @Override
    protected void subscribeActual(Subscriber<? super PrimeResult> downstream) {
        checker.pipeline(numbers, FlowAdapters.toFlowSubscriber(downstream)).start();
    }
}
