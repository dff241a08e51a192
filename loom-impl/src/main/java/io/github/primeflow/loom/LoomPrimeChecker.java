package io.github.primeflow.loom;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.engine.ActivePipelines;
import io.github.primeflow.engine.Pipeline;
import io.github.primeflow.engine.SingleChecks;
import io.github.primeflow.engine.Tuning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The virtual-thread backend ({@code loom}): every kernel call is plain blocking code on a virtual thread,
 * and at most {@link CheckerOptions#parallelism()} kernel calls run at once, across all subscriptions of
 * the checker. The threading model is described in the {@linkplain io.github.primeflow.loom package
 * documentation}.
 *
 * <p>Besides the {@link java.util.concurrent.Flow} surface of {@link PrimeChecker}, it offers a blocking
 * surface for code that already runs on (virtual) threads: {@link #checkNow(long)},
 * {@link #checkAll(long...)} and {@link #stream(long, long)}. All of them keep the pipeline rules, because
 * they are thin blocking subscribers of {@link #check(Flow.Publisher)}.
 *
 * <p>A checker is thread-safe. It owns the virtual threads it starts and interrupts and joins them on
 * {@link #close()}.
 */
public final class LoomPrimeChecker implements PrimeChecker {

    static final String NAME = LoomPrimeCheckerProvider.NAME;

    private final CheckerOptions options;
    private final VirtualThreads threads;
    private final ActivePipelines active = new ActivePipelines();
    private final SingleChecks singles;

    private LoomPrimeChecker(CheckerOptions options) {
        this.options = options;
        this.threads = new VirtualThreads(options.parallelism());
        this.singles = new SingleChecks(NAME, options.primalityTest(), threads, options.parallelism(), active);
    }

    /**
     * Creates a checker with the given options. It starts no thread until work arrives.
     *
     * @param options the options
     * @return a new checker; close it when done
     * @throws NullPointerException if {@code options} is null
     */
    public static LoomPrimeChecker create(CheckerOptions options) {
        return new LoomPrimeChecker(Objects.requireNonNull(options, "options"));
    }

    /**
     * Creates a checker with {@link CheckerOptions#defaults()}.
     *
     * @return a new checker; close it when done
     */
    public static LoomPrimeChecker create() {
        return create(CheckerOptions.defaults());
    }

    /**
     * The options this checker runs with.
     *
     * @return the options
     */
    public CheckerOptions options() {
        return options;
    }

    /**
     * Checks a stream of numbers on virtual threads.
     *
     * <p>{@code subscribe} calls the subscriber's {@code onSubscribe} and subscribes to {@code numbers} on the
     * calling thread; every later signal comes from a delivery virtual thread of the checker, and kernel calls
     * run on kernel virtual threads, never on the caller's thread.
     * Signals are serial; {@code request} and {@code cancel} never block and may be called from any thread.
     * {@code cancel()} interrupts the kernel calls in flight.
     *
     * @param numbers the numbers to check; subscribed once per subscription to the result
     * @return a cold publisher of the results
     * @throws NullPointerException if {@code numbers} is null
     * @throws IllegalStateException if the checker is closed
     */
    @Override
    public Flow.Publisher<PrimeResult> check(Flow.Publisher<Long> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        ensureOpen();
        return subscriber -> new Pipeline(NAME, options, numbers, Objects.requireNonNull(subscriber, "subscriber"),
                threads, threads.delivery(), Tuning.DEFAULT, active).start();
    }

    /**
     * Checks one number and waits for the verdict, blocking the calling thread (cheaply, if it is a virtual
     * thread). The kernel runs on one of the checker's virtual threads, within the parallelism bound.
     *
     * @param number the number
     * @return its result
     * @throws InterruptedException if the calling thread is interrupted while waiting; the check is
     *     cancelled and its kernel call interrupted
     * @throws PrimeCheckException if the kernel failed or the checker was closed during the check
     * @throws IllegalStateException if the checker is closed
     */
    public PrimeResult checkNow(long number) throws InterruptedException {
        BlockingResults results = new BlockingResults(1);
        check(number).subscribe(results);
        PrimeResult result = results.take();
        if (result == null) {
            throw new PrimeCheckException(NAME + ": the check of " + number + " completed without a result", null);
        }
        return result;
    }

    /**
     * Checks the given numbers in parallel and waits for all verdicts, blocking the calling thread.
     *
     * @param numbers the numbers (copied)
     * @return one result per number, in the order of {@code numbers} whatever the configured
     *     {@link Ordering}
     * @throws InterruptedException if the calling thread is interrupted while waiting; the remaining checks
     *     are cancelled and their kernel calls interrupted
     * @throws PrimeCheckException if a kernel call failed or the checker was closed during the work
     * @throws NullPointerException if {@code numbers} is null
     * @throws IllegalStateException if the checker is closed
     */
    public List<PrimeResult> checkAll(long... numbers) throws InterruptedException {
        Objects.requireNonNull(numbers, "numbers");
        BlockingResults results = new BlockingResults(Long.MAX_VALUE);
        check(numbers).subscribe(results);
        List<PrimeResult> all = new ArrayList<>(numbers.length);
        for (PrimeResult r; (r = results.take()) != null;) {
            all.add(r);
        }
        if (options.ordering() == Ordering.COMPLETION_ORDER) {
            return inInputOrder(numbers, all);
        }
        return List.copyOf(all);
    }

    /**
     * Checks every number from {@code fromInclusive} to {@code toExclusive} as a blocking, lazy
     * {@link Stream}, in the configured {@link Ordering}.
     *
     * <p>Backpressure by blocking: nothing runs until the stream is consumed, and the checker runs at most
     * about 2 × {@link CheckerOptions#prefetch()} kernel calls ahead of the consumer, who waits (blocking
     * its thread) for each result that is not ready. A range of 10<sup>9</sup> runs in constant memory.
     * Closing the stream cancels the work and interrupts the kernel calls in flight.
     *
     * <p><b>Warning:</b> short-circuiting operations ({@code limit}, {@code findFirst}, ...) do not close a
     * stream; use try-with-resources, or the abandoned work holds a parked virtual thread and up to
     * {@code prefetch} results until {@link #close()}.
     *
     * @param fromInclusive the first number
     * @param toExclusive one past the last number
     * @return a sequential stream of {@code toExclusive - fromInclusive} results; its operations throw
     *     {@link PrimeCheckException} if a kernel call fails, the checker is closed, or the consuming thread
     *     is interrupted while waiting (its interrupt flag stays set)
     * @throws IllegalArgumentException if {@code fromInclusive > toExclusive}
     * @throws IllegalStateException if the checker is closed
     */
    public Stream<PrimeResult> stream(long fromInclusive, long toExclusive) {
        Flow.Publisher<PrimeResult> publisher = checkRange(fromInclusive, toExclusive);
        BlockingResults results = new BlockingResults(options.prefetch());
        int characteristics = Spliterator.NONNULL
                | (options.ordering() == Ordering.INPUT_ORDER ? Spliterator.ORDERED : 0);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                        results.iterator(() -> publisher.subscribe(results)), characteristics), false)
                .onClose(results::cancel);
    }

    /**
     * Checks one number as one task on this checker's CPU workers, without a result stream (see {@link
     * PrimeChecker#checkAsync(long)}): at most one hand-off, as {@code CompletableFuture.supplyAsync} makes (calls in
     * flight share it). The future completes on the checker's virtual thread that ran the kernel. Cancelling it, with
     * or without {@code mayInterruptIfRunning}, stops the check: the kernel call never starts, or is interrupted.
     *
     * @param number the number
     * @return a future that completes with the result, or exceptionally with {@link PrimeCheckException} naming
     *     the number if the kernel failed or the checker was closed meanwhile
     * @throws IllegalStateException if the checker is closed
     */
    @Override
    public CompletableFuture<PrimeResult> checkAsync(long number) {
        return singles.start(number);
    }

    /**
     * Stops all work: in-flight subscriptions end with {@link PrimeCheckException} (or complete, if they
     * finished first), every virtual thread this checker started is interrupted and joined, and later
     * calls throw {@link IllegalStateException}. Blocks until those threads have ended: kernel calls that
     * honour interrupts (trial division does, within microseconds) end at once; a subscriber blocked in
     * {@code onNext} is interrupted and waited for. Calling it again, or from one of the checker's own
     * threads (for example inside {@code onNext}), is safe.
     */
    @Override
    public void close() {
        active.closeAll();
        threads.closeAndJoin();
    }

    /** The number of live threads this checker started (for tests). */
    int liveThreads() {
        return threads.live();
    }

    private void ensureOpen() {
        if (active.isClosed()) {
            throw new IllegalStateException("this '" + NAME + "' PrimeChecker is closed");
        }
    }

    private static List<PrimeResult> inInputOrder(long[] numbers, List<PrimeResult> results) {
        // Results of equal numbers are interchangeable, so match each number with any result for it.
        Map<Long, ArrayDeque<PrimeResult>> byNumber = new HashMap<>();
        for (PrimeResult r : results) {
            byNumber.computeIfAbsent(r.number(), k -> new ArrayDeque<>()).add(r);
        }
        List<PrimeResult> ordered = new ArrayList<>(numbers.length);
        for (long n : numbers) {
            ordered.add(byNumber.get(n).poll());
        }
        return List.copyOf(ordered);
    }

    @Override
    public String toString() {
        return "LoomPrimeChecker{" + options + (active.isClosed() ? ", closed" : "") + '}';
    }
}
