package io.github.primeflow.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the lag of every loop of some {@link EventLoops}, with one {@link EventLoopLagMonitor} per loop
 * thread and one timer thread for all of them: the production watchdog a service runs all the time, and the
 * lag layer of {@link BlockingDetector}.
 *
 * <pre>{@code
 * LagWatchdog watchdog = LagWatchdog.watch(EventLoops.vertx(vertx)).start();
 * new LagMetrics(watchdog).bindTo(meterRegistry);   // lag percentiles, ticks and stalls per loop
 * }</pre>
 *
 * <p><b>Cost.</b> Per loop, one tiny task every {@code tickInterval} (default 10 ms) and, per stall, one stack
 * sample; see the README for the measured throughput cost.
 *
 * <p><b>Stall reports</b> go to a sink ({@link Builder#reportStallsTo(Duration, Consumer)}; by default a
 * {@link System.Logger} named after this class, at {@code WARNING}, with the stack the loop was running),
 * at most once per {@code reportInterval} (default one minute): the longest stall since the previous
 * report; the others are counted in {@link #unreportedStalls()}. The sink runs on the timer thread, never
 * on a loop.
 *
 * <p><b>Threads.</b> All methods are thread-safe; only {@link #close()} blocks (briefly). Close the watchdog
 * before the loops' framework.
 */
public final class LagWatchdog implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(LagWatchdog.class.getName());

    private final List<EventLoopLagMonitor> monitors;
    private final ScheduledThreadPoolExecutor timer;
    private final ScheduledFuture<?> reporting;
    private final Consumer<? super Stall> sink;
    private final long reportIntervalNanos;

    private final Object lock = new Object();
    private final long[] reportedCounts; // guarded by lock: per monitor, the stall count already looked at
    private long lastReportAt; // guarded by lock
    private boolean reportedOnce; // guarded by lock
    private long unreported; // guarded by lock

    private LagWatchdog(Builder builder) {
        this.timer = EventLoopLagMonitor.timerThread("primeflow-lag-watchdog");
        this.sink = builder.sink;
        this.reportIntervalNanos = builder.reportInterval.toNanos();
        List<EventLoopLagMonitor> started = new ArrayList<>();
        try {
            for (EventLoops loops : builder.loops) {
                for (EventLoops.Loop loop : loops.loops()) {
                    started.add(EventLoopLagMonitor.start(loop.name(), loop.executor(), builder.tickInterval,
                            builder.stallThreshold, timer, false));
                }
            }
        } catch (RuntimeException | Error e) {
            started.forEach(EventLoopLagMonitor::close);
            timer.shutdownNow();
            throw e;
        }
        this.monitors = List.copyOf(started);
        this.reportedCounts = new long[monitors.size()];
        long reportCheckNanos = Math.max(builder.tickInterval.toNanos(), TimeUnit.MILLISECONDS.toNanos(100));
        this.reporting = timer.scheduleWithFixedDelay(this::report, reportCheckNanos, reportCheckNanos,
                TimeUnit.NANOSECONDS);
    }

    /**
     * Starts configuring a watchdog over the given loops.
     *
     * @param first loops to watch
     * @param more more loops to watch
     * @return a builder with the defaults: ticks every 10 ms, stalls from 100 ms, reports to a
     *     {@link System.Logger} at most once a minute
     * @throws NullPointerException if an argument is null
     */
    public static Builder watch(EventLoops first, EventLoops... more) {
        Builder builder = new Builder();
        builder.loops.add(Objects.requireNonNull(first, "first"));
        for (EventLoops loops : more) {
            builder.loops.add(Objects.requireNonNull(loops, "more"));
        }
        return builder;
    }

    /**
     * One monitor per loop thread, in the order of the {@link EventLoops} given and their loops.
     *
     * @return an immutable list
     */
    public List<EventLoopLagMonitor> monitors() {
        return monitors;
    }

    /**
     * How many stalls all loops had, including those not reported.
     *
     * @return the count so far
     */
    public long stallCount() {
        long count = 0;
        for (EventLoopLagMonitor monitor : monitors) {
            count += monitor.stallCount();
        }
        return count;
    }

    /**
     * How many stalls were not reported because of the rate limit, or are not reported yet.
     *
     * @return the count so far
     */
    public long unreportedStalls() {
        synchronized (lock) {
            return unreported;
        }
    }

    /**
     * Asserts that no loop stalled, or stalls now, longer than {@code limit}; the error lists each such stall
     * with the stack its loop was running.
     *
     * @param limit the largest acceptable lateness
     * @throws AssertionError if a loop stalled longer than {@code limit}
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public void assertNoStallLongerThan(Duration limit) {
        StringBuilder failures = new StringBuilder();
        for (EventLoopLagMonitor monitor : monitors) {
            try {
                monitor.assertNoStallLongerThan(limit);
            } catch (AssertionError e) {
                failures.append(e.getMessage());
            }
        }
        if (failures.length() > 0) {
            throw new AssertionError(failures.toString());
        }
    }

    /**
     * Like {@link #assertNoStallLongerThan(Duration)}, but only for stalls with a sampled stack in which the
     * loop was running code ({@link Stall#loopIdle()} false): the ones a test can blame on the code under test.
     */
    void assertNoBusyStallLongerThan(Duration limit) {
        StringBuilder failures = new StringBuilder();
        for (EventLoopLagMonitor monitor : monitors) {
            for (Stall stall : monitor.stallsLongerThan(limit)) {
                if (!stall.stackTrace().isEmpty() && !stall.loopIdle()) {
                    failures.append(stall.describe());
                }
            }
        }
        if (failures.length() > 0) {
            throw new AssertionError("event loops stalled longer than " + limit.toMillis() + " ms:\n" + failures);
        }
    }

    /** Waits until every loop ran its first tick (so its thread is known); false on timeout. */
    boolean awaitFirstTicks(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (EventLoopLagMonitor monitor : monitors) {
            if (!monitor.awaitFirstTick(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops every monitor (recording stalls still ongoing) and the timer thread.
     * Idempotent.
     */
    @Override
    public void close() {
        reporting.cancel(false);
        monitors.forEach(EventLoopLagMonitor::close);
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the timer thread: reports the longest new stall if the rate limit allows, else counts it. */
    private void report() {
        Stall worst = null;
        long fresh = 0;
        synchronized (lock) {
            for (int i = 0; i < monitors.size(); i++) {
                EventLoopLagMonitor monitor = monitors.get(i);
                long count = monitor.stallCount();
                long added = count - reportedCounts[i];
                if (added == 0) {
                    continue;
                }
                reportedCounts[i] = count;
                fresh += added;
                List<Stall> kept = monitor.stalls();
                for (int k = Math.max(0, kept.size() - (int) Math.min(added, kept.size())); k < kept.size(); k++) {
                    Stall stall = kept.get(k);
                    if (worst == null || stall.lateness().compareTo(worst.lateness()) > 0) {
                        worst = stall;
                    }
                }
            }
            unreported += fresh;
            long now = System.nanoTime();
            if (worst == null || (reportedOnce && now - lastReportAt < reportIntervalNanos)) {
                return;
            }
            reportedOnce = true;
            lastReportAt = now;
            unreported--;
        }
        try {
            sink.accept(worst);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "stall report sink failed", e);
        }
    }

    private static void log(Stall stall) {
        LOGGER.log(System.Logger.Level.WARNING, stall.describe());
    }

    /** Configures a {@link LagWatchdog}; not thread-safe. */
    public static final class Builder {
        private final List<EventLoops> loops = new ArrayList<>();
        private Duration tickInterval = Duration.ofMillis(10);
        private Duration stallThreshold = Duration.ofMillis(100);
        private Duration reportInterval = Duration.ofMinutes(1);
        private Consumer<? super Stall> sink = LagWatchdog::log;

        private Builder() {
        }

        /**
         * How often each loop gets a tick; also the resolution of stall detection.
         *
         * @param interval positive; default 10 ms
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder tickInterval(Duration interval) {
            this.tickInterval = positive(interval, "interval");
            return this;
        }

        /**
         * How late a tick must be to count as a stall (its loop's stack is then sampled).
         *
         * @param threshold positive; default 100 ms
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder stallThreshold(Duration threshold) {
            this.stallThreshold = positive(threshold, "threshold");
            return this;
        }

        /**
         * Where stall reports go, and how often at most.
         *
         * @param minInterval the least time between two reports; default one minute
         * @param reports receives the longest stall since the previous report, on the timer thread; must not
         *     block for long
         * @return this builder
         * @throws IllegalArgumentException if {@code minInterval} is negative
         */
        public Builder reportStallsTo(Duration minInterval, Consumer<? super Stall> reports) {
            Objects.requireNonNull(minInterval, "minInterval");
            if (minInterval.isNegative()) {
                throw new IllegalArgumentException("minInterval must not be negative: " + minInterval);
            }
            this.reportInterval = minInterval;
            this.sink = Objects.requireNonNull(reports, "reports");
            return this;
        }

        /**
         * Starts the watchdog: resolves the loops and sends each its first tick at once.
         *
         * @return the running watchdog; close it
         * @throws IllegalArgumentException if the loops of a framework cannot be listed
         */
        public LagWatchdog start() {
            return new LagWatchdog(this);
        }

        private static Duration positive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
