package io.github.primeflow.reactor;

import java.util.concurrent.Flow;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A {@code Flow.Subscriber} handed to the prime-check operator as a {@link CoreSubscriber}. Reactor wraps any
 * other subscriber in a {@code StrictSubscriber}, which pays two atomic operations per result to serialise
 * signals and validate requests: the operator's own drain loop already does both.
 */
final class FlowSubscriberAsCore<T> implements CoreSubscriber<T> {

    private final Flow.Subscriber<? super T> actual;

    FlowSubscriberAsCore(Flow.Subscriber<? super T> actual) {
        this.actual = actual;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        actual.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                subscription.request(n);
            }

            @Override
            public void cancel() {
                subscription.cancel();
            }
        });
    }

    @Override
    public void onNext(T item) {
        actual.onNext(item);
    }

    @Override
    public void onError(Throwable error) {
        actual.onError(error);
    }

    @Override
    public void onComplete() {
        actual.onComplete();
    }
}
