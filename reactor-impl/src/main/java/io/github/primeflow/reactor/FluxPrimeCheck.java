package io.github.primeflow.reactor;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/** The prime-check operator: a cold {@link Flux} of one result per number of {@code source}. */
final class FluxPrimeCheck extends Flux<PrimeResult> {

    private final ReactorPrimeChecker checker;
    private final CheckerOptions options;
    private final Flux<Long> source;

    private FluxPrimeCheck(ReactorPrimeChecker checker, CheckerOptions options, Flux<Long> source) {
        this.checker = checker;
        this.options = options;
        this.source = source;
    }

    /** The operator, passed through Reactor's assembly hooks like every built-in operator. */
    static Flux<PrimeResult> create(ReactorPrimeChecker checker, CheckerOptions options, Flux<Long> source) {
        return onAssembly(new FluxPrimeCheck(checker, options, source));
    }

    @Override
    public void subscribe(CoreSubscriber<? super PrimeResult> actual) {
        PrimeCheckSubscription subscription = new PrimeCheckSubscription(checker, options, actual);
        actual.onSubscribe(subscription);
        if (!checker.register(subscription)) {
            subscription.checkerClosed();
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
