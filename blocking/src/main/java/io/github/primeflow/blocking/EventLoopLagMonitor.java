package io.github.primeflow.blocking;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Measures how late an event loop runs the tasks it is given, and catches what it was running when it
 * stalls: Vert.x's blocked-thread checker for any loop, as data and assertions instead of log lines.
 *
 * <p><b>How.</b> A timer thread (the monitor's own, or the one a {@link LagWatchdog} shares among its monitors)
 * sends a tick to the loop every {@code tickInterval}
 * (one at a time: no new tick while one is pending). The tick records, on the loop, how long it waited
 * (its <em>lateness</em>) into an HdrHistogram, corrected for coordinated omission, and remembers the loop
 * thread. When a pending tick is more than {@code stallThreshold} late, the timer samples the loop thread's
 * stack ({@link Thread#getStackTrace()}), i.e. what it is running instead of the tick, at most one
 * {@code tickInterval} after the threshold; when the tick finally runs, a {@link Stall} is recorded.
 * Catches any kind of hogging, including CPU loops in methods nobody marked, which BlockHound cannot see.
 *
 * <p><b>The loop</b> is any {@link Executor} that runs tasks on one thread in order: a Vert.x context
 * ({@code task -> context.runOnContext(v -> task.run())}), a Netty {@code EventLoop}, a single-thread
 * executor. The loop thread is learned from the ticks (the first is sent at once), so a stall before the
 * first tick ran has no stack.
 *
 * <p><b>Memory.</b> The 1000 most recent stalls are kept, the others only counted ({@link #stallCount()}),
 * so a monitor can run for the life of a service; {@link LagWatchdog} runs many on one timer thread.
 *
 * <p><b>Threads.</b> All methods are thread-safe and non-blocking, except {@link #close()}. Close the
 * monitor before the loop: a loop that rejects a tick stops the monitor; one that silently drops it shows
 * as an ongoing stall.
 */
public final class EventLoopLagMonitor implements AutoCloseable {

    private static final int SIGNIFICANT_DIGITS = 3;
    static final int MAX_KEPT_STALLS = 1000;

    private final String name;
    private final Executor loop;
    private final long tickIntervalNanos;
    private final long stallThresholdNanos;
    private final ScheduledExecutorService timer;
    private final boolean ownsTimer;
    private ScheduledFuture<?> schedule; // set once, right after construction

    private final Object lock = new Object();
    private final Histogram latenessMicros = new Histogram(SIGNIFICANT_DIGITS); // guarded by lock
    private Histogram intervalMicros = new Histogram(SIGNIFICANT_DIGITS); // guarded by lock
    private final ArrayDeque<Stall> stalls = new ArrayDeque<>(); // guarded by lock; the most recent
    private long stallCount; // guarded by lock
    private Tick pending; // guarded by lock
    private long ticks; // guarded by lock
    private boolean stopped; // guarded by lock
    private volatile Thread loopThread;
    private final CountDownLatch firstTick = new CountDownLatch(1);

    /** One tick in flight. Fields other than {@code sentAt} are guarded by the monitor's lock. */
    private static final class Tick {
        final long sentAt;
        List<StackTraceElement> stack;
        String threadName;

        Tick(long sentAt) {
            this.sentAt = sentAt;
        }
    }

    private EventLoopLagMonitor(String name, Executor loop, Duration tickInterval, Duration stallThreshold,
            ScheduledExecutorService timer, boolean ownsTimer) {
        this.name = name;
        this.loop = loop;
        this.tickIntervalNanos = tickInterval.toNanos();
        this.stallThresholdNanos = stallThreshold.toNanos();
        this.timer = timer;
        this.ownsTimer = ownsTimer;
    }

    /**
     * Starts monitoring {@code loop} with a timer thread of its own: the first tick is sent at once.
     *
     * @param name a name for the loop, used in stalls and messages
     * @param loop runs each given task on the loop thread, in order
     * @param tickInterval how often a tick is sent, e.g. 10 ms; also the resolution of stall detection
     * @param stallThreshold how late a tick must be to count as a stall (and get its stack sampled)
     * @return the running monitor; close it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a duration is not positive
     */
    public static EventLoopLagMonitor start(String name, Executor loop, Duration tickInterval,
            Duration stallThreshold) {
        return start(name, loop, tickInterval, stallThreshold, timerThread("primeflow-lag-monitor-" + name), true);
    }

    /** Starts a monitor on {@code timer}, which it shuts down at close if it {@code ownsTimer}. */
    static EventLoopLagMonitor start(String name, Executor loop, Duration tickInterval, Duration stallThreshold,
            ScheduledExecutorService timer, boolean ownsTimer) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(loop, "loop");
        requirePositive(tickInterval, "tickInterval");
        requirePositive(stallThreshold, "stallThreshold");
        EventLoopLagMonitor monitor = new EventLoopLagMonitor(name, loop, tickInterval, stallThreshold, timer,
                ownsTimer);
        synchronized (monitor.lock) {
            monitor.schedule = timer.scheduleAtFixedRate(monitor::onTimer, 0, monitor.tickIntervalNanos,
                    TimeUnit.NANOSECONDS);
        }
        return monitor;
    }

    /** A one-thread daemon timer that forgets cancelled tasks. */
    static ScheduledThreadPoolExecutor timerThread(String threadName) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * The loop's name.
     *
     * @return the name given at start
     */
    public String name() {
        return name;
    }

    /**
     * How many ticks have run on the loop.
     *
     * @return the count so far
     */
    public long ticks() {
        synchronized (lock) {
            return ticks;
        }
    }

    /**
     * The largest lateness of a tick that has run (microsecond resolution); zero before the first tick.
     *
     * @return the maximum lateness
     */
    public Duration maxLateness() {
        synchronized (lock) {
            return Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(latenessMicros.getMaxValue()));
        }
    }

    /**
     * The 99th percentile of tick lateness, corrected for coordinated omission (a stall of {@code k} tick
     * intervals counts as the {@code k} ticks it delayed); zero before the first tick.
     *
     * @return the 99th percentile
     */
    public Duration p99Lateness() {
        synchronized (lock) {
            return Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(latenessMicros.getValueAtPercentile(99)));
        }
    }

    /**
     * The most recent stalls (at most 1000), oldest first; after {@link #close()}, also a stall still ongoing
     * then.
     *
     * @return an immutable snapshot
     */
    public List<Stall> stalls() {
        synchronized (lock) {
            return List.copyOf(stalls);
        }
    }

    /**
     * How many stalls were recorded, including those no longer kept.
     *
     * @return the count so far
     */
    public long stallCount() {
        synchronized (lock) {
            return stallCount;
        }
    }

    /** The lateness recorded since the previous call (or the start), in microseconds; resets it. */
    Histogram takeIntervalLateness() {
        Histogram fresh = new Histogram(SIGNIFICANT_DIGITS);
        synchronized (lock) {
            Histogram taken = intervalMicros;
            intervalMicros = fresh;
            return taken;
        }
    }

    /** The loop thread, learned from the ticks; null before the first. */
    Thread loopThread() {
        return loopThread;
    }

    /** Waits until the first tick has run, so the loop thread is known; false on timeout. */
    boolean awaitFirstTick(Duration timeout) throws InterruptedException {
        return firstTick.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Asserts that no tick was, or is now, more than {@code limit} late (among the kept stalls). Reports every such stall with the
     * stack the loop thread was running; a pending tick already later than {@code limit} is reported as
     * ongoing, with a stack sampled now if none was yet. If ticks were late by more than {@code limit} but
     * less than the stall threshold, the error says so without a stack.
     *
     * @param limit the largest acceptable lateness
     * @throws AssertionError if the loop stalled longer than {@code limit}
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public void assertNoStallLongerThan(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        List<Stall> tooLong = stallsLongerThan(limit);
        Duration max = maxLateness();
        if (tooLong.isEmpty() && max.compareTo(limit) <= 0) {
            return;
        }
        throw new AssertionError(describeStalls(limit, tooLong, max));
    }

    /** Stalls longer than {@code limit}, also an ongoing one, or an empty list if there were none. */
    List<Stall> stallsLongerThan(Duration limit) {
        List<Stall> tooLong = new ArrayList<>();
        for (Stall stall : stalls()) {
            if (stall.lateness().compareTo(limit) > 0) {
                tooLong.add(stall);
            }
        }
        Stall current = pendingStall(limit.toNanos());
        if (current != null) {
            tooLong.add(current);
        }
        return tooLong;
    }

    private String describeStalls(Duration limit, List<Stall> tooLong, Duration max) {
        StringBuilder message = new StringBuilder("event loop ").append(name).append(" stalled longer than ")
                .append(limit.toMillis()).append(" ms (max lateness ").append(max.toMillis()).append(" ms, p99 ")
                .append(p99Lateness().toMillis()).append(" ms):\n");
        for (Stall stall : tooLong) {
            message.append(stall.describe());
        }
        if (tooLong.isEmpty()) {
            message.append("(no stack: the lateness stayed below the stall threshold of ")
                    .append(TimeUnit.NANOSECONDS.toMillis(stallThresholdNanos)).append(" ms)\n");
        }
        return message.toString();
    }

    /**
     * Stops the ticks (and the timer thread, if the monitor owns it, waiting up to a second for it); a tick
     * still pending more than the stall threshold late is recorded as an ongoing stall. Idempotent. Does not
     * touch the loop.
     */
    @Override
    public void close() {
        synchronized (lock) {
            schedule.cancel(false);
        }
        if (ownsTimer) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Stall last = pendingStall(stallThresholdNanos);
        synchronized (lock) {
            if (!stopped && last != null) {
                keep(last);
            }
            stopped = true;
            pending = null;
        }
    }

    /** Runs on the timer thread: sends a tick, or samples the stack of a loop that is late with one. */
    private void onTimer() {
        long now = System.nanoTime();
        Tick send = null;
        Tick sample = null;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (pending == null) {
                pending = new Tick(now);
                send = pending;
            } else if (pending.stack == null && now - pending.sentAt > stallThresholdNanos) {
                sample = pending;
            }
        }
        if (send != null) {
            Tick tick = send;
            try {
                loop.execute(() -> onTick(tick));
            } catch (RejectedExecutionException e) {
                synchronized (lock) {
                    stopped = true; // the loop is closed: nothing more to measure
                    pending = null;
                }
            }
        } else if (sample != null) {
            sampleStack(sample);
        }
    }

    /** Runs on the loop thread. */
    private void onTick(Tick tick) {
        long lateness = System.nanoTime() - tick.sentAt;
        Thread thread = Thread.currentThread();
        loopThread = thread;
        firstTick.countDown();
        synchronized (lock) {
            if (pending != tick) {
                return; // closed meanwhile
            }
            pending = null;
            ticks++;
            long micros = TimeUnit.NANOSECONDS.toMicros(lateness);
            long intervalMicrosExpected = TimeUnit.NANOSECONDS.toMicros(tickIntervalNanos);
            latenessMicros.recordValueWithExpectedInterval(micros, intervalMicrosExpected);
            intervalMicros.recordValueWithExpectedInterval(micros, intervalMicrosExpected);
            if (lateness > stallThresholdNanos) {
                keep(new Stall(name, tick.threadName != null ? tick.threadName : thread.getName(),
                        Duration.ofNanos(lateness), false, tick.stack != null ? tick.stack : List.of()));
            }
        }
    }

    /** Keeps a stall, dropping the oldest kept one beyond the limit. Call with the lock held. */
    private void keep(Stall stall) {
        stallCount++;
        if (stalls.size() == MAX_KEPT_STALLS) {
            stalls.removeFirst();
        }
        stalls.addLast(stall);
    }

    private void sampleStack(Tick tick) {
        Thread thread = loopThread;
        if (thread == null) {
            return; // no tick ran yet: nothing to sample; the tick will name its thread when it runs
        }
        List<StackTraceElement> stack = List.of(thread.getStackTrace());
        String threadName = thread.getName();
        synchronized (lock) {
            if (pending == tick && tick.stack == null) {
                tick.stack = stack;
                tick.threadName = threadName;
            }
        }
    }

    /** The pending tick as an ongoing stall if it is more than {@code laterThanNanos} late, else null. */
    private Stall pendingStall(long laterThanNanos) {
        Tick tick;
        synchronized (lock) {
            tick = pending;
        }
        if (tick == null) {
            return null;
        }
        long lateness = System.nanoTime() - tick.sentAt;
        if (lateness <= laterThanNanos) {
            return null;
        }
        sampleStack(tick);
        synchronized (lock) {
            Thread thread = loopThread;
            String threadName = tick.threadName != null ? tick.threadName
                    : thread != null ? thread.getName() : "unknown";
            return new Stall(name, threadName, Duration.ofNanos(lateness), true,
                    tick.stack != null ? tick.stack : List.of());
        }
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }
}
