package io.github.primeflow.reactor;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import io.github.primeflow.spi.OnNextGuard;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * One subscription of a {@link ReactorPrimeChecker}: subscriber of the numbers, subscription of the results.
 *
 * <p><b>Coordination.</b> Every signal (numbers, upstream termination, demand, cancel, close, a finished
 * kernel call) only records what happened and calls {@link #drain()}. The drain loop runs on one thread at a
 * time (the classic {@code wip} counter): it delivers results, dispatches batches of numbers to the CPU
 * workers and requests numbers from upstream. It never calls the kernel, so whichever thread runs it
 * (subscriber, upstream or CPU worker) only does bookkeeping; all signals to the subscriber come from it and
 * are therefore serial (§1.3).
 *
 * <p><b>Work.</b> The subscription uses at most {@code parallelism} {@link Scheduler.Worker lanes} of the CPU
 * scheduler and gives a batch only to an idle lane, so at most {@code parallelism} kernel calls of one
 * subscription run at once (P9) and no batch queues behind a long kernel call while a lane is free. A batch
 * holds the numbers already waiting, never more than the run-ahead window allows: it never waits for more
 * numbers to arrive. Its size adapts to the measured kernel time (about {@value #TARGET_BATCH_NANOS} ns of
 * work per batch; one number per batch for expensive checks) unless {@link CheckerOptions#batchSize()} fixes
 * an upper bound; a batch never takes more than its fair share ({@code ceil(waiting / parallelism)}). A
 * long trial division shares its divisor ranges with helper tasks scheduled directly on the CPU scheduler
 * ({@link io.github.primeflow.PrimalityTest#isPrime(long, Executor, int)}), so idle threads help finish
 * the last expensive numbers instead of waiting for them.
 *
 * <p><b>Bounds.</b> With {@code dispatched} counting numbers handed to lanes and {@code delivered} counting
 * {@code onNext} signals, the drain keeps {@code dispatched - delivered <= min(demand + prefetch,
 * maxInFlight)} (hence P5, since a kernel call starts only for a dispatched number, and delivering one result
 * lowers both sides by one) and {@code requestedFromUpstream - delivered <= maxInFlight} (hence P6).
 *
 * <p><b>Stopping.</b> Cancel, close and failures set {@link #stopped} (no kernel call starts after it) and
 * dispose the lanes on the calling thread, without waiting for the drain loop: Reactor cancels a task running
 * on another thread with
 * {@code Future.cancel(true)}, which interrupts the kernel call; the kernel throws
 * {@link java.util.concurrent.CancellationException}, which a stopped subscription ignores.
 */
final class PrimeCheckSubscription implements CoreSubscriber<Long>, Subscription {

    /** The work one batch should carry, so that a scheduler hop costs a few percent at most. */
    static final long TARGET_BATCH_NANOS = 200_000;
    /** The largest adaptive batch. */
    static final int MAX_ADAPTIVE_BATCH = 1024;
    /**
     * A lane delivers its finished results at most this often within a batch: each result of an expensive
     * check at once, cheap ones in bursts, so the drain loop's atomics are not paid per number.
     */
    static final long DELIVER_EVERY_NANOS = 50_000;

    private static final String NAME = ReactorPrimeChecker.NAME;

    private final ReactorPrimeChecker checker;
    private final CoreSubscriber<? super PrimeResult> downstream;
    /** The numbers when they are read directly instead of subscribed to; null for any other publisher. */
    private final LongSequence direct;
    private final Scheduler scheduler;
    /** Where a long trial division finds help: tasks on the CPU scheduler, outside this subscription's lanes. */
    private final Executor helpers;
    private final PrimalityTest test;
    private final boolean inputOrder;
    private final int parallelism;
    private final int prefetch;
    private final int maxInFlight;
    private final int batchSize;
    private final long replenish;

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final OnNextGuard onNextGuard = new OnNextGuard(); // catches two upstream threads at once (§1.3)
    /** Numbers received, not yet dispatched: single producer (upstream), single consumer (drain). */
    private final Queue<Long> incoming;
    /** Lanes whose last batch has finished. */
    private final Queue<Lane> idleLanes = new ConcurrentLinkedQueue<>();
    /** Every lane created; added by the drain, disposed by whichever thread stops the subscription. */
    private final Queue<Lane> lanes = new ConcurrentLinkedQueue<>();

    private volatile Subscription upstream;
    /** Reading {@link #direct} has begun: its counterpart of a subscribed upstream. */
    private volatile boolean directStarted;
    private volatile boolean upstreamCompleted;
    private volatile boolean upstreamTerminated;
    private volatile boolean cancelled;
    /** Set by cancel, failure and close: no kernel call starts once it is set. */
    private volatile boolean stopped;
    /** Written by the drain before each upstream request; read by {@link #onNext} to detect overflow. */
    private volatile long upstreamRequested;
    /** Smoothed kernel time per number, 0 until measured; racy updates are fine (a heuristic). */
    private volatile long nanosPerNumber;

    // Only touched by the upstream's (serial) signals.
    private long arrived;

    // Only touched inside the drain loop.
    /** How many numbers of {@link #direct} may be read: what a subscription would have delivered. */
    private long directAvailable;
    /** Dispatched batches with results not yet delivered, in dispatch order. */
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    private int laneCount;
    private long dispatched;
    private long delivered;
    private boolean terminated;
    private boolean upstreamCancelled;

    PrimeCheckSubscription(ReactorPrimeChecker checker, CheckerOptions options,
            CoreSubscriber<? super PrimeResult> downstream, LongSequence direct) {
        this.checker = checker;
        this.downstream = downstream;
        this.direct = direct;
        this.scheduler = checker.cpuScheduler();
        this.helpers = scheduler::schedule;
        this.test = options.primalityTest();
        this.inputOrder = options.ordering() == Ordering.INPUT_ORDER;
        this.parallelism = options.parallelism();
        this.prefetch = options.prefetch();
        this.maxInFlight = options.maxInFlight();
        this.batchSize = options.batchSize();
        this.replenish = Math.max(1, maxInFlight / 4);
        this.incoming = Queues.<Long>unbounded(Math.max(16, Math.min(maxInFlight, 256))).get();
    }

    boolean isStopped() {
        return stopped;
    }

    void checkerClosed() {
        fail(new PrimeCheckException(NAME + ": the PrimeChecker was closed during the work", null));
    }

    void fail(RuntimeException error) {
        failure.compareAndSet(null, error); // the first failure wins; later ones are consequences
        stop();
        drain();
    }

    /**
     * Stops the CPU work at once, on the calling thread, even while another thread runs the drain loop
     * (say, delivering to a slow {@code onNext}): no kernel call starts after this, and the running ones are
     * interrupted. A lane the drain adds concurrently is disposed by {@link #terminate()}.
     */
    private void stop() {
        stopped = true;
        for (Lane lane : lanes) {
            lane.dispose();
        }
    }

    /** Starts reading the numbers directly: the counterpart of subscribing to them. */
    void startDirect() {
        directStarted = true;
        drain();
    }

    // ---- upstream signals ----

    @Override
    public Context currentContext() {
        return downstream.currentContext();
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        if (Operators.validate(upstream, subscription)) {
            upstream = subscription;
            drain();
        }
    }

    @Override
    public void onNext(Long number) {
        if (!onNextGuard.run(number, this::accept)) { // another thread was inside onNext (§1.3)
            protocolViolation();
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted " + number
                    + " while another thread was inside onNext (rule §1.3)", null));
        }
    }

    private void accept(Long number) {
        if (number == null) { // §2.13: the subscription is void; cancel it now, as a synchronous upstream
            protocolViolation(); // would otherwise go on emitting and complete before the drain cancels it
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted null as element #" + (arrived + 1),
                    new NullPointerException("null element")));
            return;
        }
        if (stopped) {
            return; // cancelled or failed: the upstream is (being) cancelled, late numbers are discarded
        }
        if (upstreamCompleted) {
            protocolViolation();
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted " + number
                    + " after onComplete (rule §1.7)", null));
            return;
        }
        if (++arrived > upstreamRequested) {
            protocolViolation();
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted " + arrived
                    + " numbers but only " + upstreamRequested + " were requested (rule §1.1)", null));
            return;
        }
        incoming.offer(number);
        drain();
    }

    /** Cancels an upstream that broke the protocol, from its own signal; it must not signal again. */
    private void protocolViolation() {
        upstreamTerminated = true; // keeps the drain from cancelling a second time
        Subscription up = upstream;
        if (up != null) {
            up.cancel();
        }
    }

    @Override
    public void onError(Throwable error) {
        upstreamTerminated = true;
        fail(new PrimeCheckException(
                NAME + ": the numbers publisher failed after " + arrived + " numbers: " + error, error));
    }

    @Override
    public void onComplete() {
        upstreamTerminated = true;
        upstreamCompleted = true;
        drain();
    }

    // ---- downstream signals ----

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("Reactive Streams rule §3.9: request(n) needs n > 0, got " + n));
            return;
        }
        for (;;) {
            long current = requested.get();
            long next = current + n;
            if (next < 0) {
                next = Long.MAX_VALUE;
            }
            if (current == Long.MAX_VALUE || requested.compareAndSet(current, next)) {
                break;
            }
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        stop();
        drain();
    }

    // ---- the drain loop ----

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            if (!terminated) {
                drainLoop();
            }
            if (terminated) {
                cancelUpstream(); // the upstream may have subscribed after the stream ended
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void drainLoop() {
        for (;;) {
            if (cancelled) {
                terminate();
                return;
            }
            RuntimeException error = failure.get();
            if (error != null) {
                terminate();
                downstream.onError(error);
                return;
            }
            boolean progress = deliver();
            if (upstreamCompleted && waiting() == 0 && dispatched == delivered && !cancelled
                    && failure.get() == null) {
                terminate();
                downstream.onComplete();
                return;
            }
            progress |= dispatch();
            progress |= requestUpstream();
            if (!progress) {
                return;
            }
        }
    }

    /**
     * Emits the results that are ready, within the demand: in {@link Ordering#INPUT_ORDER} from the oldest batch
     * only, else from any batch. Returns whether it emitted any.
     */
    private boolean deliver() {
        long demand = requested.get();
        long emitted = 0;
        for (Iterator<Batch> it = inFlight.iterator(); it.hasNext() && emitted != demand;) {
            Batch batch = it.next();
            int ready = batch.completed;
            while (batch.delivered < ready && emitted != demand && !cancelled && failure.get() == null) {
                int i = batch.delivered++;
                delivered++;
                emitted++;
                downstream.onNext(new PrimeResult(batch.numbers[i], batch.primes[i], batch.nanos[i]));
            }
            if (batch.delivered == batch.size()) {
                it.remove();
            } else if (inputOrder || cancelled || failure.get() != null) {
                break;
            }
        }
        if (emitted != 0 && demand != Long.MAX_VALUE) {
            requested.addAndGet(-emitted);
        }
        return emitted != 0;
    }

    /** Hands waiting numbers to idle lanes, within the run-ahead window; returns whether it did. */
    private boolean dispatch() {
        boolean any = false;
        for (;;) {
            long demand = requested.get();
            long window = demand >= maxInFlight ? maxInFlight : Math.min(maxInFlight, demand + prefetch);
            long allowance = window - (dispatched - delivered);
            int waiting = waiting();
            if (allowance <= 0 || waiting == 0 || stopped) {
                return any;
            }
            Lane lane = idleLanes.poll();
            if (lane == null) {
                if (laneCount == parallelism) {
                    return any;
                }
                lane = new Lane();
                lanes.add(lane);
                laneCount++;
            }
            int size = (int) Math.min(allowance, batchLimit(waiting));
            long[] numbers = new long[size];
            if (direct != null) {
                direct.copyTo(dispatched, numbers, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    numbers[i] = incoming.poll(); // never null: only the drain polls, and it saw `waiting`
                }
            }
            Batch batch = new Batch(lane, numbers);
            inFlight.offer(batch);
            dispatched += size;
            any = true;
            try {
                Scheduler.Worker worker = lane.worker;
                if (worker == null) {
                    worker = scheduler.createWorker();
                    lane.worker = worker;
                }
                worker.schedule(batch);
            } catch (RuntimeException e) { // RejectedExecutionException: the scheduler is disposed
                failure.compareAndSet(null, new PrimeCheckException(
                        NAME + ": the CPU scheduler rejected the work (was it disposed?): " + e, e));
                stopped = true;
                return true;
            }
        }
    }

    /** Numbers received (or readable directly) and not yet dispatched. */
    private int waiting() {
        return direct == null ? incoming.size() : (int) Math.min(Integer.MAX_VALUE, directAvailable - dispatched);
    }

    private int batchLimit(int waiting) {
        int fairShare = (int) ((waiting + (long) parallelism - 1) / parallelism);
        int size;
        if (batchSize > 0) {
            size = batchSize;
        } else {
            long perNumber = nanosPerNumber;
            size = perNumber == 0 ? 1 : (int) Math.max(1, Math.min(MAX_ADAPTIVE_BATCH, TARGET_BATCH_NANOS / perNumber));
        }
        return Math.max(1, Math.min(size, fairShare));
    }

    /** Tops up the upstream demand to {@code maxInFlight} held numbers; returns whether it requested. */
    private boolean requestUpstream() {
        Subscription up = upstream;
        if ((direct == null ? up == null : !directStarted) || upstreamTerminated || stopped) {
            return false;
        }
        long held = upstreamRequested - delivered;
        long deficit = maxInFlight - held;
        if (deficit < replenish) {
            return false;
        }
        upstreamRequested += deficit; // single writer: the drain; published before the request
        if (direct == null) {
            up.request(deficit);
        } else {
            // What a subscription would have delivered at once; dispatch() copies the numbers.
            directAvailable = Math.min(upstreamRequested, direct.size());
            if (directAvailable == direct.size()) {
                upstreamTerminated = true;
                upstreamCompleted = true;
            }
        }
        return true;
    }

    private void terminate() {
        terminated = true;
        stop(); // again: covers a lane added after cancel() or fail() disposed the others
        cancelUpstream();
        incoming.clear();
        inFlight.clear();
        checker.deregister(this);
    }

    private void cancelUpstream() {
        Subscription up = upstream;
        if (up != null && !upstreamCancelled && !upstreamTerminated) {
            upstreamCancelled = true;
            up.cancel();
        }
    }

    // ---- the CPU work ----

    /** A {@link Scheduler.Worker} of the CPU scheduler that runs one batch at a time for this subscription. */
    private static final class Lane {
        volatile Scheduler.Worker worker; // created by the drain on first use

        /** Reactor disposes a task running on another thread with {@code Future.cancel(true)}: an interrupt. */
        void dispose() {
            Scheduler.Worker w = worker;
            if (w != null) {
                w.dispose();
            }
        }
    }

    /**
     * Consecutive numbers checked on one lane, one kernel call after the other. The lane writes the verdicts
     * and kernel times into arrays and publishes how many are done through {@link #completed}; the drain
     * builds each {@link PrimeResult} when it delivers it, so results cross between threads as dense arrays
     * rather than as an object per number allocated on the lane.
     */
    private final class Batch implements Runnable {
        final long[] numbers;
        final boolean[] primes;
        final long[] nanos;
        private final Lane lane;
        /** Results written so far: published at most every {@value #DELIVER_EVERY_NANOS} ns, and at the end. */
        volatile int completed;
        /** Only touched inside the drain loop. */
        int delivered;

        Batch(Lane lane, long[] numbers) {
            this.lane = lane;
            this.numbers = numbers;
            this.primes = new boolean[numbers.length];
            this.nanos = new long[numbers.length];
        }

        int size() {
            return numbers.length;
        }

        @Override
        public void run() {
            // Locals, not fields: after each read of the volatile stop flag the fields would be read again.
            final long[] numbers = this.numbers;
            final boolean[] primes = this.primes;
            final long[] nanos = this.nanos;
            long busyNanos = 0;
            int checked = 0;
            long start = System.nanoTime();
            long deliveredAt = start;
            try {
                while (checked < numbers.length) {
                    if (stopped) {
                        return;
                    }
                    long number = numbers[checked];
                    boolean prime;
                    try {
                        prime = test.isPrime(number, helpers, parallelism);
                    } catch (RuntimeException | Error e) {
                        if (!stopped) { // an interrupt we caused is not a failure
                            fail(new PrimeCheckException(
                                    NAME + ": the primality test failed for " + number + ": " + e, e));
                        }
                        return;
                    }
                    // One clock read per number: the end of this check is the start of the next one.
                    long end = System.nanoTime();
                    long elapsed = end - start;
                    start = end;
                    busyNanos += elapsed;
                    primes[checked] = prime;
                    nanos[checked] = elapsed;
                    checked++;
                    if (checked < numbers.length && end - deliveredAt >= DELIVER_EVERY_NANOS) {
                        completed = checked;
                        drain(); // deliver what is done now; the lane's last results are delivered below
                        start = deliveredAt = System.nanoTime();
                    }
                }
            } finally {
                completed = checked;
                if (checked > 0) {
                    long sample = Math.max(1, busyNanos / checked);
                    long old = nanosPerNumber;
                    nanosPerNumber = old == 0 ? sample : (3 * old + sample) / 4;
                }
                idleLanes.offer(lane);
                drain();
            }
        }
    }
}
