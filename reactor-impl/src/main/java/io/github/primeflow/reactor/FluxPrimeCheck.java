package io.github.primeflow.reactor;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/** The prime-check operator: a cold {@link Flux} of one result per number of {@code source}. */
final class FluxPrimeCheck extends Flux<PrimeResult> {

    private final ReactorPrimeChecker checker;
    private final CheckerOptions options;
    private final Flux<Long> source;
    /** The same numbers read directly, or null when {@link #source} must be subscribed to. */
    private final LongSequence direct;

    private FluxPrimeCheck(ReactorPrimeChecker checker, CheckerOptions options, Flux<Long> source,
            LongSequence direct) {
        this.checker = checker;
        this.options = options;
        this.source = source;
        this.direct = direct;
    }

    /** The operator, passed through Reactor's assembly hooks like every built-in operator. */
    static Flux<PrimeResult> create(ReactorPrimeChecker checker, CheckerOptions options, Flux<Long> source) {
        return onAssembly(new FluxPrimeCheck(checker, options, source, null));
    }

    /** The operator over numbers it reads directly, without subscribing to them. */
    static Flux<PrimeResult> create(ReactorPrimeChecker checker, CheckerOptions options, LongSequence numbers) {
        return onAssembly(new FluxPrimeCheck(checker, options, JdkFlowAdapter.flowPublisherToFlux(numbers), numbers));
    }

    @Override
    public void subscribe(CoreSubscriber<? super PrimeResult> actual) {
        PrimeCheckSubscription subscription = new PrimeCheckSubscription(checker, options, actual, direct);
        actual.onSubscribe(subscription);
        if (!checker.register(subscription)) {
            subscription.checkerClosed();
            return;
        }
        if (direct != null) {
            subscription.startDirect();
            return;
        }
        try {
            source.subscribe(subscription);
        } catch (RuntimeException e) {
            subscription.fail(new PrimeCheckException(
                    ReactorPrimeChecker.NAME + ": subscribing to the numbers failed: " + e, e));
        }
    }
}
