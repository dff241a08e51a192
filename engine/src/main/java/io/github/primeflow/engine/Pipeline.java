package io.github.primeflow.engine;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import io.github.primeflow.spi.OnNextGuard;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One subscription of a backend's prime check: subscriber of the numbers, subscription of the results. The
 * pipeline rules P1–P13 live here once; a backend supplies only {@link Workers} (where batches run) and a
 * {@link SignalContext} (where the subscriber is signalled).
 *
 * <p><b>Coordination.</b> Every signal (numbers, upstream termination, demand, cancel, close, a finished
 * batch) only records what happened and calls {@link #drain()}. The drain loop runs on one thread at a time (a
 * work-in-progress counter hands it over) in the signal context: it delivers results, dispatches batches of
 * numbers to lanes and requests numbers from upstream. It never calls the kernel, so whichever thread runs it
 * only does bookkeeping; all signals to the subscriber come from it and are therefore serial (§1.3), and a
 * subscriber requesting inside {@code onNext} or an upstream emitting inside {@code request} never recurses
 * (§3.3). Numbers enter one queue in arrival order whatever thread emits them, so the order of the results never
 * depends on the threads.
 *
 * <p><b>Upstream checks.</b> The upstream's rules (§1.1 no more than requested, §1.3 no two threads at once,
 * §1.7 nothing after {@code onComplete}, §2.13 no null) are checked on the upstream's own thread, which
 * cancels a rule-breaking upstream before it can queue a flood: memory stays bounded by {@code maxInFlight}.
 *
 * <p><b>Bounds.</b> With {@code dispatched} counting numbers handed to lanes and {@code delivered} counting
 * {@code onNext} signals, the drain keeps {@code dispatched - delivered <= min(demand + prefetch, maxInFlight)}
 * (P5: a kernel call starts only for a dispatched number) and {@code requestedFromUpstream - delivered <=
 * maxInFlight} (P6, which bounds the queue and the {@code INPUT_ORDER} reorder buffer too). A pipeline has at
 * most {@link Workers#lanesPerPipeline(int)} lanes, each running one batch at a time (P9).
 *
 * <p><b>Batches.</b> A batch holds numbers already waiting, never more than the window allows, and never waits
 * for more to arrive. Its size adapts to the measured kernel time ({@link Tuning}) unless
 * {@link CheckerOptions#batchSize()} fixes it; an adaptive batch never exceeds a fair share
 * ({@code ceil(waiting / parallelism)}), so a lane does not hoard expensive numbers behind cheap ones, nor a
 * quarter of {@code maxInFlight}, so a lane has a next batch while the last one's results wait.
 *
 * <p><b>Stopping.</b> Cancel, close and failures set the stop flag (no kernel call starts after it) and stop
 * the running batches on the calling thread, without waiting for the drain loop, so CPU work stops even while
 * another thread delivers to a slow {@code onNext}. The first failure wins; later ones are consequences.
 */
public final class Pipeline implements Flow.Subscriber<Long>, Flow.Subscription, CheckerWork {

    final String name;
    final long deliverEveryNanos;
    private final Flow.Subscriber<? super PrimeResult> downstream;
    private final Flow.Publisher<Long> numbers;
    /** The numbers when read directly instead of subscribed to; null for any other publisher. */
    private final LongSequence direct;
    private final Workers workers;
    private final SignalContext signals;
    private final ActivePipelines active;
    private final Executor helpers;
    private final PrimalityTest test;
    private final boolean inputOrder;
    private final int parallelism;
    private final int prefetch;
    private final int maxInFlight;
    private final int maxLanes;
    private final int batchSize;
    private final long targetBatchNanos;
    private final int maxAdaptiveBatch;
    private final long replenish;

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();
    private final OnNextGuard onNextGuard = new OnNextGuard();
    private final LongQueue incoming = new LongQueue();
    /** Lanes whose last batch has finished. */
    private final Queue<Workers.Lane> idleLanes = new ConcurrentLinkedQueue<>();
    /** Batches started and not finished: what stopping interrupts. */
    private final Set<Batch> running = ConcurrentHashMap.newKeySet();

    /** Reading {@link #direct} has begun: its counterpart of a subscribed upstream. */
    private volatile boolean directStarted;
    private volatile boolean upstreamCompleted;
    /** The upstream sent a terminal signal or broke a rule: it must not be cancelled again. */
    private volatile boolean upstreamTerminated;
    private volatile boolean cancelled;
    /** Set by cancel, failure, close and the end of the stream: no kernel call starts once it is set. */
    private volatile boolean stopped;
    /** The drain loop has ended the stream: lanes that come back are released. */
    private volatile boolean terminated;
    /** Written by the drain before each upstream request; read by {@link #onNext} to detect overflow. */
    private volatile long upstreamRequested;
    /** Smoothed kernel time per number, 0 until measured; racy updates are fine (a heuristic). */
    private volatile long nanosPerNumber;
    /** The thread in the drain loop, if any: a close() called from the subscriber there must not wait for it. */
    private volatile Thread signalling;

    // Only touched by the upstream's serial signals (onNextGuard enforces it).
    private long arrived;

    // Only touched inside the drain loop.
    /** How many numbers of {@link #direct} may be read: what a subscription would have delivered. */
    private long directAvailable;
    /** Dispatched batches with results not yet delivered, in dispatch order. */
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    private int laneCount;
    private long dispatched;
    private long delivered;
    private boolean upstreamCancelled;

    /**
     * A pipeline for one subscriber; {@link #start()} connects it.
     *
     * @param name the backend's name, the prefix of every error message
     * @param options the checker's options
     * @param numbers the numbers; a {@link LongSequence} is read directly instead of subscribed to
     * @param downstream the subscriber of the results
     * @param workers where batches run
     * @param signals where the subscriber is signalled
     * @param tuning the batching parameters
     * @param active the checker's active pipelines, which this one joins while it runs
     */
    public Pipeline(String name, CheckerOptions options, Flow.Publisher<Long> numbers,
            Flow.Subscriber<? super PrimeResult> downstream, Workers workers, SignalContext signals, Tuning tuning,
            ActivePipelines active) {
        this.name = Objects.requireNonNull(name, "name");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.active = Objects.requireNonNull(active, "active");
        this.direct = numbers instanceof LongSequence sequence ? sequence : null;
        this.helpers = workers.helpers();
        this.test = options.primalityTest();
        this.inputOrder = options.ordering() == Ordering.INPUT_ORDER;
        this.parallelism = options.parallelism();
        this.prefetch = options.prefetch();
        this.maxInFlight = options.maxInFlight();
        this.batchSize = options.batchSize();
        this.maxLanes = workers.lanesPerPipeline(parallelism);
        this.targetBatchNanos = tuning.targetBatchNanos();
        // A quarter of the window at most: the lanes then always have a next batch while results of the last ones
        // wait for delivery, and a backend's larger cap takes effect only with a window large enough for it.
        this.maxAdaptiveBatch = Math.max(1, Math.min(tuning.maxAdaptiveBatch(), options.maxInFlight() / 4));
        this.deliverEveryNanos = tuning.deliverEveryNanos();
        this.replenish = Math.max(1, maxInFlight / 4);
    }

    /**
     * Signals {@code onSubscribe} to the subscriber on the calling thread, then subscribes to the numbers (or
     * starts reading them directly). Call it once, on the thread the backend promises for {@code onSubscribe}.
     */
    public void start() {
        try {
            downstream.onSubscribe(this);
        } catch (RuntimeException | Error e) { // §2.13: the subscription is void; nothing was subscribed yet
            cancel();
            throw e;
        }
        if (!active.add(this)) {
            checkerClosed();
            return;
        }
        if (stopped) { // cancelled inside onSubscribe: the drain may have run before the add
            active.remove(this);
            drain();
            return;
        }
        if (direct != null) {
            directStarted = true;
            drain();
            return;
        }
        try {
            numbers.subscribe(this);
        } catch (RuntimeException e) {
            fail(new PrimeCheckException(name + ": subscribing to the numbers failed: " + e, e));
        }
    }

    /** Whether no kernel call may start any more: cancelled, failed, closed or ended. */
    boolean isStopped() {
        return stopped;
    }

    @Override
    public boolean signalsOn(Thread thread) {
        return signalling == thread;
    }

    /** The checker is closing: stops the work now and ends the stream with an error. */
    @Override
    public void checkerClosed() {
        fail(new PrimeCheckException(name + ": the PrimeChecker was closed during the work", null));
    }

    /**
     * Ends the stream with {@code error} unless it has ended already, stopping its kernel calls at once.
     *
     * @param error what the subscriber receives
     */
    public void fail(Throwable error) {
        failure.compareAndSet(null, error); // the first failure wins; later ones are consequences
        stop();
        drain();
    }

    /** No kernel call starts after this, and the running ones are interrupted; any thread. */
    private void stop() {
        stopped = true;
        for (Batch batch : running) {
            if (batch.stop()) {
                batch.lane.stop(batch);
            }
        }
    }

    boolean isPrime(long number) {
        return test.isPrime(number, helpers, parallelism);
    }

    void measured(long busyNanos, int checked) {
        if (checked > 0) {
            long sample = Math.max(1, busyNanos / checked);
            long old = nanosPerNumber;
            nanosPerNumber = old == 0 ? sample : (3 * old + sample) / 4;
        }
    }

    /** A batch has ended (finished, stopped or failed): its results are ready and its lane is free. */
    void batchFinished(Batch batch) {
        running.remove(batch);
        Workers.Lane lane = batch.lane;
        idleLanes.offer(lane);
        if (terminated && idleLanes.remove(lane)) { // the drain's release of idle lanes may have run before
            lane.release();
        }
        drain();
    }

    // ---- upstream signals ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        if (!upstream.compareAndSet(null, subscription)) {
            subscription.cancel(); // §2.5: one upstream only
            return;
        }
        drain();
    }

    @Override
    public void onNext(Long number) {
        if (!onNextGuard.run(number, this::accept)) { // another thread was inside onNext (§1.3)
            rejectUpstream(new PrimeCheckException(name + ": the numbers publisher emitted " + number
                    + " while another thread was inside onNext (rule §1.3)", null));
        }
    }

    private void accept(Long number) {
        if (upstreamTerminated && !upstreamCompleted) {
            return; // the upstream broke a rule or failed, and is cancelled: late numbers are discarded
        }
        if (number == null) { // §2.13: cancel it now, as a synchronous upstream would go on emitting
            rejectUpstream(new PrimeCheckException(name + ": the numbers publisher emitted null as element #"
                    + (arrived + 1), new NullPointerException("null element")));
            return;
        }
        if (upstreamCompleted) {
            rejectUpstream(new PrimeCheckException(name + ": the numbers publisher emitted " + number
                    + " after onComplete (rule §1.7)", null));
            return;
        }
        if (stopped) {
            return; // cancelled or failed: the upstream is (being) cancelled
        }
        if (++arrived > upstreamRequested) {
            rejectUpstream(new PrimeCheckException(name + ": the numbers publisher emitted " + arrived
                    + " numbers but only " + upstreamRequested + " were requested (rule §1.1)", null));
            return;
        }
        incoming.offer(number);
        drain();
    }

    /** Cancels an upstream that broke the protocol, from its own signal, and ends the stream. */
    private void rejectUpstream(PrimeCheckException error) {
        upstreamTerminated = true; // keeps the drain from cancelling a second time
        cancel(upstream.get());
        fail(error);
    }

    @Override
    public void onError(Throwable error) {
        if (upstreamTerminated) {
            return; // after a rule break of its own (§1.7 for a second terminal signal)
        }
        upstreamTerminated = true;
        fail(new PrimeCheckException(
                name + ": the numbers publisher failed after " + arrived + " numbers: " + error, error));
    }

    @Override
    public void onComplete() {
        if (upstreamTerminated) {
            return;
        }
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
        for (;;) { // saturating at Long.MAX_VALUE (§3.17)
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

    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        if (signals.isCurrent()) {
            drainLoop();
            return;
        }
        try {
            signals.execute(this::drainLoop);
        } catch (RejectedExecutionException e) {
            drainLoop(); // the context is gone (closed under us): end the stream here rather than never
        }
    }

    private void drainLoop() {
        signalling = Thread.currentThread();
        try {
            drainLoopHere();
        } finally {
            signalling = null;
        }
    }

    private void drainLoopHere() {
        int missed = 1;
        for (;;) {
            if (!terminated) {
                try {
                    step();
                } catch (RuntimeException | Error e) { // the subscriber threw (§2.13): it is cancelled
                    cancelled = true;
                    terminate();
                    active.remove(this);
                    throw e;
                }
            }
            if (terminated) {
                cancelUpstream(); // the upstream may have subscribed after the stream ended
                active.remove(this); // after the terminal signal: the checker's close() waits for it
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void step() {
        for (;;) {
            if (cancelled) {
                terminate();
                return;
            }
            Throwable error = failure.get();
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
            long waiting = waiting();
            if (allowance <= 0 || waiting == 0 || stopped) {
                return any;
            }
            Workers.Lane lane = idleLanes.poll();
            if (lane == null) {
                if (laneCount == maxLanes) {
                    return any;
                }
                lane = workers.newLane();
                laneCount++;
            }
            int size = (int) Math.min(allowance, batchLimit(waiting));
            long[] batchNumbers = new long[size];
            if (direct != null) {
                direct.copyTo(dispatched, batchNumbers, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    batchNumbers[i] = incoming.poll();
                }
            }
            Batch batch = new Batch(this, lane, batchNumbers);
            inFlight.offer(batch);
            dispatched += size;
            any = true;
            running.add(batch);
            if (stopped && batch.stop()) { // stop() may have iterated `running` before the add
                lane.stop(batch);
            }
            try {
                lane.start(batch);
            } catch (RuntimeException e) { // RejectedExecutionException: the workers are closed
                running.remove(batch);
                lane.release();
                laneCount--;
                failure.compareAndSet(null, new PrimeCheckException(
                        name + ": the workers rejected the work (were they closed?): " + e, e));
                stop();
                return true;
            }
        }
    }

    /** Numbers received (or readable directly) and not yet dispatched. */
    private long waiting() {
        return direct == null ? incoming.size() : directAvailable - dispatched;
    }

    /** The size of the next batch: fixed, or adaptive within a fair share of what waits; at most {@code waiting}. */
    private long batchLimit(long waiting) {
        if (batchSize > 0) {
            return Math.min(batchSize, waiting);
        }
        long perNumber = nanosPerNumber;
        long target = perNumber == 0 ? 1 : Math.max(1, Math.min(maxAdaptiveBatch, targetBatchNanos / perNumber));
        // A fair share over all lanes, not just the idle ones: a cost estimate taken from cheap numbers must not
        // hand every expensive number behind them to the one lane that is idle.
        return Math.min(target, (waiting + parallelism - 1) / parallelism);
    }

    /** Tops up the upstream demand to {@code maxInFlight} held numbers; returns whether it requested. */
    private boolean requestUpstream() {
        Flow.Subscription up = upstream.get();
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
            try {
                up.request(deficit);
            } catch (RuntimeException e) { // §3.16 says it must return normally; it is the upstream's fault
                upstreamTerminated = true;
                cancel(up);
                failure.compareAndSet(null, new PrimeCheckException(name + ": request(" + deficit
                        + ") on the numbers publisher threw " + e, e));
                stop();
            }
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
        stop(); // again: covers a batch dispatched after cancel() or fail() stopped the others
        cancelUpstream();
        inFlight.clear();
        Workers.Lane lane;
        while ((lane = idleLanes.poll()) != null) {
            lane.release();
        }
    }

    private void cancelUpstream() {
        Flow.Subscription up = upstream.get();
        if (up != null && !upstreamCancelled && !upstreamTerminated) {
            upstreamCancelled = true;
            cancel(up);
        }
    }

    private static void cancel(Flow.Subscription up) {
        if (up == null) {
            return;
        }
        try {
            up.cancel();
        } catch (RuntimeException e) {
            // §2.13 forbids it; the stream has ended (or ends) all the same, and nothing is owed to the upstream
        }
    }

    /**
     * The numbers accepted and not yet checked (dispatched without results, or waiting), for an error message
     * that says what was lost: their count and the first {@code max} of them. Call it only where the drain loop
     * runs (the signal context), never from inside it.
     *
     * @param max how many numbers to list
     * @return for example {@code "5 numbers, starting with [7, 8, 9, 10, 11]"}
     */
    public String describeUnchecked(int max) {
        List<Long> first = new ArrayList<>();
        long count = 0;
        for (Batch batch : inFlight) {
            for (int i = batch.completed; i < batch.size(); i++, count++) {
                if (first.size() < max) {
                    first.add(batch.numbers[i]);
                }
            }
        }
        long waiting = waiting();
        if (direct != null) {
            for (long i = 0; i < waiting && first.size() < max; i++) {
                first.add(direct.get(dispatched + i));
            }
        } else {
            incoming.peek(first, max);
        }
        count += waiting;
        return count + " numbers" + (count == 0 ? "" : ", starting with " + first);
    }

    @Override
    public String toString() {
        return name + " pipeline{delivered=" + delivered + ", dispatched=" + dispatched
                + (stopped ? ", stopped" : "") + '}';
    }
}
