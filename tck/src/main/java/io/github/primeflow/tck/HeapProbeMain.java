package io.github.primeflow.tck;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The child JVM of rule P6's heap probe ({@link HeapRule}): rebuilds the backend from a {@link BackendRecipe},
 * checks {@code checkRange(0, 10^9)} with a bounded-demand subscriber, stops requesting at each checkpoint,
 * measures the used heap after full GCs there, cancels after the last one and prints one line that starts
 * with {@value #TAG}. Runs under {@code -Xmx64m -XX:+ExitOnOutOfMemoryError}, so hoarding ends the JVM.
 *
 * <p>Arguments: recipe kind, recipe value, number of results, the kit's time scale. A stream that makes no
 * progress for {@link TckEnvironment#shouldHappenWithin()} ends the probe with the threads' stacks.
 */
final class HeapProbeMain {

    static final String TAG = "primeflow-heap-probe:";
    static final long RANGE_END = 1_000_000_000L;
    static final int CHECKPOINTS = 5;
    /** The subscriber requests this many at a time, when fewer than {@link #LOW_WATER} are outstanding. */
    private static final long BATCH = 1024;
    private static final long LOW_WATER = 256;

    private HeapProbeMain() {
    }

    /**
     * Runs the probe and exits: 0 after printing the result line, 1 after printing a {@code failed=} line.
     *
     * @param args recipe kind, recipe value, number of results, time scale
     */
    public static void main(String[] args) {
        int status;
        try {
            BackendRecipe recipe = new BackendRecipe(BackendRecipe.Kind.valueOf(args[0]), args[1]);
            TckEnvironment env = new TckEnvironment(Double.parseDouble(args[3]));
            System.out.println(TAG + " " + run(recipe, Long.parseLong(args[2]), env));
            status = 0;
        } catch (Throwable t) {
            System.out.println(TAG + " failed=" + String.valueOf(t).replace('\n', ' '));
            t.printStackTrace(System.out);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    private static String run(BackendRecipe recipe, long results, TckEnvironment env) throws Exception {
        PrimeCheckerProvider provider = recipe.rebuild();
        // The kit's usual parallelism; every other option (INPUT_ORDER, trial division, bounds) at its default.
        CheckerOptions options = CheckerOptions.builder().parallelism(RuleContext.PARALLELISM).build();
        long[] at = new long[CHECKPOINTS];
        long[] heap = new long[CHECKPOINTS];
        long start = System.nanoTime();
        Probe probe = new Probe(env.shouldHappenWithin().toNanos());
        try (PrimeChecker checker = provider.create(options)) {
            checker.checkRange(0, RANGE_END).subscribe(probe);
            for (int k = 1; k <= CHECKPOINTS; k++) {
                at[k - 1] = results * k / CHECKPOINTS;
                probe.runTo(at[k - 1]);
                heap[k - 1] = usedHeapAfterGc();
            }
            probe.cancel();
        }
        return String.format(java.util.Locale.ROOT,
                "backend=%s results=%d primes=%d maxHeap=%d millis=%d checkpoints=%s heap=%s violation=%s",
                provider.name().replace(' ', '_'), probe.delivered.get(), probe.primes,
                Runtime.getRuntime().maxMemory(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                join(at), join(heap), probe.violation == null ? "none" : probe.violation.replace(' ', '_'));
    }

    private static String join(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    /**
     * The live heap: the smallest "used" of three full GCs in a row (System.gc() is a full, compacting
     * collection on every HotSpot collector unless disabled), which drops what a worker allocated in between.
     */
    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /**
     * Requests in batches, never beyond the current checkpoint, and keeps nothing but counters: the numbers
     * must arrive as 0, 1, 2, ... (INPUT_ORDER).
     */
    private static final class Probe implements Flow.Subscriber<PrimeResult> {
        final AtomicLong delivered = new AtomicLong();
        private final AtomicLong requested = new AtomicLong();
        private volatile Flow.Subscription subscription;
        private volatile long limit;
        private volatile Throwable error;
        private volatile boolean completed;
        volatile String violation;
        long primes; // written by onNext only (signals are serial), read after the last checkpoint
        private final long stallNanos;
        private long lastCount = -1;
        private long lastProgress;

        Probe(long stallNanos) {
            this.stallNanos = stallNanos;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(PrimeResult r) {
            long index = delivered.getAndIncrement();
            if (violation == null) {
                if (index >= requested.get()) {
                    violation = "onNext #" + (index + 1) + " beyond the " + requested.get() + " requested";
                } else if (r.number() != index) {
                    violation = "result #" + index + " is for " + r.number() + ", expected " + index
                            + " (INPUT_ORDER)";
                }
            }
            if (r.prime()) {
                primes++;
            }
            topUp();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }

        /** Requests up to {@code target} results in total and waits until they have all arrived. */
        void runTo(long target) {
            lastCount = -1; // the time spent measuring at the last checkpoint is no stall
            while (subscription == null) {
                waitABit("onSubscribe");
            }
            limit = target;
            topUp();
            while (delivered.get() < target) {
                waitABit("result #" + target);
            }
        }

        private void waitABit(String what) {
            if (error != null) {
                throw new IllegalStateException("onError after " + delivered.get() + " results: " + error, error);
            }
            if (completed) {
                throw new IllegalStateException("onComplete after " + delivered.get() + " results of a range"
                        + " of " + RANGE_END);
            }
            long now = System.nanoTime();
            long count = delivered.get();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            } else if (now - lastProgress > stallNanos) {
                // Not a speed judgement: no result at all for the kit's hang guard.
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    System.out.println("\"" + thread.getName() + "\" " + thread.getState());
                    for (StackTraceElement frame : stack) {
                        System.out.println("    at " + frame);
                    }
                });
                throw new IllegalStateException("no result for " + TimeUnit.NANOSECONDS.toMillis(stallNanos)
                        + " ms on the way to " + what + ": delivered " + count + " of " + requested.get()
                        + " requested (thread stacks above)");
            }
            LockSupport.parkNanos(200_000);
        }

        private void topUp() {
            long amount;
            synchronized (this) {
                long req = requested.get();
                if (req - delivered.get() >= LOW_WATER || req >= limit) {
                    return;
                }
                amount = Math.min(BATCH, limit - req);
                requested.set(req + amount);
            }
            subscription.request(amount); // outside the lock: a synchronous backend computes in here
        }

        void cancel() {
            subscription.cancel();
        }
    }
}
