package io.github.primeflow;

import io.github.primeflow.spi.LongSequence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A prime-check pipeline: numbers in, one {@link PrimeResult} per number out.
 *
 * <p>Every publisher a checker returns is cold (each subscription checks its own numbers) and obeys the
 * Reactive Streams rules and the pipeline rules P1–P13 listed in the {@linkplain io.github.primeflow package
 * documentation}; the {@code primeflow-tck} kit checks them. In short: one result per accepted number or an
 * {@code onError} that says which; {@code request(n)} honoured; {@code cancel()} stops and interrupts the
 * work; kernel calls never run on an event-loop thread or inside the subscriber's own signals (backends
 * that declare themselves synchronous, like {@code sequential}, excepted).
 *
 * <p>A checker is thread-safe: any number of threads may call its methods and subscribe at once. It owns
 * the threads it created and releases them on {@link #close()}.
 */
public interface PrimeChecker extends AutoCloseable {

    /**
     * Checks a stream of numbers.
     *
     * <p>Each number the returned publisher accepts from {@code numbers} yields exactly one result, in the
     * configured {@link Ordering}, or the stream ends with {@link PrimeCheckException}: an upstream error
     * (as its cause), a {@code null} element, or a kernel failure. Demand towards {@code numbers} stays
     * within {@link CheckerOptions#maxInFlight()} + {@link CheckerOptions#prefetch()}.
     *
     * @param numbers the numbers to check; subscribed once per subscription to the result
     * @return a cold publisher of the results
     * @throws NullPointerException if {@code numbers} is null
     * @throws IllegalStateException if the checker is closed
     */
    Flow.Publisher<PrimeResult> check(Flow.Publisher<Long> numbers);

    /**
     * Checks the given numbers, in the configured order.
     *
     * @param numbers the numbers (copied; later changes to the array are not seen)
     * @return a cold publisher of one result per number
     * @throws NullPointerException if {@code numbers} is null
     * @throws IllegalStateException if the checker is closed
     */
    default Flow.Publisher<PrimeResult> check(long... numbers) {
        return check(LongSequence.of(numbers));
    }

    /**
     * Checks every number from {@code fromInclusive} to {@code toExclusive}. Numbers are generated on
     * demand, so a range of 10<sup>9</sup> needs constant memory.
     *
     * @param fromInclusive the first number
     * @param toExclusive one past the last number
     * @return a cold publisher of {@code toExclusive - fromInclusive} results
     * @throws IllegalArgumentException if {@code fromInclusive > toExclusive}
     * @throws IllegalStateException if the checker is closed
     */
    default Flow.Publisher<PrimeResult> checkRange(long fromInclusive, long toExclusive) {
        return check(LongSequence.range(fromInclusive, toExclusive));
    }

    /**
     * Checks one number. Cancelling the future cancels the check (and interrupts it, for backends that run
     * off the caller's thread).
     *
     * @param number the number
     * @return a future that completes with the result, or exceptionally with {@link PrimeCheckException}
     * @throws IllegalStateException if the checker is closed
     */
    default CompletableFuture<PrimeResult> checkAsync(long number) {
        SingleResultSubscriber single = new SingleResultSubscriber();
        check(number).subscribe(single);
        return single.future();
    }

    /**
     * Stops all work and releases every thread this checker created: in-flight subscriptions end with
     * {@link PrimeCheckException} (or complete, if they finished first), later calls throw
     * {@link IllegalStateException}. Resources the user passed in (executors, schedulers, {@code Vertx})
     * are not closed. Calling it again has no effect.
     */
    @Override
    void close();
}
