package io.github.primeflow.vertx.cluster;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.OnNextGuard;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One subscription: subscriber of the numbers, subscription of the results; the same drain loop as
 * {@code primeflow-vertx}'s, with the worker pool replaced by the {@link Dispatcher}.
 *
 * <p><b>Threading.</b> Every field without {@code volatile} is confined to the dispatcher's event-loop context.
 * Each signal, from upstream or downstream, is handed to that context ({@link #execute}), where it updates the
 * state and calls {@link #drain()}, which emits results, ends the stream, creates batches while the dispatcher
 * has free credits and requests numbers from upstream. Nothing here calls a kernel. Only the upstream's protocol
 * checks (§1.1, §1.3, §1.7) run on the thread of its signal, reading the volatile fields marked so, so that a
 * rule-breaking upstream is cancelled before it fills the context's task queue.
 */
final class ClusterSubscription implements Flow.Subscriber<Long>, Flow.Subscription {

    /** Adaptive batching aims at this much kernel time per message: a round trip costs about 0.1-0.5 ms. */
    private static final long TARGET_BATCH_NANOS = 4_000_000;
    private static final int MAX_ADAPTIVE_BATCH = 2048;

    private final ClusterPrimeChecker checker;
    private final Dispatcher dispatcher;
    private final CheckerOptions options;
    private final Context context;
    private final Flow.Subscriber<? super PrimeResult> downstream;
    private final Flow.Publisher<Long> numbers;
    private final boolean inputOrder;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();

    private volatile boolean cancelled;
    private volatile boolean closing;

    // ---- confined to the context ----
    private boolean started;
    private boolean done;
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
    private final OnNextGuard onNextGuard = new OnNextGuard();

    private long requested;
    private long delivered;
    private long dispatched;
    private final Set<RemoteBatch> outstanding = new LinkedHashSet<>();
    private final LongQueue pending = new LongQueue();
    private final ArrayDeque<RemoteBatch> emitQueue = new ArrayDeque<>();
    private double nanosPerNumber;

    ClusterSubscription(ClusterPrimeChecker checker, Dispatcher dispatcher, CheckerOptions options,
            Flow.Subscriber<? super PrimeResult> downstream, Flow.Publisher<Long> numbers) {
        this.checker = checker;
        this.dispatcher = dispatcher;
        this.options = options;
        this.context = dispatcher.context();
        this.downstream = downstream;
        this.numbers = numbers;
        this.inputOrder = options.ordering() == Ordering.INPUT_ORDER;
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /**
     * Runs the task on the context: inline if the caller already runs on it, else queued behind earlier tasks.
     * Reply handlers of the event bus run on a <em>duplicate</em> of the context (same thread, same order): they
     * count as the context, or a number emitted there would be queued behind, and overtaken by, a number emitted
     * inline later (this broke input order under load before it was compared by the base context).
     */
    void execute(Runnable task) {
        if (onContext()) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }

    private boolean onContext() {
        Context current = Vertx.currentContext();
        return current == context || (current instanceof ContextInternal internal
                && internal.unwrap() == ((ContextInternal) context).unwrap());
    }

    void start() {
        started = true;
        dispatcher.register(this);
        try {
            downstream.onSubscribe(this);
        } catch (RuntimeException | Error e) {
            subscriberFailed("onSubscribe", e);
            return;
        }
        if (done) {
            return;
        }
        try {
            numbers.subscribe(this);
        } catch (RuntimeException e) {
            failLater(new PrimeCheckException(ClusterPrimeChecker.NAME + ": subscribing to the numbers failed: " + e, e));
        }
        drain();
    }

    void checkerClosed() {
        closing = true;
        execute(this::drain);
    }

    // ---- for the dispatcher (context only) ----

    boolean isOver() {
        return done;
    }

    long startedNanos() {
        return startedNanos;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    void drainFromDispatcher() {
        drain();
    }

    void parkDeadlinePassed(PrimeCheckException error) {
        failLater(error);
    }

    String describeUnchecked(List<Long> waiting) {
        List<Long> all = new ArrayList<>(waiting);
        for (int i = 0, size = pending.size(); i < size; i++) {
            long n = pending.poll();
            if (all.size() < 10) {
                all.add(n);
            }
            pending.add(n);
        }
        long count = waiting.size() + pending.size();
        return count + " numbers" + (count == 0 ? "" : ", starting with " + all.subList(0, Math.min(10, all.size())));
    }

    void batchDone(RemoteBatch batch) {
        outstanding.remove(batch);
        if (done) {
            return;
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

    void batchFailed(PrimeCheckException error) {
        failLater(error);
    }

    // ---- upstream signals (any thread) ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        execute(() -> {
            if (upstream != null || done) {
                subscription.cancel();
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
            execute(() -> failLater(new PrimeCheckException(ClusterPrimeChecker.NAME
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
        PrimeCheckException error = new PrimeCheckException(ClusterPrimeChecker.NAME + ": the numbers publisher "
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
            failLater(new PrimeCheckException(ClusterPrimeChecker.NAME + ": the numbers publisher failed after "
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
        cancelled = true;
        execute(this::drain);
    }

    // ---- the drain loop (context only) ----

    private void failLater(RuntimeException error) {
        if (pendingError == null) {
            pendingError = error;
        }
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
            fail(new PrimeCheckException(ClusterPrimeChecker.NAME + ": the PrimeChecker was closed during the work; "
                    + "not checked: " + (upstreamRequested - delivered) + " requested numbers", null));
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
        if (upstreamDone && pending.isEmpty() && outstanding.isEmpty() && emitQueue.isEmpty()) {
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
            RemoteBatch head = emitQueue.peek();
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
                return;
            }
        }
    }

    private void dispatch() {
        while (!pending.isEmpty() && dispatcher.retryIsEmpty() && dispatcher.freeSlots() > 0) {
            // P5: kernel calls started - delivered <= outstanding demand + prefetch.
            long window = requested == Long.MAX_VALUE ? Long.MAX_VALUE : requested + options.prefetch() - dispatched;
            if (window <= 0) {
                return;
            }
            int target = batchTarget();
            if (options.batchSize() > 0 && pending.size() < target && window >= target
                    && !upstreamDone && received < upstreamRequested) {
                return; // a fixed batch waits to be filled by the numbers the upstream still owes
            }
            if (options.batchSize() == 0) {
                int share = dispatcher.capacity();
                target = Math.min(target, Math.max(1, (pending.size() + share - 1) / share));
            }
            int size = (int) Math.min(Math.min(window, pending.size()), target);
            long[] batchNumbers = new long[size];
            for (int i = 0; i < size; i++) {
                batchNumbers[i] = pending.poll();
            }
            RemoteBatch batch = dispatcher.newBatch(batchNumbers, this);
            dispatched += size;
            outstanding.add(batch);
            if (inputOrder) {
                emitQueue.add(batch);
            }
            dispatcher.send(batch);
        }
    }

    private int batchTarget() {
        if (options.batchSize() > 0) {
            return options.batchSize();
        }
        if (nanosPerNumber <= 0) {
            return 1;
        }
        return (int) Math.max(1, Math.min(MAX_ADAPTIVE_BATCH, (long) (TARGET_BATCH_NANOS / nanosPerNumber)));
    }

    private void requestUpstream() {
        Flow.Subscription up = upstream;
        if (up == null || upstreamDone || requested == 0) {
            return;
        }
        // P6: numbers requested from upstream - results delivered <= maxInFlight.
        long room = options.maxInFlight() - (upstreamRequested - delivered);
        if (room <= 0) {
            return;
        }
        boolean starving = received == upstreamRequested && pending.size() < batchTarget();
        if (room >= Math.max(1, options.maxInFlight() / 4) || starving) {
            upstreamRequested += room;
            try {
                up.request(room);
            } catch (RuntimeException e) {
                failLater(new PrimeCheckException(ClusterPrimeChecker.NAME + ": request(" + room
                        + ") on the numbers publisher failed: " + e, e));
            }
        }
    }

    // ---- termination ----

    private void end() {
        done = true;
        cancelUpstream();
        pending.clear();
        emitQueue.clear();
        List<RemoteBatch> batches = new ArrayList<>(outstanding);
        outstanding.clear();
        CompletableFuture<Void> batchesEnded = dispatcher.forget(this, batches);
        checker.deregister(this);
        batchesEnded.whenComplete((ignored, error) -> terminated.complete(null)); // what close() waits for
    }

    private void fail(RuntimeException error) {
        end();
        try {
            downstream.onError(error);
        } catch (RuntimeException | Error e) {
            subscriberFailed("onError", e);
        }
    }

    private void subscriberFailed(String signal, Throwable e) {
        if (!done) {
            end();
        }
        ClusterPrimeChecker.LOG.log(System.Logger.Level.ERROR, ClusterPrimeChecker.NAME + ": the subscriber's "
                + signal + " threw (Reactive Streams rule 2.13); the subscription is cancelled", e);
    }
}
