package io.github.primeflow.vertx;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import io.github.primeflow.spi.OnNextGuard;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongPredicate;

/**
 * One subscription: subscriber of the numbers, subscription of the results.
 *
 * <p><b>Threading.</b> Every field without {@code volatile} is confined to {@link #context}, one event-loop
 * context. Each signal, from upstream ({@code onSubscribe/onNext/onError/onComplete}) or downstream
 * ({@code request/cancel}), is handed to that context ({@link #execute}: inline when already on it, else
 * {@code runOnContext}), where it updates the state and calls {@link #drain()}. The drain loop emits results,
 * completes or fails the stream, submits batches to the worker pool and requests numbers from upstream.
 * Signals that arrive while it runs (a synchronous upstream emitting inside {@code request}, a subscriber
 * requesting inside {@code onNext}) only set {@link #missed}, so nothing recurses (§3.3). Kernel calls run
 * only inside {@link Batch#call()} on the worker pool, where a long trial division shares its divisor ranges
 * with helper tasks submitted to the same pool, so idle workers help finish the last expensive numbers.
 *
 * <p>The upstream's protocol checks (§1.1, §1.3, §1.7) run on the thread of its signal, so that a rule-breaking
 * upstream is cancelled before it fills the context's task queue; they read the volatile fields marked so.
 * Otherwise only {@link #halted}, {@link #cancelled}, {@link #closing} and {@link #running} are touched off the
 * context: {@code cancel()} and the checker's {@code close()} set the flags and interrupt the running batches
 * at once, from the calling thread, so in-flight CPU work stops even while the event loop is busy.
 */
final class PrimeCheckSubscription implements Flow.Subscriber<Long>, Flow.Subscription {

    /** Adaptive batching aims at this much kernel time per worker task. */
    private static final long TARGET_BATCH_NANOS = 1_000_000;
    /** Adaptive batches never hold more numbers than this. */
    private static final int MAX_ADAPTIVE_BATCH = 1024;
    /**
     * Batches in flight per worker thread. The pool has {@code parallelism} threads, so the second batch waits in
     * its queue and starts the moment the first ends, instead of after a round trip through the event loop.
     */
    private static final int BATCHES_PER_WORKER = 2;

    private final VertxPrimeChecker checker;
    private final CheckerOptions options;
    private final Context context;
    private final Flow.Subscriber<? super PrimeResult> downstream;
    private final Flow.Publisher<Long> numbers;
    /** The same numbers read directly instead of subscribed to, or null for any other publisher. */
    private final LongSequence direct;
    private final boolean inputOrder;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /** The kernel call of a batch: a long trial division shares its ranges with helper tasks on the workers. */
    private final LongPredicate kernel;

    /** Batches submitted and not yet back; read by cancel()/close() from any thread to interrupt them. */
    private final Set<Batch> running = ConcurrentHashMap.newKeySet();
    /** Set when no new kernel call may start: cancelled, failed, completed or closed. Read by workers. */
    private volatile boolean halted;
    private volatile boolean cancelled;
    private volatile boolean closing;

    // ---- confined to the context ----
    private boolean started; // downstream.onSubscribe was called
    private boolean done; // a terminal signal was sent, or the subscription was cancelled
    private boolean draining;
    private boolean missed;
    private RuntimeException pendingError;

    private boolean upstreamDone;
    private boolean upstreamCancelled;
    private long received;

    // ---- read on the upstream's thread, for the protocol checks there (§1.1, §1.3, §1.7) ----
    private volatile Flow.Subscription upstream; // written on the context
    private volatile long upstreamRequested; // written on the context before each upstream request
    private volatile boolean upstreamCompleted;
    private volatile boolean upstreamRejected;
    private long arrived; // confined to the upstream's serial onNext, which onNextGuard enforces
    private final OnNextGuard onNextGuard = new OnNextGuard(); // catches two upstream threads at once (§1.3)

    private long requested; // total downstream demand, saturated at Long.MAX_VALUE
    private long delivered;
    private long dispatched; // numbers handed to the workers
    private int tasks; // batches in flight
    private final LongQueue pending = new LongQueue(); // received, not yet dispatched
    /** INPUT_ORDER: every dispatched batch in dispatch order; COMPLETION_ORDER: finished batches. */
    private final ArrayDeque<Batch> emitQueue = new ArrayDeque<>();
    private double nanosPerNumber; // moving average of the kernel time, 0 = unknown

