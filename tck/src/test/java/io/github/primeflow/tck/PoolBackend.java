package io.github.primeflow.tck;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.OnNextGuard;
import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.Ordering;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small asynchronous, parallel backend for the kit's own tests: a fixed thread pool, both orderings,
 * a serialized drain loop. Correct where the rules it is used with look; its {@link Flaw}s break one
 * promise each, so that the rule guarding that promise can be shown to catch it.
 */
final class PoolBackend implements PrimeCheckerProvider {

    /** One deliberate defect. */
    enum Flaw {
        NONE,
        /** Runs one more kernel call at once than the parallelism allows. */
        EXCEEDS_PARALLELISM,
        /** One worker thread whatever the parallelism. */
        NOT_PARALLEL,
        /** cancel() stops the signals but neither the upstream nor the work. */
        KEEPS_COMPUTING_AFTER_CANCEL,
        /** Its worker threads are its "event loop". */
        COMPUTES_ON_ITS_EVENT_LOOP,
        /** close() leaves its pool running. */
        LEAKS_THREADS_AFTER_CLOSE,
        /**
         * close() hands the wait for its pool to a helper thread kept 10 s for reuse, as Reactor's
         * {@code disposeGracefully()} does: a non-daemon thread that keeps the user's JVM up after close().
         */
        KEEPS_A_HELPER_THREAD_AFTER_CLOSE,
        /** Once a first check finished, hands everything waiting to one worker as a single batch. */
        HOARDS_WAITING_NUMBERS_ON_ONE_WORKER,
        /** Checks every number on one worker, never offering the kernel its other workers as helpers. */
        IGNORES_HELPERS,
        /**
         * Reads the numbers of {@code checkRange} directly, as a backend may, but starts every kernel call at once
         * and emits every result, whatever the demand and even after cancel().
         */
        RANGE_IGNORES_DEMAND_AND_CANCEL,
        /** Swaps the built-in Miller–Rabin for a "faster" one with bases 2, 7, 61, exact only below 4,759,123,141. */
        MILLER_RABIN_WITH_TOO_FEW_BASES,
        /** Puts milliseconds into elapsedNanos. */
        ELAPSED_IN_MILLIS,
        /** Its INPUT_ORDER buffer releases a contiguous run of results in the order they finished, not by position. */
        REORDER_BUFFER_RELEASES_IN_COMPLETION_ORDER,
        /** Adds demand without saturating: two requests summing past Long.MAX_VALUE wrap negative (§3.17). */
        DEMAND_WRAPS,
        /** Does not count the results waiting in its INPUT_ORDER buffer against maxInFlight. */
        REORDER_BUFFER_NOT_COUNTED,
        /** A cancel() that comes before the upstream's onSubscribe leaves the upstream subscribed. */
        CANCEL_BEFORE_UPSTREAM_LEAVES_IT_SUBSCRIBED,
        /** checkAsync runs on a plain CompletableFuture, whose cancel(true) does not interrupt the kernel. */
        CHECK_ASYNC_IGNORES_INTERRUPT,
        /** checkAsync runs each call on a thread of its own, outside the pool that bounds the parallelism. */
        CHECK_ASYNC_OUTSIDE_ITS_POOL,
        /**
         * checkAsync queues each call on the pool with supplyAsync, and close()'s shutdownNow() drops the waiting
         * ones: their futures never complete.
         */
        CLOSE_DROPS_WAITING_CHECK_ASYNC_CALLS,
        /** Checks request(n <= 0) only until a first result was delivered (§3.9 mid-stream). */
        REQUEST_CHECKED_ONLY_BEFORE_A_RESULT,
        /** Takes a CancellationException from the kernel for its own interrupt, and drops that number silently. */
        KERNEL_CANCELLATION_TAKEN_FOR_A_CANCEL,
        /**
         * A failing worker signals onError itself after a check-then-act on the error field, noting the error only
         * after it stopped the other workers: two failing at once both signal.
         */
        SECOND_TERMINAL_SIGNAL_WHEN_FAILURES_RACE,
        /** Queues whatever the upstream emits, beyond demand (§1.1) and after onComplete (§1.7). */
        ACCEPTS_WHAT_THE_UPSTREAM_WAS_NOT_ASKED_FOR,
        /** Takes numbers from two upstream threads at once into its single-producer bookkeeping (§1.3). */
        ACCEPTS_NUMBERS_FROM_TWO_THREADS_AT_ONCE,
        /** request() waits until the results it asked for were delivered (a join on the caller's thread). */
        REQUEST_JOINS_ITS_RESULTS,
        /** Starts a thread per subscription that only close() ends. */
        THREAD_PER_SUBSCRIPTION_UNTIL_CLOSE,
        /** close() interrupts the kernel calls but returns without waiting for them to end. */
        CLOSE_DOES_NOT_AWAIT_KERNEL_CALLS,
        /** Registers a subscription for close() only at its first request(). */
        CLOSE_FORGETS_SUBSCRIPTIONS_THAT_NEVER_REQUESTED,
        /** With unbounded demand, workers call onNext themselves, bypassing the serialized drain (§1.3). */
        EMITS_FROM_WORKERS_WHEN_DEMAND_IS_UNBOUNDED,
        /** Completes once every number was checked, although results still wait for demand. */
        COMPLETES_WITH_RESULTS_WAITING_FOR_DEMAND
    }

