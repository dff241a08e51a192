package io.github.primeflow.loom;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.TrialDivision;
import io.github.primeflow.spi.LongSequence;
import io.github.primeflow.spi.OnNextGuard;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

/**
 * One subscription of the loom checker: subscriber of the numbers, subscription of the results, and the
 * body of its delivery virtual thread.
 *
 * <p>The delivery thread owns all the bookkeeping (no lock): it blocks on a mailbox, and every other
 * thread only posts to it — upstream signals post numbers and termination, kernel threads post finished
 * {@link Batch}es, and {@code request}/{@code cancel}/{@code close} update an atomic and post a nudge.
 * After each wake-up the delivery thread runs {@link #step()}: deliver what is ready and demanded, start
 * kernel threads within the P5 window, request numbers within the P6 window. So downstream signals are
 * serial (§1.3), calls to the upstream subscription are serial (§2.7), and a synchronous upstream that
 * emits inside {@code request} only fills the mailbox instead of recursing (§3.3).
 */
final class LoomSubscription implements Flow.Subscriber<Long>, Flow.Subscription, Runnable {

    private static final String NAME = LoomPrimeChecker.NAME;

    /** Something changed that lives outside the mailbox: demand, cancellation, a failure. */
    private static final Object NUDGE = new Object();
    private static final Object UPSTREAM_COMPLETE = new Object();
    /** Stands for the upstream subscription once this subscription has ended. */
    private static final Flow.Subscription GONE = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    /** Adaptive batching aims for batches of about this much kernel time. */
    static final long TARGET_BATCH_NANOS = 100_000;
    /** The largest adaptive batch. */
    static final int MAX_ADAPTIVE_BATCH = 1024;
    /** Trial-division budget of one adaptive batch, in odd divisors (about 0.1–0.5 ms). */
    static final long BATCH_DIVISOR_BUDGET = 1L << 16;
    /** A kernel thread that computed this long yields its carrier before its next number. */
    private static final long YIELD_AFTER_NANOS = 1_000_000;

    private final LoomPrimeChecker checker;
    private final CheckerOptions options;
    private final PrimalityTest test;
    /** Where a long trial division finds help: kernel threads of this subscription, each holding a permit. */
    private final Executor helpers;
    private final Flow.Publisher<Long> numbers;
    /** The same numbers read directly instead of subscribed to, or null for any other publisher. */
    private final LongSequence direct;
    private final Flow.Subscriber<? super PrimeResult> downstream;

    // ---- shared with other threads ----
    // Lock-free to post to (request/cancel may run on a caller's event loop, which must never park on a lock);
    // only the delivery thread blocks, in take().
    private final BlockingQueue<Object> mailbox = new LinkedTransferQueue<>();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final OnNextGuard onNextGuard = new OnNextGuard(); // catches two upstream threads at once (§1.3)
    /** The kernel threads of this subscription that are alive, so that cancel() can interrupt them. */
    private final Set<Thread> kernelThreads = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    /** Set when the stream has ended; later upstream signals are dropped. */
    private volatile boolean ended;
    /** Numbers received from upstream; written by the upstream's (serial) onNext only. */
    private long received;
    /** Numbers requested from upstream, published before each request(n) for onNext's rule §1.1 check. */
    private volatile long upstreamAsked;
    /** Set by the upstream's onComplete, for onNext's rule §1.7 check. */
    private volatile boolean upstreamCompleted;

    // ---- owned by the delivery thread ----
    private final ArrayDeque<Long> pending = new ArrayDeque<>(); // received, not yet handed to a kernel thread
    private final ArrayDeque<Batch> inOrder = new ArrayDeque<>(); // INPUT_ORDER: batches in input order
    private final ArrayDeque<Batch> ready = new ArrayDeque<>(); // COMPLETION_ORDER: finished batches
    private long upstreamRequested;
    private long upstreamReceived;
    private boolean upstreamDone;
    private long dispatched;
    private long delivered;
    private int runningBatches;
    private long nanosPerNumber = -1; // moving average of the kernel time, -1 until measured
    private boolean terminated;

    LoomSubscription(LoomPrimeChecker checker, Flow.Publisher<Long> numbers,
            Flow.Subscriber<? super PrimeResult> downstream) {
        this.checker = checker;
        this.options = checker.options();
        this.test = options.primalityTest();
        this.helpers = task -> checker.startKernel(() -> help(task), kernelThreads);
        this.numbers = numbers;
        this.direct = numbers instanceof LongSequence sequence ? sequence : null;
        this.upstreamDone = direct != null && direct.size() == 0;
        this.downstream = downstream;
    }