    PrimeCheckSubscription(VertxPrimeChecker checker, CheckerOptions options, Context context,
            Flow.Subscriber<? super PrimeResult> downstream, Flow.Publisher<Long> numbers) {
        this.checker = checker;
        this.options = options;
        this.context = context;
        this.downstream = downstream;
        this.numbers = numbers;
        this.direct = numbers instanceof LongSequence sequence ? sequence : null;
        this.upstreamDone = direct != null && direct.size() == 0; // ends at once, as it would when subscribed to
        this.inputOrder = options.ordering() == Ordering.INPUT_ORDER;
        PrimalityTest test = options.primalityTest();
        Executor helpers = checker::runOnWorkers;
        this.kernel = n -> test.isPrime(n, helpers, options.parallelism());
    }

    /** Completes once the subscription has ended (terminal signal sent or cancelled). */
    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /**
     * Runs the task on the context: inline if the caller is on it, else queued behind earlier tasks. A worker
     * task also sees the context that submitted it as current, hence the thread check.
     */
    void execute(Runnable task) {
        if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
            task.run();
        } else {
            try {
                context.runOnContext(ignored -> task.run());
            } catch (RejectedExecutionException e) {
                // The event loop is gone (its Vert.x closed): close() has ended this subscription, and a late
                // request() or cancel() must return normally (§3.16) with nothing left to do.
            }
        }
    }

    /** On the context: signals onSubscribe, then subscribes to the numbers. */
    void start() {
        EventLoopThreads.noteCurrent();
        started = true;
        try {
            downstream.onSubscribe(this);
        } catch (RuntimeException | Error e) {
            subscriberFailed("onSubscribe", e);
            return;
        }
        if (done) {
            return;
        }
        if (direct != null) {
            drain(); // nothing to subscribe to: requestUpstream() reads the numbers
            return;
        }
        try {
            numbers.subscribe(this);
        } catch (RuntimeException e) {
            failLater(new PrimeCheckException(VertxPrimeChecker.NAME + ": subscribing to the numbers failed: " + e, e));
        }
        drain();
    }

    /** The checker is closing: stop the work now, end the stream with an error on the context. */
    void checkerClosed() {
        closing = true;
        halt();
        execute(this::drain);
    }

    // ---- upstream signals (any thread) ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        execute(() -> {
            if (upstream != null || done) {
                subscription.cancel(); // §2.5: one upstream only; or the stream already ended
                return;
            }
            upstream = subscription;
            drain();
        });
    }

    @Override
    public void onNext(Long number) {
        if (!onNextGuard.run(number, this::accept)) { // another thread was inside onNext (§1.3)
            rejectUpstream("emitted " + number + " while another thread was inside onNext (rule 1.3)");
        }
    }

    /** On the upstream's thread: the protocol checks, then the number goes to the context. */
    private void accept(Long number) {
        if (upstreamRejected) {
            return;
        }
        long count = ++arrived;
        if (number == null) {
            execute(() -> failLater(new PrimeCheckException(VertxPrimeChecker.NAME
                    + ": the numbers publisher emitted null as element #" + count,
                    new NullPointerException("null element (Reactive Streams rule 2.13)"))));
            return;
        }
        if (upstreamCompleted || count > upstreamRequested) {
            rejectUpstream("emitted element #" + count + (upstreamCompleted ? " after onComplete (rule 1.7)"
                    : " but only " + upstreamRequested + " were requested (rule 1.1)"));
            return;
        }
        long n = number;
        execute(() -> {
            if (!done) {
                received++;
                pending.add(n);
                drain();
            }
        });
    }

    /**
     * Ends the stream for an upstream that broke the protocol, cancelling it at once on the thread of its own
     * signal: a flood stops here instead of filling the context's task queue while the event loop catches up.
     */
    private void rejectUpstream(String what) {
        upstreamRejected = true;
        Flow.Subscription up = upstream;
        if (up != null) {
            try {
                up.cancel();
            } catch (RuntimeException e) {
                // §2.13 forbids it; the stream ends with the protocol error below all the same
            }
        }
        PrimeCheckException error = new PrimeCheckException(VertxPrimeChecker.NAME + ": the numbers publisher "
                + what, null);
        execute(() -> {
            cancelUpstream();
            failLater(error);
        });
    }

    private void cancelUpstream() {
        Flow.Subscription up = upstream;
        if (up != null && !upstreamCancelled) {
            upstreamCancelled = true;
            upstreamDone = true;
            try {
                up.cancel();
            } catch (RuntimeException e) {
                // §2.13 forbids it; nothing left to tell the subscriber
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        Objects.requireNonNull(error, "error");
        execute(() -> {
            upstreamDone = true;
            failLater(new PrimeCheckException(VertxPrimeChecker.NAME + ": the numbers publisher failed after "
                    + received + " numbers: " + error, error));
        });
    }

    @Override
    public void onComplete() {
        upstreamCompleted = true;
        execute(() -> {
            upstreamDone = true;
            drain();
        });
    }

    // ---- downstream signals (any thread) ----

    @Override
    public void request(long n) {
        if (n <= 0) {
            execute(() -> failLater(new IllegalArgumentException(
                    "Reactive Streams rule 3.9: request(n) needs n > 0, got " + n)));
            return;
        }
        execute(() -> {
            long sum = requested + n;
            requested = sum < 0 ? Long.MAX_VALUE : sum;
            drain();
        });
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            halt(); // interrupt the CPU work at once, from the caller's thread (P7)
        }
        execute(this::drain);
    }

    // ---- the drain loop (context only) ----

    private void failLater(RuntimeException error) {
        if (pendingError == null) {
            pendingError = error;
        }
        halted = true;
        drain();
    }

    private void drain() {
        if (draining) {
            missed = true;
            return;
        }
        draining = true;
        try {
            do {
                missed = false;
                step();
            } while (missed && !done);
        } finally {
            draining = false;
        }
    }

    private void step() {
        if (done || !started) {
            return;
        }
        if (cancelled) {
            end();
            return;
        }
        if (closing) {
            fail(new PrimeCheckException(VertxPrimeChecker.NAME + ": the PrimeChecker was closed during the work",
                    null));
            return;
        }
        if (pendingError != null) {
            fail(pendingError);
            return;
        }
        emit();
        if (done) {
            return;
        }
        if (upstreamDone && waiting() == 0 && tasks == 0 && emitQueue.isEmpty()) {
            end();
            try {
                downstream.onComplete();
            } catch (RuntimeException | Error e) {
                subscriberFailed("onComplete", e);
            }
            return;
        }
        requestUpstream();
        dispatch();
    }

    private void emit() {
        while (delivered != requested) {
            Batch head = emitQueue.peek();
            if (head == null || !head.done) {
                return;
            }
            int i = head.emitted++;
            if (head.emitted == head.size()) {
                emitQueue.poll();
            }
            delivered++;
            PrimeResult result = new PrimeResult(head.numbers[i], head.primes[i], head.nanos[i]);
            try {
                downstream.onNext(result);
            } catch (RuntimeException | Error e) {
                subscriberFailed("onNext", e);
                return;
            }
            if (done || cancelled || closing || pendingError != null) {
                return; // the subscriber cancelled (or the checker closed) inside onNext: let step() handle it
            }
        }
    }

    private void dispatch() {
        int parallelism = options.parallelism();
        while (tasks < BATCHES_PER_WORKER * parallelism && waiting() > 0) {
            // P5: kernel calls started - delivered <= outstanding demand + prefetch, i.e. dispatched <= requested + prefetch.
            long window = requested == Long.MAX_VALUE ? Long.MAX_VALUE : requested + options.prefetch() - dispatched;
            if (window <= 0) {
                return;
            }
            int target = batchTarget();
            if (options.batchSize() > 0 && waiting() < target && window >= target
                    && !upstreamDone && received < upstreamRequested) {
                return; // a fixed batch waits to be filled by the numbers the upstream still owes
            }
            if (options.batchSize() == 0) {
                // A fair share of what waits, over all workers, not just the free ones: a cost estimate taken from
                // cheap numbers must not hand every expensive number behind them to the one worker that is free.
                target = (int) Math.min(target, Math.max(1, (waiting() + parallelism - 1) / parallelism));
            }
            int size = (int) Math.min(Math.min(window, waiting()), target);
            long[] batchNumbers = new long[size];
            if (direct != null) {
                direct.copyTo(dispatched, batchNumbers, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    batchNumbers[i] = pending.poll();
                }
            }
            submit(new Batch(batchNumbers, kernel, () -> halted));
        }
    }

    /** Numbers received (or readable directly) and not yet dispatched. */
    private long waiting() {
        return direct == null ? pending.size() : received - dispatched;
    }

    private void submit(Batch batch) {
        dispatched += batch.size();
        tasks++;
        running.add(batch);
        if (inputOrder) {
            emitQueue.add(batch);
        }
        try {
            checker.runOnWorkers(() -> {
                batch.call();
                execute(() -> batchDone(batch));
            }).onFailure(e -> execute(() -> batchRejected(batch, e)));
        } catch (RuntimeException e) {
            batchRejected(batch, e);
            return;
        }
        if (halted) {
            batch.interrupt(); // halted while submitting: a concurrent cancel() may have missed this batch
        }
    }

    /** The batch size: fixed, or adapted to the measured kernel time (1 until something was measured). */
    private int batchTarget() {
        if (options.batchSize() > 0) {
            return options.batchSize();
        }
        if (nanosPerNumber <= 0) {
            return 1; // nothing measured yet: assume expensive numbers
        }
        return (int) Math.max(1, Math.min(MAX_ADAPTIVE_BATCH, (long) (TARGET_BATCH_NANOS / nanosPerNumber)));
    }

    private void requestUpstream() {
        Flow.Subscription up = upstream;
        if ((up == null && direct == null) || upstreamDone || requested == 0) {
            return; // numbers are pulled only once the subscriber wants results
        }
        // P6: numbers requested from upstream - results delivered <= maxInFlight.
        long room = options.maxInFlight() - (upstreamRequested - delivered);
        if (room <= 0) {
            return;
        }
        boolean starving = received == upstreamRequested && waiting() < batchTarget();
        if (room >= Math.max(1, options.maxInFlight() / 4) || starving) {
            upstreamRequested += room;
            if (direct != null) {
                // What a subscription would have delivered at once; dispatch() copies the numbers.
                received = Math.min(upstreamRequested, direct.size());
                upstreamDone = received == direct.size();
                return;
            }
            try {
                up.request(room);
            } catch (RuntimeException e) {
                failLater(new PrimeCheckException(VertxPrimeChecker.NAME + ": request(" + room
                        + ") on the numbers publisher failed: " + e, e));
            }
        }
    }

    private void batchDone(Batch batch) {
        tasks--;
        running.remove(batch);
        if (done) {
            return;
        }
        Throwable failure = batch.failure;
        if (failure != null) {
            if (!halted || !(failure instanceof CancellationException)) {
                failLater(new PrimeCheckException(VertxPrimeChecker.NAME + ": the primality test failed for "
                        + batch.failedNumber() + ": " + failure, failure));
            }
            return;
        }
        if (batch.completed < batch.size()) {
            return; // halted: the stream is ending
        }
        long kernelNanos = 0;
        for (long t : batch.nanos) {
            kernelNanos += t;
        }
        double perNumber = (double) kernelNanos / batch.size();
        nanosPerNumber = nanosPerNumber <= 0 ? perNumber : 0.75 * nanosPerNumber + 0.25 * perNumber;
        batch.done = true;
        if (!inputOrder) {
            emitQueue.add(batch);
        }
        drain();
    }

    private void batchRejected(Batch batch, Throwable cause) {
        tasks--;
        running.remove(batch);
        if (!done && !halted) {
            failLater(new PrimeCheckException(VertxPrimeChecker.NAME + ": the worker pool rejected a batch of "
                    + batch.size() + " numbers starting at " + batch.numbers[0] + ": " + cause, cause));
        } else {
            drain();
        }
    }

    // ---- termination ----

    private void halt() {
        halted = true;
        for (Batch batch : running) {
            batch.interrupt();
        }
    }

    /** Ends the subscription without a signal: stops the work, cancels the upstream, forgets the checker. */
    private void end() {
        done = true;
        halt();
        // Even after onComplete (a no-op then, §3.6): a synchronous upstream may have completed while a null
        // element or a failure was still waiting to end the stream.
        cancelUpstream();
        pending.clear();
        emitQueue.clear();
        checker.deregister(this);
        terminated.complete(null);
    }

    private void fail(RuntimeException error) {
        end();
        try {
            downstream.onError(error);
        } catch (RuntimeException | Error e) {
            subscriberFailed("onError", e);
        }
    }

    /** §2.13: a subscriber that throws is treated as cancelled; the exception goes to the context's handler. */
    private void subscriberFailed(String signal, Throwable e) {
        if (!done) {
            end();
        }
        VertxPrimeChecker.LOG.log(System.Logger.Level.ERROR, VertxPrimeChecker.NAME + ": the subscriber's " + signal
                + " threw (Reactive Streams rule 2.13); the subscription is cancelled", e);
    }
}