    static final String WORKER_PREFIX = "pool-backend-worker-";

    private final Flaw flaw;

    PoolBackend(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String name() {
        return "pool-" + flaw.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public PrimeChecker create(CheckerOptions options) {
        return new Checker(options, flaw);
    }

    @Override
    public java.util.function.Predicate<Thread> eventLoopThreads() {
        return flaw == Flaw.COMPUTES_ON_ITS_EVENT_LOOP ? t -> t.getName().startsWith(WORKER_PREFIX) : t -> false;
    }

    private static final class Checker implements PrimeChecker {
        private final CheckerOptions options;
        private final Flaw flaw;
        private final int permits;
        private final ExecutorService pool;
        private final PrimalityTest kernel;
        private final Set<Run> runs = ConcurrentHashMap.newKeySet();
        private final List<ExecutorService> perSubscription = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        Checker(CheckerOptions options, Flaw flaw) {
            this.options = options;
            this.flaw = flaw;
            this.permits = flaw == Flaw.EXCEEDS_PARALLELISM ? options.parallelism() + 1
                    : flaw == Flaw.NOT_PARALLEL ? 1 : options.parallelism();
            AtomicInteger ids = new AtomicInteger();
            this.kernel = flaw == Flaw.MILLER_RABIN_WITH_TOO_FEW_BASES
                    && options.primalityTest() == PrimalityTest.millerRabin() ? PoolBackend::millerRabin2761
                    : options.primalityTest();
            // As many threads as permits: the pool, not each subscription, bounds the kernel calls of the checker
            // (P9 across streams and checkAsync calls); the kernel's helpers never make its owner wait, so they
            // may queue behind busy threads.
            this.pool = Executors.newFixedThreadPool(permits, r -> {
                Thread t = new Thread(r, WORKER_PREFIX + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public Flow.Publisher<PrimeResult> check(Flow.Publisher<Long> numbers) {
            Objects.requireNonNull(numbers, "numbers");
            if (closed) {
                throw new IllegalStateException("closed");
            }
            return subscriber -> {
                Run run = new Run(this, subscriber);
                if (flaw != Flaw.CLOSE_FORGETS_SUBSCRIPTIONS_THAT_NEVER_REQUESTED) {
                    runs.add(run);
                }
                if (flaw == Flaw.THREAD_PER_SUBSCRIPTION_UNTIL_CLOSE) {
                    ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "pool-backend-subscription"));
                    own.execute(() -> { }); // starts its thread
                    perSubscription.add(own);
                }
                subscriber.onSubscribe(run);
                numbers.subscribe(run);
            };
        }

        @Override
        public CompletableFuture<PrimeResult> checkAsync(long number) {
            if (flaw != Flaw.CHECK_ASYNC_IGNORES_INTERRUPT && flaw != Flaw.CHECK_ASYNC_OUTSIDE_ITS_POOL
                    && flaw != Flaw.CLOSE_DROPS_WAITING_CHECK_ASYNC_CALLS) {
                return PrimeChecker.super.checkAsync(number);
            }
            if (closed) {
                throw new IllegalStateException("closed");
            }
            return CompletableFuture.supplyAsync(() -> {
                long t0 = System.nanoTime();
                try {
                    return new PrimeResult(number, kernel.isPrime(number, pool, options.parallelism()),
                            System.nanoTime() - t0);
                } catch (RuntimeException e) {
                    throw new PrimeCheckException("pool: the primality test failed for " + number + ": " + e, e);
                }
            }, flaw == Flaw.CHECK_ASYNC_OUTSIDE_ITS_POOL ? task -> new Thread(task, "pool-backend-call").start() : pool);
        }

        @Override
        public Flow.Publisher<PrimeResult> checkRange(long fromInclusive, long toExclusive) {
            if (flaw != Flaw.RANGE_IGNORES_DEMAND_AND_CANCEL) {
                return PrimeChecker.super.checkRange(fromInclusive, toExclusive);
            }
            return subscriber -> {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        // the flaw: demand is ignored
                    }

                    @Override
                    public void cancel() {
                        // the flaw: so is cancel
                    }
                });
                for (long n = fromInclusive; n < toExclusive; n++) {
                    long number = n;
                    pool.execute(() -> {
                        PrimeResult result = new PrimeResult(number, options.primalityTest().isPrime(number), 0);
                        synchronized (subscriber) { // §1.3: serial signals
                            subscriber.onNext(result);
                        }
                    });
                }
            };
        }

        @Override
        public void close() {
            closed = true;
            runs.forEach(r -> r.fail(new PrimeCheckException("pool: closed", null)));
            perSubscription.forEach(ExecutorService::shutdownNow);
            if (flaw == Flaw.KEEPS_A_HELPER_THREAD_AFTER_CLOSE) {
                ScheduledThreadPoolExecutor helper = new ScheduledThreadPoolExecutor(0);
                helper.setKeepAliveTime(10, TimeUnit.SECONDS);
                helper.allowCoreThreadTimeOut(true);
                helper.execute(() -> { });
            }
            if (flaw != Flaw.LEAKS_THREADS_AFTER_CLOSE) {
                pool.shutdownNow();
                if (flaw == Flaw.CLOSE_DOES_NOT_AWAIT_KERNEL_CALLS) {
                    return;
                }
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** One subscription: upstream subscriber, downstream subscription; all decisions in {@link #drain()}. */
    private static final class Run implements Flow.Subscriber<Long>, Flow.Subscription {
        private final Checker checker;
        private final Flaw flaw;
        private final Flow.Subscriber<? super PrimeResult> downstream;
        private final Queue<long[]> numbers = new ConcurrentLinkedQueue<>(); // {position, number}
        private final Queue<Done> results = new ConcurrentLinkedQueue<>();
        private final Set<Thread> computing = ConcurrentHashMap.newKeySet();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong upstreamRequested = new AtomicLong();
        private final AtomicBoolean upstreamCancelled = new AtomicBoolean();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile Flow.Subscription upstream;
        private volatile boolean upstreamDone;
        private volatile Throwable error;
        private volatile boolean cancelled;
        private volatile boolean terminated;
        private final OnNextGuard onNextGuard = new OnNextGuard();
        private long received; // upstream's thread (§1.3)
        private long started;
        private long nextPosition; // INPUT_ORDER: the next result to deliver
        private final Map<Long, PrimeResult> ready = new LinkedHashMap<>(); // finished, waiting; in finishing order

        private record Done(long position, PrimeResult result) {
        }

        Run(Checker checker, Flow.Subscriber<? super PrimeResult> downstream) {
            this.checker = checker;
            this.flaw = checker.flaw;
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            upstream = s;
            drain();
        }

        @Override
        public void onNext(Long n) {
            if (flaw == Flaw.ACCEPTS_NUMBERS_FROM_TWO_THREADS_AT_ONCE) {
                accept(n);
                return;
            }
            if (!onNextGuard.run(n, this::accept)) { // another thread was inside onNext (§1.3)
                failNow(new PrimeCheckException("pool: the upstream emitted " + n
                        + " while another thread was inside onNext (§1.3)", null));
            }
        }

        private void accept(Long n) {
            if (error != null || terminated) {
                return;
            }
            if (n == null) {
                failNow(new PrimeCheckException("pool: null element", new NullPointerException()));
                return;
            }
            long position = received++;
            if (flaw != Flaw.ACCEPTS_WHAT_THE_UPSTREAM_WAS_NOT_ASKED_FOR) {
                if (upstreamDone) {
                    failNow(new PrimeCheckException("pool: the upstream emitted " + n + " after onComplete (§1.7)", null));
                    return;
                }
                if (position >= upstreamRequested.get()) {
                    failNow(new PrimeCheckException("pool: the upstream emitted " + n + " beyond the "
                            + upstreamRequested.get() + " numbers requested (§1.1)", null));
                    return;
                }
            }
            numbers.add(new long[] {position, n});
            drain();
        }

        /** Cancels the upstream at once, from inside its onNext: a flood stops here, not after it drained. */
        private void failNow(Throwable t) {
            cancelUpstream();
            fail(t);
        }

        @Override
        public void onError(Throwable t) {
            fail(new PrimeCheckException("pool: upstream failed: " + t, t));
        }

        @Override
        public void onComplete() {
            upstreamDone = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0 && (flaw != Flaw.REQUEST_CHECKED_ONLY_BEFORE_A_RESULT || delivered.get() == 0)) {
                fail(new IllegalArgumentException("§3.9"));
                return;
            }
            if (flaw == Flaw.CLOSE_FORGETS_SUBSCRIPTIONS_THAT_NEVER_REQUESTED) {
                checker.runs.add(this);
            }
            if (flaw == Flaw.DEMAND_WRAPS) {
                requested.addAndGet(n);
            } else {
                requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            drain();
            if (flaw == Flaw.REQUEST_JOINS_ITS_RESULTS) {
                long target = requested.get();
                while (!terminated && delivered.get() < target && !(upstreamDone && numbers.isEmpty()
                        && running.get() == 0)) {
                    LockSupport.parkNanos(100_000);
                }
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        void fail(Throwable t) {
            if (flaw == Flaw.SECOND_TERMINAL_SIGNAL_WHEN_FAILURES_RACE) {
                if (error == null && !cancelled) { // check-then-act: two failing workers can both pass
                    terminated = true;
                    stop(); // cancels the upstream and interrupts the other workers before the error is noted
                    error = t;
                    downstream.onError(t);
                }
                return;
            }
            if (error == null) {
                error = t;
            }
            drain();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                loop();
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void loop() {
            if (terminated) {
                if (flaw != Flaw.CANCEL_BEFORE_UPSTREAM_LEAVES_IT_SUBSCRIBED) {
                    cancelUpstream(); // the upstream may have subscribed after the stream ended
                }
                return;
            }
            if (cancelled) {
                if (flaw == Flaw.KEEPS_COMPUTING_AFTER_CANCEL) {
                    requested.set(Long.MAX_VALUE); // keep the work going, just stop talking
                } else {
                    stop();
                    return;
                }
            }
            if (error != null) {
                stop();
                if (!cancelled) {
                    downstream.onError(error);
                }
                return;
            }
            for (Done d; (d = results.poll()) != null; ) {
                ready.put(d.position(), d.result());
            }
            deliver();
            long outstanding = requested.get() - delivered.get();
            long mayRunAhead = outstanding > Long.MAX_VALUE - checker.options.prefetch() ? Long.MAX_VALUE
                    : outstanding + checker.options.prefetch();
            while (running.get() < checker.permits && !numbers.isEmpty() && started - delivered.get() < mayRunAhead) {
                if (flaw == Flaw.HOARDS_WAITING_NUMBERS_ON_ONE_WORKER && finished.get() > 0) {
                    List<long[]> batch = new ArrayList<>();
                    for (long[] n; (n = numbers.poll()) != null; ) {
                        batch.add(n);
                    }
                    started += batch.size();
                    if (!start(() -> {
                        for (int i = 0; i < batch.size(); i++) {
                            compute(batch.get(i), i == batch.size() - 1);
                        }
                    })) {
                        return;
                    }
                    continue;
                }
                long[] n = numbers.poll();
                started++;
                if (!start(() -> compute(n, true))) {
                    return;
                }
            }
            long waiting = flaw == Flaw.REORDER_BUFFER_NOT_COUNTED && inputOrder() ? ready.size() : 0;
            long inFlight = upstreamRequested.get() - delivered.get() - waiting;
            long room = checker.options.maxInFlight() - inFlight;
            Flow.Subscription up = upstream;
            if (up != null && !upstreamDone && room > 0) {
                upstreamRequested.addAndGet(room);
                up.request(room);
            }
            boolean waitingForDemand = !ready.isEmpty() && flaw != Flaw.COMPLETES_WITH_RESULTS_WAITING_FOR_DEMAND;
            // error is read again after running: a worker sets it before it counts itself finished, so a failure
            // that raced the first check above is seen here instead of being overtaken by onComplete
            if (upstreamDone && numbers.isEmpty() && running.get() == 0 && results.isEmpty() && !waitingForDemand
                    && error == null) {
                stop();
                if (!cancelled) {
                    downstream.onComplete();
                }
            }
        }

        /** Runs {@code task} on the pool; a pool closed meanwhile fails the stream (§3.16 forbids throwing it). */
        private boolean start(Runnable task) {
            running.incrementAndGet();
            try {
                checker.pool.execute(task);
                return true;
            } catch (RejectedExecutionException closed) {
                running.decrementAndGet();
                fail(new PrimeCheckException("pool: closed", closed));
                return false;
            }
        }

        private boolean inputOrder() {
            return checker.options.ordering() == Ordering.INPUT_ORDER;
        }

        private void deliver() {
            if (!inputOrder()) {
                for (Iterator<PrimeResult> it = ready.values().iterator(); it.hasNext() && hasDemand(); ) {
                    PrimeResult r = it.next();
                    it.remove();
                    emit(r);
                }
            } else if (flaw == Flaw.REORDER_BUFFER_RELEASES_IN_COMPLETION_ORDER) {
                long run = 0;
                while (ready.containsKey(nextPosition + run) && run < requested.get() - delivered.get()) {
                    run++;
                }
                long end = nextPosition + run;
                for (Iterator<Map.Entry<Long, PrimeResult>> it = ready.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Long, PrimeResult> e = it.next();
                    if (e.getKey() < end) {
                        it.remove();
                        emit(e.getValue());
                    }
                }
                nextPosition = end;
            } else {
                while (hasDemand() && ready.containsKey(nextPosition)) {
                    emit(ready.remove(nextPosition++));
                }
            }
        }

        private boolean hasDemand() {
            return delivered.get() < requested.get();
        }

        private void emit(PrimeResult r) {
            delivered.incrementAndGet();
            if (!cancelled) {
                downstream.onNext(r);
            }
        }

        private void compute(long[] item, boolean lastOfTask) {
            long n = item[1];
            long t0 = System.nanoTime();
            computing.add(Thread.currentThread());
            try {
                if ((cancelled && flaw != Flaw.KEEPS_COMPUTING_AFTER_CANCEL) || terminated || checker.closed) {
                    // started by a drain that ran before cancel() (P7), or taken by a worker that close()'s
                    // interrupt freed before close() reached this run: no kernel call after either (P13)
                    return;
                }
                boolean prime = flaw == Flaw.IGNORES_HELPERS ? checker.kernel.isPrime(n)
                        : checker.kernel.isPrime(n, checker.pool, checker.options.parallelism());
                long elapsed = System.nanoTime() - t0;
                PrimeResult result = new PrimeResult(n, prime,
                        flaw == Flaw.ELAPSED_IN_MILLIS ? TimeUnit.NANOSECONDS.toMillis(elapsed) : elapsed);
                if (flaw == Flaw.EMITS_FROM_WORKERS_WHEN_DEMAND_IS_UNBOUNDED && requested.get() == Long.MAX_VALUE
                        && !terminated && !cancelled) {
                    delivered.incrementAndGet();
                    downstream.onNext(result); // the flaw: not serialized with the drain or other workers
                } else {
                    results.add(new Done(item[0], result));
                }
            } catch (RuntimeException e) {
                if (flaw == Flaw.KERNEL_CANCELLATION_TAKEN_FOR_A_CANCEL && e instanceof CancellationException) {
                    return; // the flaw: the number is dropped as if the stream had been cancelled
                }
                if (!cancelled) {
                    fail(new PrimeCheckException("pool: the primality test failed for " + n + ": " + e, e));
                }
            } finally {
                computing.remove(Thread.currentThread());
                finished.incrementAndGet();
                if (lastOfTask) {
                    running.decrementAndGet();
                }
                drain();
            }
        }

        private void cancelUpstream() {
            Flow.Subscription up = upstream;
            if (up != null && upstreamCancelled.compareAndSet(false, true)) {
                up.cancel();
            }
        }

        private void stop() {
            terminated = true;
            checker.runs.remove(this);
            cancelUpstream();
            computing.forEach(Thread::interrupt);
        }
    }

    /** Miller–Rabin with bases 2, 7 and 61: exact for every int, wrong for some longs (4759123141, ...). */
    private static boolean millerRabin2761(long n) {
        if (n < 2) {
            return false;
        }
        for (long p : new long[] {2, 7, 61}) {
            if (n % p == 0) {
                return n == p;
            }
        }
        BigInteger big = BigInteger.valueOf(n);
        BigInteger minusOne = big.subtract(BigInteger.ONE);
        int shift = minusOne.getLowestSetBit();
        BigInteger d = minusOne.shiftRight(shift);
        for (long a : new long[] {2, 7, 61}) {
            BigInteger x = BigInteger.valueOf(a).modPow(d, big);
            boolean passes = x.equals(BigInteger.ONE) || x.equals(minusOne);
            for (int r = 1; r < shift && !passes; r++) {
                x = x.multiply(x).mod(big);
                passes = x.equals(minusOne);
            }
            if (!passes) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name();
    }

}
