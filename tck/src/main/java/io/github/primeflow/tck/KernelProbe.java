package io.github.primeflow.tck;

import io.github.primeflow.PrimalityTest;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * A {@link PrimalityTest} that wraps another and records every call: how many started, finished, were
 * interrupted, how many ran at once, and on which threads. The kit injects it through
 * {@link io.github.primeflow.CheckerOptions#primalityTest()}, so it sees exactly the kernel calls a backend
 * makes.
 *
 * <p>Optionally it <em>holds</em> calls, all or those for chosen numbers: a held call waits (parked, not spinning) until {@link #release()}
 * or until its thread is interrupted, which it reports like a real kernel, by throwing
 * {@link CancellationException}. It can also fail chosen numbers. Calls that come with helpers
 * ({@link #isPrime(long, Executor, int)}) are counted like the others and passed on with their helpers, and
 * the probe records which threads ran a helper task while a call was in flight. Thread-safe.
 */
public final class KernelProbe implements PrimalityTest {

    private final PrimalityTest delegate;
    private final LongPredicate failFor;
    private final LongFunction<? extends RuntimeException> failure;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong interrupted = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong sharedCalls = new AtomicLong();
    private final Set<Thread> helperThreads = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile LongPredicate held = n -> true;

    private KernelProbe(PrimalityTest delegate, LongPredicate failFor,
            LongFunction<? extends RuntimeException> failure) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.failFor = failFor;
        this.failure = failure;
    }

    /**
     * A probe that forwards every call to {@code delegate}.
     *
     * @param delegate the real kernel
     * @return a new probe
     */
    public static KernelProbe wrapping(PrimalityTest delegate) {
        return new KernelProbe(delegate, n -> false, null);
    }

    /**
     * A probe that forwards to {@code delegate} but throws {@link ArithmeticException} for the numbers
     * {@code failFor} accepts, like a buggy kernel.
     *
     * @param delegate the real kernel
     * @param failFor which numbers fail
     * @return a new probe
     */
    public static KernelProbe failing(PrimalityTest delegate, LongPredicate failFor) {
        return failingWith(delegate, failFor, n -> new ArithmeticException("kernel probe: deliberate failure for " + n));
    }

    /** As {@link #failing}, throwing what {@code failure} makes; it is not counted as {@link #interrupted()}. */
    static KernelProbe failingWith(PrimalityTest delegate, LongPredicate failFor,
            LongFunction<? extends RuntimeException> failure) {
        return new KernelProbe(delegate, Objects.requireNonNull(failFor, "failFor"),
                Objects.requireNonNull(failure, "failure"));
    }

    /**
     * Makes later (and current) calls wait until {@link #release()} or an interrupt.
     *
     * @return this probe
     */
    public KernelProbe hold() {
        return hold(n -> true);
    }

    /**
     * Makes later (and current) calls for the numbers {@code numbers} accepts wait until {@link #release()} or an
     * interrupt; calls for other numbers run at once.
     *
     * @param numbers which numbers wait
     * @return this probe
     */
    public KernelProbe hold(LongPredicate numbers) {
        held = Objects.requireNonNull(numbers, "numbers");
        gate = new CountDownLatch(1);
        return this;
    }

    /** Lets every held call continue. */
    public void release() {
        gate.countDown();
    }

    @Override
    public boolean isPrime(long n) {
        return call(n, () -> delegate.isPrime(n));
    }

    /**
     * Counts the call like {@link #isPrime(long)} and forwards it with its helpers, recording every thread
     * that starts a helper task while a call is in flight.
     */
    @Override
    public boolean isPrime(long n, Executor helpers, int parallelism) {
        Objects.requireNonNull(helpers, "helpers");
        sharedCalls.incrementAndGet();
        Executor watched = task -> helpers.execute(() -> {
            if (inFlight.get() > 0) {
                helperThreads.add(Thread.currentThread());
            }
            task.run();
        });
        return call(n, () -> delegate.isPrime(n, watched, parallelism));
    }

    private boolean call(long n, BooleanSupplier kernel) {
        threads.add(Thread.currentThread());
        started.incrementAndGet();
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            try {
                if (held.test(n)) {
                    gate.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted.incrementAndGet();
                throw new CancellationException("kernel probe: held call for " + n + " interrupted");
            }
            if (failFor.test(n)) {
                throw failure.apply(n);
            }
            try {
                return kernel.getAsBoolean();
            } catch (CancellationException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        } finally {
            inFlight.decrementAndGet();
            finished.incrementAndGet();
        }
    }

    /**
     * Calls that entered the kernel.
     *
     * @return the count so far
     */
    public long started() {
        return started.get();
    }

    /**
     * Calls that left the kernel, normally or not.
     *
     * @return the count so far
     */
    public long finished() {
        return finished.get();
    }

    /**
     * Calls that ended because their thread was interrupted.
     *
     * @return the count so far
     */
    public long interrupted() {
        return interrupted.get();
    }

    /**
     * Calls running now.
     *
     * @return the current count
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * The most calls that ran at the same time.
     *
     * @return the peak so far
     */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /**
     * Every thread that ran a call.
     *
     * @return a snapshot
     */
    public Set<Thread> threads() {
        return Set.copyOf(threads);
    }

    /**
     * Calls that came with helpers ({@link #isPrime(long, Executor, int)}).
     *
     * @return the count so far
     */
    public long sharedCalls() {
        return sharedCalls.get();
    }

    /**
     * Every thread that started a helper task while a call was in flight.
     *
     * @return a snapshot
     */
    public Set<Thread> helperThreads() {
        return Set.copyOf(helperThreads);
    }

    @Override
    public String toString() {
        return "probe(" + delegate + ")";
    }
}
