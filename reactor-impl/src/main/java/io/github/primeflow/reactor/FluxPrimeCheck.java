package io.github.primeflow.reactor;

import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/** The prime-check operator: a cold {@link Flux} of one result per number of its source. */
final class FluxPrimeCheck extends Flux<PrimeResult> {

    private final ReactorPrimeChecker checker;
    /** The numbers: a Reactor source, or a {@link LongSequence} the pipeline reads directly. */
    private final Object source;

    private FluxPrimeCheck(ReactorPrimeChecker checker, Object source) {
        this.checker = checker;
        this.source = source;
    }

    /** The operator, passed through Reactor's assembly hooks like every built-in operator. */
    static Flux<PrimeResult> create(ReactorPrimeChecker checker, Flux<Long> source) {
        return onAssembly(new FluxPrimeCheck(checker, source));
    }

    /** The operator over numbers it reads directly, without subscribing to them. */
    static Flux<PrimeResult> create(ReactorPrimeChecker checker, LongSequence numbers) {
        return onAssembly(new FluxPrimeCheck(checker, numbers));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void subscribe(CoreSubscriber<? super PrimeResult> actual) {
        // The source sees the subscriber's Context, as it would through any Reactor operator.
        Flow.Publisher<Long> numbers = source instanceof LongSequence sequence ? sequence
                : subscriber -> ((Flux<Long>) source).subscribe(new FlowSubscriberAsCore<>(subscriber,
                        actual.currentContext()));
        checker.pipeline(numbers, FlowAdapters.toFlowSubscriber(actual)).start();
    }
}
