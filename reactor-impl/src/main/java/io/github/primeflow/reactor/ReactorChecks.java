package io.github.primeflow.reactor;

import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Reactor-native surface of a {@link ReactorPrimeChecker}, obtained with
 * {@link ReactorPrimeChecker#reactive()}: the same pipeline as the {@code Flow} methods, typed as
 * {@link Flux} and {@link Mono} so that it composes with Reactor operators and {@code StepVerifier}.
 *
 * <p>Every publisher is cold (each subscription checks its own numbers), keeps the pipeline rules P1–P13
 * and runs its kernel calls on the checker's CPU scheduler. Cancelling a subscription interrupts its kernel
 * calls in flight. Failures end the stream with {@link PrimeCheckException}. Every method throws
 * {@link IllegalStateException} once the checker is closed; a publisher assembled before
 * {@link ReactorPrimeChecker#close()} and subscribed after it fails with {@link PrimeCheckException}.
 */
public final class ReactorChecks {

    private final ReactorPrimeChecker checker;

    ReactorChecks(ReactorPrimeChecker checker) {
        this.checker = checker;
    }

    /**
     * Checks a stream of numbers: one result per number, in the checker's
     * {@link io.github.primeflow.Ordering}. Upstream demand stays within {@code maxInFlight} numbers not yet
     * delivered. An upstream error (as the cause), a {@code null} element or a kernel failure ends the
     * stream with {@link PrimeCheckException} and cancels the upstream.
     *
     * @param numbers the numbers; subscribed once per subscription to the result
     * @return a cold {@link Flux} of the results
     * @throws NullPointerException if {@code numbers} is null
     * @throws IllegalStateException if the checker is closed
     */
    public Flux<PrimeResult> check(Publisher<Long> numbers) {
        return checker.results(numbers);
    }

    /**
     * Checks one number on the CPU scheduler.
     *
     * @param number the number
     * @return a cold {@link Mono} of its result; cancelling it interrupts the check
     * @throws IllegalStateException if the checker is closed
     */
    public Mono<PrimeResult> check(long number) {
        return checker.results(Mono.just(number)).single();
    }

    /**
     * Checks every number from {@code fromInclusive} to {@code toExclusive}, generated on demand (constant
     * memory for any range).
     *
     * @param fromInclusive the first number
     * @param toExclusive one past the last number
     * @return a cold {@link Flux} of {@code toExclusive - fromInclusive} results
     * @throws IllegalArgumentException if {@code fromInclusive > toExclusive}, or the range holds more than
     *     {@code Long.MAX_VALUE} numbers
     * @throws IllegalStateException if the checker is closed
     */
    public Flux<PrimeResult> checkRange(long fromInclusive, long toExclusive) {
        if (fromInclusive > toExclusive) {
            throw new IllegalArgumentException("checkRange: fromInclusive (" + fromInclusive
                    + ") must be <= toExclusive (" + toExclusive + ")");
        }
        if (toExclusive - fromInclusive < 0) {
            throw new IllegalArgumentException("checkRange [" + fromInclusive + ", " + toExclusive
                    + ") holds more than Long.MAX_VALUE numbers");
        }
        return checker.results(LongSequence.range(fromInclusive, toExclusive));
    }

    @Override
    public String toString() {
        return "ReactorChecks{" + Objects.toString(checker) + '}';
    }
}
