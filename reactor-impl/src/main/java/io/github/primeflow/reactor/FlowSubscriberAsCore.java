package io.github.primeflow.reactor;

import java.util.concurrent.Flow;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.util.context.Context;

/**
 * The pipeline's {@code Flow.Subscriber} of the numbers, handed to a Reactor source as a {@link CoreSubscriber}:
 * the source sees the downstream's {@link Context}, and Reactor does not wrap it in a {@code StrictSubscriber},
 * which pays two atomic operations per number for checks the pipeline makes itself.
 */
final class FlowSubscriberAsCore<T> implements CoreSubscriber<T> {

    private final Flow.Subscriber<? super T> actual;
    private final Context context;

    FlowSubscriberAsCore(Flow.Subscriber<? super T> actual, Context context) {
        this.actual = actual;
        this.context = context;
    }

    @Override
    public Context currentContext() {
        return context;
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
