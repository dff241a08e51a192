package io.github.primeflow.rxjava;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import io.github.primeflow.spi.OnNextGuard;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.operators.SpscLinkedArrayQueue;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One subscription of an {@link RxJavaPrimeChecker}: subscriber of the numbers, subscription of the results.
 *
 * <p>Every signal (demand, number, upstream end, batch finished, cancel, failure, close) records what
 * happened and calls {@link #drain()}; the drain loop runs on one thread at a time (the RxJava "wip"
 * pattern) and makes every decision: what to request upstream, which numbers go to the CPU lane in which
 * batches, which results to deliver. Kernel calls run only inside {@link Batch#run()}, on the lane.
 *
 * <p>Bounds, in numbers: upstream requested − delivered ≤ maxInFlight (P6); numbers handed to batches ≤
 * cumulative demand + prefetch (P5); batches handed to the lane ≤ its batch slots, of which at most parallelism
 * run (P9). Cancel, failure and close set
 * {@link #stopped} (batches check it before every kernel call) and dispose the running batches, which
 * interrupts their threads (P7). A long trial division shares its divisor ranges with helper tasks
 * started on the lane ({@link io.github.primeflow.PrimalityTest#isPrime(long, Executor, int)}), so idle
 * lane threads help finish the last expensive numbers; the interrupt of its batch stops them too.
 */
final class PrimeCheckSubscription implements FlowableSubscriber<Long>, Subscription {

    private static final String NAME = RxJavaPrimeChecker.NAME;
    /** Adaptive batches aim at this much kernel time per task, so that hand-over costs stay a few percent. */
    private static final long TARGET_BATCH_NANOS = 200_000;
    private static final int MAX_BATCH = 1024;
    /**
     * A running batch publishes its progress at most this often (and when it stops): a volatile write per
     * number would bounce its cache line to the delivering thread for every cheap check.
     */
    private static final long PUBLISH_EVERY_NANOS = 50_000;
    private static final Disposable DISPOSED = Disposable.disposed();

    private final RxJavaPrimeChecker checker;
    private final Subscriber<? super PrimeResult> downstream;
    private final PrimalityTest test;
    /** The numbers when they are read directly instead of subscribed to; null for any other publisher. */
    private final LongSequence direct;
    private final CpuLane lane;
    /** Where a long trial division finds help: more tasks on the lane, stopped with the kernel call. */
    private final Executor helpers;
    private final boolean inputOrder;
    private final int parallelism;
    /** Batches handed to the lane at once: see {@link CpuLane#batchSlots(int)}. */
    private final int batchSlots;
    private final int prefetch;
    private final int maxInFlight;
    private final int fixedBatch;
    private final int maxAdaptiveBatch;

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicReference<Subscription> upstream = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final OnNextGuard onNextGuard = new OnNextGuard(); // catches two upstream threads at once (§1.3)
    private final CompositeDisposable running = new CompositeDisposable();
    private final AtomicInteger runningBatches = new AtomicInteger();
    private final SpscLinkedArrayQueue<Long> queue;
    private final AtomicLong received = new AtomicLong();
    /** Adaptive batches that used up their time slice with numbers left, waiting to be started again. */
    private final ConcurrentLinkedQueue<Batch> resumable = new ConcurrentLinkedQueue<>();

    /** Reading {@link #direct} has begun: its counterpart of a subscribed upstream. */
    private volatile boolean directStarted;
    /** The upstream signalled onComplete or onError. */
    private volatile boolean upstreamDone;
    /** The upstream broke a rule (a null element); its further signals are ignored, and it is cancelled. */
    private volatile boolean upstreamRejected;
    private volatile boolean cancelled;
    /** Set by cancel, failure and close; batches read it before every kernel call. */
    volatile boolean stopped;
    /** Smoothed kernel time per number, or -1 before the first batch finished; a heuristic, races are harmless. */
    private volatile long nanosPerNumber = -1;

    // Only touched inside the drain loop.
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    /** Written in the drain before each upstream request(n), read by onNext, which that request happens-before. */
    private long upstreamRequested;
    private long dispatched;
    private long emitted;
    private boolean terminated;
    private boolean upstreamCancelled;

    PrimeCheckSubscription(RxJavaPrimeChecker checker, Subscriber<? super PrimeResult> downstream,
            LongSequence direct) {
        CheckerOptions options = checker.options();
        this.checker = checker;
        this.downstream = downstream;
        this.direct = direct;
        this.test = options.primalityTest();
        this.lane = checker.lane();
        this.helpers = lane::start;
        this.inputOrder = options.ordering() == Ordering.INPUT_ORDER;
        this.parallelism = options.parallelism();
        this.batchSlots = lane.batchSlots(parallelism);
        this.prefetch = options.prefetch();
        this.maxInFlight = options.maxInFlight();
        this.fixedBatch = options.batchSize();
        this.maxAdaptiveBatch = Math.max(1, Math.min(MAX_BATCH, maxInFlight / batchSlots));
        this.queue = new SpscLinkedArrayQueue<>(Math.min(128, Math.max(16, maxInFlight)));
    }

    void checkerClosed() {
        fail(new PrimeCheckException(NAME + ": the PrimeChecker was closed during the work", null));
    }

    void fail(Throwable error) {
        if (failure.compareAndSet(null, error)) {
            stopped = true;
            running.dispose();
        }
        drain();
    }

    /** Starts reading the numbers directly: the counterpart of subscribing to them. */
    void startDirect() {
        directStarted = true;
        drain();
    }

    // ---- upstream signals ----

    @Override
    public void onSubscribe(Subscription s) {
        if (!upstream.compareAndSet(null, s)) {
            s.cancel(); // rule §2.5: one upstream only
            return;
        }
        drain();
    }

    @Override
    public void onNext(Long n) {
        if (!onNextGuard.run(n, this::accept)) { // another thread was inside onNext (§1.3)
            reject(new PrimeCheckException(NAME + ": the numbers publisher emitted " + n
                    + " while another thread was inside onNext (rule §1.3)", null));
        }
    }

    private void accept(Long n) {
        if (upstreamRejected || stopped) {
            return;
        }
        if (n == null) {
            upstreamRejected = true;
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted null as element #"
                    + (received.get() + 1), new NullPointerException("null element")));
            return;
        }
        if (upstreamDone || received.get() >= upstreamRequested) {
            reject(new PrimeCheckException(NAME + ": the numbers publisher emitted " + n + (upstreamDone
                    ? " after its terminal signal (rule §1.7)" : " beyond the " + upstreamRequested
                    + " numbers requested (rule §1.1)"), null));
            return;
        }
        queue.offer(n);
        received.lazySet(received.get() + 1); // single producer: the upstream's serial onNext
        drain();
    }

    /**
     * Ends the stream for an upstream that broke the protocol and cancels it at once, from its own signal, so
     * that a flood stops now instead of after queueing every number it has.
     */
    private void reject(PrimeCheckException error) {
        upstreamRejected = true;
        Subscription up = upstream.get();
        if (up != null) {
            up.cancel();
        }
        fail(error);
    }

    @Override
    public void onError(Throwable error) {
        if (upstreamDone || upstreamRejected) {
            return;
        }
        // The failure must be visible before upstreamDone, or a drain in between would see a normal end.
        if (failure.compareAndSet(null, new PrimeCheckException(NAME + ": the numbers publisher failed after "
                + received.get() + " numbers: " + error, error))) {
            stopped = true;
            running.dispose();
        }
        upstreamDone = true;
        drain();
    }

    @Override
    public void onComplete() {
        if (upstreamRejected) {
            return; // a synchronous upstream may complete right after the null; it still gets its cancel()
        }
        upstreamDone = true;
        drain();
    }

    // ---- downstream signals ----

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("Reactive Streams rule 3.9: request(n) needs n > 0, got " + n));
            return;
        }
        for (;;) {
            long current = requested.get();
            long next = current + n < 0 ? Long.MAX_VALUE : current + n;
            if (current == Long.MAX_VALUE || requested.compareAndSet(current, next)) {
                break;
            }
        }
        drain();
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            stopped = true;
            running.dispose(); // interrupts the running kernel calls now, from the cancelling thread
            drain();
        }
    }

    // ---- the drain loop ----

    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            drainLoop();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drainLoop() {
        for (;;) {
            if (terminated) {
                cancelUpstream(); // an upstream may arrive after the end
                queue.clear();
                return;
            }
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
            if (cancelled || failure.get() != null) {
                continue; // the subscriber cancelled or failed inside onNext
            }
            progress |= requestUpstream();
            progress |= dispatch();
            if (upstreamDone && received.get() == dispatched && batches.isEmpty() && failure.get() == null) {
                terminate();
                downstream.onComplete();
                return;
            }
            if (!progress) {
                return;
            }
        }
    }

    /** Delivers finished results while there is demand; returns whether any was delivered. */
    private boolean deliver() {
        long demand = requested.get();
        long before = emitted;
        if (inputOrder) {
            Batch head;
            while ((head = batches.peek()) != null) {
                if (head.delivered == head.size()) {
                    batches.poll();
                    continue;
                }
                if (emitted == demand || head.delivered == head.completed) {
                    break;
                }
                if (!emit(head)) {
                    break;
                }
            }
        } else {
            for (Iterator<Batch> it = batches.iterator(); it.hasNext() && emitted != demand; ) {
                Batch b = it.next();
                while (emitted != demand && b.delivered < b.completed) {
                    if (!emit(b)) {
                        return true;
                    }
                }
                if (b.delivered == b.size()) {
                    it.remove();
                }
            }
            // Fully delivered batches may sit behind the point where demand ran out.
            batches.removeIf(b -> b.delivered == b.size());
        }
        return emitted != before;
    }

    /** Emits the next result of {@code b}; returns false if the subscriber cancelled or failed meanwhile. */
    private boolean emit(Batch b) {
        int i = b.delivered++;
        emitted++;
        downstream.onNext(new PrimeResult(b.numbers[i], b.primes[i], b.nanos[i]));
        return !cancelled && failure.get() == null;
    }

    /** Keeps upstream requested − delivered at most maxInFlight, refilling in chunks of a quarter of it. */
    private boolean requestUpstream() {
        Subscription up = upstream.get();
        if (upstreamDone || (direct == null ? up == null : !directStarted)) {
            return false;
        }
        long room = maxInFlight - (upstreamRequested - emitted);
        if (room > 0 && (upstreamRequested == 0 || room >= Math.max(1, maxInFlight / 4))) {
            upstreamRequested += room;
            if (direct == null) {
                up.request(room);
            } else {
                // What a subscription would have delivered at once; dispatch() copies the numbers.
                long available = Math.min(upstreamRequested, direct.size());
                received.lazySet(available);
                upstreamDone = available == direct.size();
            }
            return true;
        }
        return false;
    }

    /** Hands numbers to the lane in batches, within the P5 budget and the parallelism. */
    private boolean dispatch() {
        boolean progress = false;
        Batch again;
        while (runningBatches.get() < batchSlots && !stopped && (again = resumable.poll()) != null) {
            start(again);
            progress = true;
        }
        while (runningBatches.get() < batchSlots && !stopped) {
            long available = received.get() - dispatched;
            long demand = requested.get();
            long budget = demand == Long.MAX_VALUE || demand + prefetch < 0 ? Long.MAX_VALUE
                    : demand + prefetch - dispatched;
            if (available <= 0 || budget <= 0) {
                break;
            }
            int size = (int) Math.min(batchTarget(available), Math.min(available, budget));
            long[] numbers = new long[size];
            if (direct != null) {
                direct.copyTo(dispatched, numbers, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    numbers[i] = queue.poll();
                }
            }
            dispatched += size;
            Batch batch = new Batch(numbers);
            batches.offer(batch);
            start(batch);
            progress = true;
        }
        return progress;
    }

    private void start(Batch batch) {
        runningBatches.incrementAndGet();
        batch.started = false;
        if (!running.add(batch)) {
            return; // stopped meanwhile: the batch is disposed and never runs
        }
        Disposable task = lane.start(batch);
        batch.setTask(task);
        if (task.isDisposed() && !batch.started && !stopped) {
            // A user's scheduler that was shut down rejects the task (RxJava returns a disposed Disposable).
            fail(new PrimeCheckException(NAME + ": the scheduler " + lane + " rejected the work; is it shut down?",
                    null));
        }
    }

    private long batchTarget(long available) {
        if (fixedBatch > 0) {
            return fixedBatch;
        }
        long perNumber = nanosPerNumber;
        long target = perNumber < 0 ? 1 : Math.max(1, Math.min(maxAdaptiveBatch, TARGET_BATCH_NANOS / Math.max(1, perNumber)));
        // A fair share of what waits, over all workers, not just the idle ones: a cost estimate taken from cheap
        // numbers must not hand every expensive number behind them to the one worker that is idle.
        return Math.min(target, (available + parallelism - 1) / parallelism);
    }

    private void terminate() {
        terminated = true;
        stopped = true;
        running.dispose();
        checker.deregister(this);
        cancelUpstream();
        queue.clear();
        batches.clear();
    }

    private void cancelUpstream() {
        Subscription up = upstream.get();
        if (up != null && !upstreamCancelled) {
            upstreamCancelled = true;
            if (!upstreamDone) {
                up.cancel();
            }
        }
    }

    private void recordCost(long nanos, int count) {
        long perNumber = Math.max(1, nanos / count);
        long old = nanosPerNumber;
        nanosPerNumber = old < 0 ? perNumber : (3 * old + perNumber) / 4;
    }

    /**
     * A batch of consecutive numbers, checked one after another on one lane thread. Results are published
     * through the volatile {@link #completed} count; the drain loop reads them in order. An adaptive batch
     * that has used its time slice ({@value #TARGET_BATCH_NANOS} ns) with numbers left yields: it goes to
     * {@link #resumable} and is started again, keeping its place in the result order. So a batch sized from
     * cheap numbers cannot pin several expensive ones to one worker while another idles.
     */
    private final class Batch implements Runnable, Disposable {
        final long[] numbers;
        /**
         * The verdicts and kernel times, written by the lane. The delivering thread builds each
         * {@link PrimeResult} itself: dense primitive arrays cross between cores in far fewer cache lines
         * than one object per number allocated on the lane.
         */
        final boolean[] primes;
        final long[] nanos;
        volatile int completed;
        volatile boolean started;
        /** Only touched inside the drain loop. */
        int delivered;
        private final AtomicReference<Disposable> task = new AtomicReference<>();

        Batch(long[] numbers) {
            this.numbers = numbers;
            this.primes = new boolean[numbers.length];
            this.nanos = new long[numbers.length];
        }

        int size() {
            return numbers.length;
        }

        @Override
        public void run() {
            started = true;
            // Locals, not fields: the loop reads the volatile stop flag, after which fields would be re-read from
            // a cache line that the delivering thread writes (delivered).
            final long[] numbers = this.numbers;
            final boolean[] primes = this.primes;
            final long[] nanos = this.nanos;
            final int first = completed;
            int i = first;
            long kernelNanos = 0;
            boolean yielded = false;
            long start = System.nanoTime();
            long published = start;
            try {
                while (i < numbers.length && !stopped) {
                    long n = numbers[i];
                    boolean prime = test.isPrime(n, helpers, parallelism);
                    // One clock read per number: the end of this check is the start of the next one.
                    long end = System.nanoTime();
                    long elapsed = end - start;
                    start = end;
                    primes[i] = prime;
                    nanos[i] = elapsed;
                    i++;
                    if (end - published >= PUBLISH_EVERY_NANOS) {
                        completed = i;
                        published = end;
                    }
                    kernelNanos += elapsed;
                    if (fixedBatch == 0 && i < numbers.length && kernelNanos >= TARGET_BATCH_NANOS) {
                        yielded = true;
                        break;
                    }
                }
                if (i > first) {
                    recordCost(kernelNanos, i - first);
                }
            } catch (RuntimeException | Error e) {
                if (!stopped) {
                    fail(new PrimeCheckException(NAME + ": the primality test failed for " + numbers[i] + ": " + e, e));
                } else {
                    // Cancelled, failed or closed meanwhile: this is the kernel's CancellationException after our
                    // own interrupt (or a failure nobody waits for). Dropped deliberately, like the result would
                    // be: never rethrown, so it cannot reach RxJavaPlugins.onError as an undeliverable error.
                    Thread.interrupted(); // the interrupt was ours; do not leak it into the drain below
                }
            } finally {
                completed = i;
                running.delete(this);
                if (yielded) {
                    resumable.offer(this);
                }
                runningBatches.decrementAndGet();
                drain();
            }
        }

        void setTask(Disposable d) {
            for (;;) {
                Disposable current = task.get();
                if (current == DISPOSED) {
                    d.dispose();
                    return;
                }
                if (task.compareAndSet(current, d)) {
                    return;
                }
            }
        }

        @Override
        public void dispose() {
            Disposable d = task.getAndSet(DISPOSED);
            if (d != null) {
                d.dispose();
            }
        }

        @Override
        public boolean isDisposed() {
            return task.get() == DISPOSED;
        }
    }
}
