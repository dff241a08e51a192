package io.github.primeflow.tck;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small asynchronous, parallel backend for the kit's own tests: a fixed thread pool, completion order,
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
        /** Once a first check finished, hands everything waiting to one worker as a single batch. */
        HOARDS_WAITING_NUMBERS_ON_ONE_WORKER,
        /** Checks every number on one worker, never offering the kernel its other workers as helpers. */
        IGNORES_HELPERS,
        /**
         * Reads the numbers of {@code checkRange} directly, as a backend may, but starts every kernel call at once
         * and emits every result, whatever the demand and even after cancel().
         */
        RANGE_IGNORES_DEMAND_AND_CANCEL
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
        private final Set<Run> runs = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;

        Checker(CheckerOptions options, Flaw flaw) {
            this.options = options;
            this.flaw = flaw;
            int threads = flaw == Flaw.NOT_PARALLEL ? 1 : options.parallelism() + 1;
            this.permits = flaw == Flaw.EXCEEDS_PARALLELISM ? options.parallelism() + 1
                    : flaw == Flaw.NOT_PARALLEL ? 1 : options.parallelism();
            AtomicInteger ids = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
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
                runs.add(run);
                subscriber.onSubscribe(run);
                numbers.subscribe(run);
            };
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
            if (flaw != Flaw.LEAKS_THREADS_AFTER_CLOSE) {
                pool.shutdownNow();
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
        private final Flow.Subscriber<? super PrimeResult> downstream;
        private final Queue<Long> numbers = new ConcurrentLinkedQueue<>();
        private final Queue<PrimeResult> results = new ConcurrentLinkedQueue<>();
        private final Set<Thread> computing = ConcurrentHashMap.newKeySet();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile Flow.Subscription upstream;
        private volatile boolean upstreamDone;
        private volatile Throwable error;
        private volatile boolean cancelled;
        private long upstreamRequested;
        private long started;
        private long delivered;
        private boolean terminated;

        Run(Checker checker, Flow.Subscriber<? super PrimeResult> downstream) {
            this.checker = checker;
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            upstream = s;
            drain();
        }

        @Override
        public void onNext(Long n) {
            if (n == null) {
                fail(new PrimeCheckException("pool: null element", new NullPointerException()));
                return;
            }
            numbers.add(n);
            drain();
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
            if (n <= 0) {
                fail(new IllegalArgumentException("§3.9"));
                return;
            }
            requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        void fail(Throwable t) {
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
                return;
            }
            if (cancelled) {
                if (checker.flaw == Flaw.KEEPS_COMPUTING_AFTER_CANCEL) {
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
            while (!results.isEmpty() && delivered < requested.get()) {
                PrimeResult r = results.poll();
                delivered++;
                if (!cancelled) {
                    downstream.onNext(r);
                }
            }
            long outstanding = requested.get() - delivered;
            long mayRunAhead = outstanding > Long.MAX_VALUE - checker.options.prefetch() ? Long.MAX_VALUE
                    : outstanding + checker.options.prefetch();
            while (running.get() < checker.permits && !numbers.isEmpty() && started - delivered < mayRunAhead) {
                if (checker.flaw == Flaw.HOARDS_WAITING_NUMBERS_ON_ONE_WORKER && finished.get() > 0) {
                    List<Long> batch = new ArrayList<>();
                    for (Long n; (n = numbers.poll()) != null; ) {
                        batch.add(n);
                    }
                    started += batch.size();
                    running.incrementAndGet();
                    checker.pool.execute(() -> {
                        for (int i = 0; i < batch.size(); i++) {
                            compute(batch.get(i), i == batch.size() - 1);
                        }
                    });
                    continue;
                }
                long n = numbers.poll();
                started++;
                running.incrementAndGet();
                checker.pool.execute(() -> compute(n, true));
            }
            long inFlight = upstreamRequested - delivered;
            long room = checker.options.maxInFlight() - inFlight;
            if (upstream != null && !upstreamDone && room > 0) {
                upstreamRequested += room;
                upstream.request(room);
            }
            if (upstreamDone && numbers.isEmpty() && running.get() == 0 && results.isEmpty()) {
                stop();
                if (!cancelled) {
                    downstream.onComplete();
                }
            }
        }

        private void compute(long n, boolean lastOfTask) {
            long t0 = System.nanoTime();
            computing.add(Thread.currentThread());
            try {
                PrimalityTest test = checker.options.primalityTest();
                boolean prime = checker.flaw == Flaw.IGNORES_HELPERS ? test.isPrime(n)
                        : test.isPrime(n, checker.pool, checker.options.parallelism());
                results.add(new PrimeResult(n, prime, System.nanoTime() - t0));
            } catch (RuntimeException e) {
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

        private void stop() {
            terminated = true;
            checker.runs.remove(this);
            Flow.Subscription up = upstream;
            if (up != null) {
                up.cancel();
            }
            computing.forEach(Thread::interrupt);
        }
    }

    @Override
    public String toString() {
        return name();
    }

}
