package io.github.primeflow.rxjava;

import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/**
 * The RxJava-native surface of an {@link RxJavaPrimeChecker}, obtained with {@link RxJavaPrimeChecker#rx()}:
 * the same pipeline as the {@code Flow} methods, typed as {@link Flowable} and {@link Single} so that it
 * composes with RxJava operators and {@code test()}.
 *
 * <p>It is a separate view because {@link io.github.primeflow.PrimeChecker} already owns the natural names:
 * {@code checkRange(long, long)} returns a {@code Flow.Publisher} there, and Java cannot overload on the
 * return type. The view has no state of its own; it is as thread-safe as the checker.
 *
 * <p>Every publisher is cold (each subscription checks its own numbers), keeps the pipeline rules P1–P13 and
 * runs its kernel calls on the checker's CPU threads, never inside {@code subscribe}, {@code request} or
 * {@code onNext}. Disposing a subscription interrupts its kernel calls in flight. Failures end the stream with
 * {@link PrimeCheckException}; {@code request(n <= 0)} ends it with {@link IllegalArgumentException}. No
 * method routes an error to {@code RxJavaPlugins.onError}. Every method throws {@link IllegalStateException}
 * once the checker is closed; a publisher assembled before {@link RxJavaPrimeChecker#close()} and subscribed
 * after it fails with {@link PrimeCheckException}.
 */
public final class RxJavaChecks {

    private final RxJavaPrimeChecker checker;

    RxJavaChecks(RxJavaPrimeChecker checker) {
        this.checker = checker;
    }

    /**
     * Checks a stream of numbers: one result per number, in the checker's
     * {@link io.github.primeflow.Ordering}. Upstream demand stays within {@code maxInFlight} numbers not yet
     * delivered. An upstream error (as the cause), a {@code null} element or a kernel failure ends the
     * stream with {@link PrimeCheckException} and cancels the upstream.
     *
     * <p>Results are delivered on a CPU thread of the checker when they finish, or on the thread that
     * requests when they were waiting for demand; use {@code observeOn} to move them elsewhere.
     *
     * @param numbers the numbers; subscribed once per subscription to the result
     * @return a cold {@link Flowable} of the results
     * @throws NullPointerException if {@code numbers} is null
     * @throws IllegalStateException if the checker is closed
     */
    public Flowable<PrimeResult> check(Publisher<Long> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        checker.ensureOpen();
        return new FlowablePrimeCheck(FlowAdapters.toFlowPublisher(numbers), checker);
    }

    /** Checks numbers the operator reads directly, without subscribing to them. */
    Flowable<PrimeResult> check(LongSequence numbers) {
        checker.ensureOpen();
        return new FlowablePrimeCheck(numbers, checker);
    }

    /**
     * Checks one number on the checker's CPU threads.
     *
     * @param number the number
     * @return a cold {@link Single} of its result; disposing it interrupts the check
     * @throws IllegalStateException if the checker is closed
     */
    public Single<PrimeResult> check(long number) {
        return check(Flowable.just(number)).singleOrError();
    }

    /**
     * Checks every number from {@code fromInclusive} to {@code toExclusive}, generated on demand (constant
     * memory for any range).
     *
     * @param fromInclusive the first number
     * @param toExclusive one past the last number
     * @return a cold {@link Flowable} of {@code toExclusive - fromInclusive} results, in the checker's ordering
     * @throws IllegalArgumentException if {@code fromInclusive > toExclusive}, or the range holds more than
     *     {@code Long.MAX_VALUE} numbers
     * @throws IllegalStateException if the checker is closed
     */
    public Flowable<PrimeResult> checkRange(long fromInclusive, long toExclusive) {
        return check(LongSequence.range(fromInclusive, toExclusive));
    }

    @Override
    public String toString() {
        return "RxJavaChecks{" + checker + '}';
    }
}