    /** Runs on the subscribing thread: onSubscribe there, everything else on the delivery thread. */
    void start() {
        downstream.onSubscribe(this);
        if (!checker.register(this)) {
            endOnCallerThread();
            return;
        }
        if (!checker.startDelivery(this)) {
            checker.deregister(this);
            endOnCallerThread();
        }
    }

    private void endOnCallerThread() {
        ended = true;
        if (!cancelled) {
            downstream.onError(closedError());
        }
    }

    void checkerClosed() {
        fail(closedError());
        interruptKernels();
    }

    private static PrimeCheckException closedError() {
        return new PrimeCheckException(NAME + ": the PrimeChecker was closed during the work", null);
    }

    // ---- Flow.Subscription (any thread, never blocks) ----

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("Reactive Streams rule 3.9: request(n) needs n > 0, got " + n));
            return;
        }
        for (;;) {
            long current = requested.get();
            long next = current + n;
            if (next < 0 || current == Long.MAX_VALUE) {
                next = Long.MAX_VALUE; // rule 3.17: saturate
            }
            if (requested.compareAndSet(current, next)) {
                break;
            }
        }
        nudge();
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        interruptKernels(); // the kernel calls stop now, not when the delivery thread gets a carrier
        nudge();
    }

    // ---- Flow.Subscriber of the numbers (the upstream's threads, never blocks) ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        if (!upstream.compareAndSet(null, subscription)) {
            subscription.cancel(); // rule 2.5: a second subscription, or the stream has ended
            return;
        }
        nudge();
    }

    @Override
    public void onNext(Long n) {
        if (!onNextGuard.run(n, this::accept)) { // another thread was inside onNext (§1.3)
            reject(n + " while another thread was inside onNext (rule §1.3)");
        }
    }

    private void accept(Long n) {
        if (ended || stopping()) {
            return;
        }
        received++;
        if (n == null) {
            fail(new PrimeCheckException(NAME + ": the numbers publisher emitted null as element #" + received,
                    new NullPointerException("null element")));
            return;
        }
        if (upstreamCompleted || received > upstreamAsked) {
            reject(n + (upstreamCompleted ? " after onComplete (rule §1.7)"
                    : " beyond the " + upstreamAsked + " numbers requested (rule §1.1)"));
            return;
        }
        mailbox.add(n);
    }

    /** Cancels at once, from the upstream's own signal: a flood stops here instead of filling the mailbox. */
    private void reject(String emitted) {
        Flow.Subscription s = upstream.getAndSet(GONE);
        if (s != null && s != GONE) {
            s.cancel();
        }
        fail(new PrimeCheckException(NAME + ": the numbers publisher emitted " + emitted, null));
    }

    @Override
    public void onError(Throwable error) {
        Objects.requireNonNull(error, "error");
        if (ended) {
            return;
        }
        fail(new PrimeCheckException(
                NAME + ": the numbers publisher failed after " + received + " numbers: " + error, error));
    }

    @Override
    public void onComplete() {
        upstreamCompleted = true;
        if (!ended) {
            mailbox.add(UPSTREAM_COMPLETE);
        }
    }

    // ---- helpers for other threads ----

    private void fail(RuntimeException error) {
        if (failure.compareAndSet(null, error)) {
            nudge();
        }
    }

    private void nudge() {
        if (nudged.compareAndSet(false, true)) {
            mailbox.add(NUDGE);
        }
    }

    private void interruptKernels() {
        for (Thread thread : kernelThreads) {
            thread.interrupt();
        }
    }

    private boolean stopping() {
        return cancelled || failure.get() != null;
    }

    // ---- the delivery thread ----

    @Override
    public void run() {
        boolean clean = false;
        try {
            if (!cancelled && direct == null) {
                try {
                    numbers.subscribe(this);
                } catch (RuntimeException e) {
                    fail(new PrimeCheckException(NAME + ": subscribing to the numbers failed: " + e, e));
                }
            }
            if (direct != null) {
                step(); // an empty sequence ends at once, as it would when subscribed to
            }
            while (!terminated) {
                Object event;
                try {
                    event = mailbox.take();
                } catch (InterruptedException e) {
                    continue; // close() interrupts; the failure it set is handled by the next step
                }
                handle(event);
                for (Object more; !terminated && (more = mailbox.poll()) != null;) {
                    handle(more);
                }
                step();
            }
            clean = true;
        } finally {
            if (!clean) { // the subscriber threw (rule 2.13): treat the subscription as cancelled
                cancelled = true;
                terminate();
            }
        }
    }

    private void handle(Object event) {
        if (event == NUDGE) {
            nudged.set(false); // before reading the state, so later changes nudge again
        } else if (event instanceof Long n) {
            if (++upstreamReceived > upstreamRequested) {
                fail(new PrimeCheckException(NAME + ": the numbers publisher emitted more than the "
                        + upstreamRequested + " numbers requested (rule 1.1)", null));
                return;
            }
            pending.add(n);
        } else if (event == UPSTREAM_COMPLETE) {
            upstreamDone = true;
        } else if (event instanceof Batch batch) {
            runningBatches--;
            if (batch.batchNanos >= 0) {
                long perNumber = batch.batchNanos / batch.numbers.length;
                nanosPerNumber = nanosPerNumber < 0 ? perNumber : (7 * nanosPerNumber + perNumber) / 8;
            }
            batch.finished = true;
            if (options.ordering() == Ordering.COMPLETION_ORDER) {
                ready.add(batch);
            }
        }
    }

    private void step() {
        if (terminated) {
            return;
        }
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
        deliver();
        if (terminated || stopping()) {
            return; // the nudge of the cancel or failure is in the mailbox
        }
        if (upstreamDone && waiting() == 0 && dispatched == delivered) {
            terminate();
            downstream.onComplete();
            return;
        }
        dispatch();
        requestNumbers();
    }

    /** Sends ready results while there is demand. */
    private void deliver() {
        for (;;) {
            if (stopping()) {
                return;
            }
            long demand = requested.get();
            if (demand == 0) {
                return;
            }
            PrimeResult next = nextReady();
            if (next == null) {
                return;
            }
            if (demand != Long.MAX_VALUE) {
                requested.decrementAndGet();
            }
            delivered++;
            downstream.onNext(next);
        }
    }

    private PrimeResult nextReady() {
        ArrayDeque<Batch> finished = options.ordering() == Ordering.COMPLETION_ORDER ? ready : inOrder;
        Batch head = finished.peek();
        if (head == null || !head.finished) {
            return null;
        }
        int i = head.cursor++;
        if (head.cursor == head.numbers.length) {
            finished.poll();
        }
        return new PrimeResult(head.numbers[i], head.primes[i], head.nanos[i]);
    }

    /**
     * Hands pending numbers to new kernel threads, keeping kernel calls started − results delivered within
     * the outstanding demand + prefetch (rule P5) and at most {@code parallelism} batches running.
     */
    private void dispatch() {
        while (waiting() > 0 && runningBatches < options.parallelism()) {
            long demand = requested.get();
            long window = demand > Long.MAX_VALUE - options.prefetch() ? Long.MAX_VALUE : demand + options.prefetch();
            long room = window - (dispatched - delivered);
            if (room <= 0) {
                return;
            }
            int size = batchSize((int) Math.min(room, waiting()));
            long[] batchNumbers = new long[size];
            if (direct != null) {
                direct.copyTo(dispatched, batchNumbers, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    batchNumbers[i] = pending.poll();
                }
            }
            Batch batch = new Batch(batchNumbers);
            if (options.ordering() == Ordering.INPUT_ORDER) {
                inOrder.add(batch);
            }
            dispatched += size;
            runningBatches++;
            if (!checker.startKernel(() -> compute(batch), kernelThreads)) {
                fail(closedError());
                return;
            }
        }
    }

    /** Numbers received (or readable directly) and not yet handed to a kernel thread. */
    private long waiting() {
        return direct == null ? pending.size() : upstreamReceived - dispatched;
    }

    /** The numbers {@link #dispatch()} hands out next, in order. */
    private PrimitiveIterator.OfLong upcoming() {
        return direct == null ? pending.stream().mapToLong(Long::longValue).iterator()
                : LongStream.range(dispatched, upstreamReceived).map(direct::get).iterator();
    }

    /** How many of the {@code available} upcoming numbers go into the next batch. */
    private int batchSize(int available) {
        if (options.batchSize() > 0) {
            return Math.min(options.batchSize(), available);
        }
        // Spread the available numbers over the idle workers first, so that parallelism is not lost.
        int idle = options.parallelism() - runningBatches;
        int fairShare = (int) Math.min(MAX_ADAPTIVE_BATCH, (available + (long) idle - 1) / idle);
        if (test instanceof TrialDivision) {
            // The cost is known in advance (about sqrt(n) / 2 divisions for odd n): group cheap numbers,
            // give each coarse one its own thread.
            int size = 0;
            long budget = 0;
            for (PrimitiveIterator.OfLong numbers = upcoming(); numbers.hasNext();) {
                if (size == fairShare) {
                    break;
                }
                budget += trialDivisionCost(numbers.nextLong());
                if (size > 0 && budget > BATCH_DIVISOR_BUDGET) {
                    break;
                }
                size++;
            }
            return Math.max(1, size);
        }
        // Unknown kernel (Miller-Rabin, a wrapped kernel): use the measured time per number.
        if (nanosPerNumber < 0) {
            return 1;
        }
        long byCost = TARGET_BATCH_NANOS / Math.max(1, nanosPerNumber);
        return (int) Math.max(1, Math.min(byCost, fairShare));
    }

    static long trialDivisionCost(long n) {
        return n > 2 && (n & 1) == 1 ? TrialDivision.divisorLimit(n) / 2 : 1;
    }

    /** Asks the upstream for more numbers, keeping requested − delivered within maxInFlight (rule P6). */
    private void requestNumbers() {
        Flow.Subscription s = upstream.get();
        if ((direct == null && (s == null || s == GONE)) || upstreamDone) {
            return;
        }
        long room = options.maxInFlight() - (upstreamRequested - delivered);
        if (room >= Math.max(1, options.maxInFlight() / 4)) {
            upstreamRequested += room;
            if (direct != null) {
                // What a subscription would have delivered at once; dispatch() copies the numbers.
                upstreamReceived = Math.min(upstreamRequested, direct.size());
                upstreamDone = upstreamReceived == direct.size();
                dispatch(); // no event will announce these numbers
                return;
            }
            upstreamAsked = upstreamRequested;
            s.request(room); // a synchronous upstream emits into the mailbox; the loop picks it up
        }
    }

    private void terminate() {
        terminated = true;
        ended = true;
        Flow.Subscription s = upstream.getAndSet(GONE);
        if (s != null && s != GONE && !upstreamDone) {
            s.cancel();
        }
        interruptKernels();
        pending.clear();
        inOrder.clear();
        ready.clear();
        checker.deregister(this);
    }

    // ---- kernel threads ----

    /** Runs on a kernel virtual thread: checks the numbers of one batch and posts the batch. */
    private void compute(Batch batch) {
        Semaphore permits = checker.kernelPermits();
        try {
            permits.acquire(); // rule P9: at most parallelism kernel calls, checker-wide
        } catch (InterruptedException e) {
            reportUnlessStopping(new PrimeCheckException(
                    NAME + ": a kernel thread was interrupted while waiting for a permit", e));
            return;
        }
        try {
            long batchStart = System.nanoTime();
            long sliceStart = batchStart;
            long start = batchStart;
            for (int i = 0; i < batch.numbers.length; i++) {
                if (stopping()) {
                    return; // rule P7: no kernel call after cancel
                }
                if (Thread.currentThread().isInterrupted()) {
                    reportUnlessStopping(new PrimeCheckException(
                            NAME + ": a kernel thread was interrupted before checking " + batch.numbers[i], null));
                    return;
                }
                long n = batch.numbers[i];
                boolean prime;
                try {
                    prime = test.isPrime(n, helpers, options.parallelism());
                } catch (RuntimeException | Error e) {
                    reportUnlessStopping(new PrimeCheckException(
                            NAME + ": the primality test failed for " + n + ": " + e, e));
                    return;
                }
                // One clock read per number: the end of this check is the start of the next one.
                long end = System.nanoTime();
                batch.primes[i] = prime;
                batch.nanos[i] = end - start;
                start = end;
                if (end - sliceStart > YIELD_AFTER_NANOS && i + 1 < batch.numbers.length) {
                    // Virtual threads are not time-sliced: let queued virtual threads (delivery threads
                    // above all) have this carrier before going on.
                    Thread.yield();
                    sliceStart = start = System.nanoTime();
                }
            }
            batch.batchNanos = System.nanoTime() - batchStart;
        } finally {
            permits.release();
        }
        mailbox.add(batch); // the queue's happens-before orders the results before the delivery thread reads them
    }

    /**
     * Runs on a kernel virtual thread: helps with another kernel thread's trial division. It holds a permit
     * like any kernel thread (P9); by the time it gets one the work may be done, and it returns at once.
     */
    private void help(Runnable task) {
        Semaphore permits = checker.kernelPermits();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            return; // cancelled or closed: the kernel call it would help has stopped too
        }
        try {
            task.run();
        } finally {
            permits.release();
        }
    }

    /** A kernel failure ends the stream, unless it is the echo of our own cancel or close interrupt. */
    private void reportUnlessStopping(PrimeCheckException error) {
        if (!stopping()) {
            fail(error);
        }
    }

    /**
     * Numbers one kernel thread checks, and their verdicts and kernel times; the delivery thread builds each
     * {@link PrimeResult} when it sends it, so results cross between threads as dense arrays.
     */
    private static final class Batch {
        final long[] numbers;
        final boolean[] primes;
        final long[] nanos;
        /** Kernel time of the batch; written before the batch is posted. */
        long batchNanos = -1;
        // Delivery thread only.
        boolean finished;
        int cursor;

        Batch(long[] numbers) {
            this.numbers = numbers;
            this.primes = new boolean[numbers.length];
            this.nanos = new long[numbers.length];
        }
    }
}
