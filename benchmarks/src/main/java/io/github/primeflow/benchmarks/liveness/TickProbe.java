package io.github.primeflow.benchmarks.liveness;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A 10 ms periodic tick on a {@link TickLoop} that records, in an HdrHistogram, how late each tick ran
 * against the time its timer was asked for.
 *
 * <p>Each tick schedules the next one on a fixed grid ({@code start + k × period}), so a late tick does not
 * shift the later ones. A loop stalled for several periods runs only one late tick, so each lateness is
 * recorded with {@link Histogram#recordValueWithExpectedInterval}, which adds the ticks the stall swallowed
 * (correcting for coordinated omission).
 */
final class TickProbe {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long MAX_TRACKED_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final TickLoop loop;
    private final long periodNanos;
    private final Histogram latenessMicros = new Histogram(MAX_TRACKED_MICROS, SIGNIFICANT_DIGITS);
    private volatile boolean recording;
    private volatile boolean stopped;
    private long nextDue; // the next grid point; touched only on the loop thread
    private long pendingExpectedAt; // when the pending tick's timer is due; touched only on the loop thread

    private TickProbe(TickLoop loop, long periodNanos) {
        this.loop = loop;
        this.periodNanos = periodNanos;
    }

    /**
     * Starts ticking; nothing is recorded until {@link #startRecording()} (so start-up is left out).
     *
     * @param loop the loop
     * @param periodMillis the tick period
     * @return the running probe
     */
    static TickProbe start(TickLoop loop, long periodMillis) {
        TickProbe probe = new TickProbe(loop, TimeUnit.MILLISECONDS.toNanos(periodMillis));
        loop.execute(() -> {
            probe.nextDue = System.nanoTime() + probe.periodNanos;
            probe.scheduleNext();
        });
        return probe;
    }

    /** Records from now on, forgetting earlier ticks. */
    void startRecording() {
        synchronized (latenessMicros) {
            latenessMicros.reset();
        }
        recording = true;
    }

    /** Stops ticking; pending ticks do nothing. */
    void stop() {
        stopped = true;
    }

    /**
     * The lateness so far.
     *
     * @return a copy of the histogram, in microseconds
     */
    Histogram snapshot() {
        synchronized (latenessMicros) {
            return latenessMicros.copy();
        }
    }

    private void scheduleNext() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        long delay = Math.max(0, nextDue - now);
        long asked = loop.schedule(this::tick, delay);
        long expectedAt = now + asked;
        nextDue += periodNanos;
        pendingExpectedAt = expectedAt;
    }

    private void tick() {
        long lateness = Math.max(0, System.nanoTime() - pendingExpectedAt);
        if (recording) {
            synchronized (latenessMicros) {
                latenessMicros.recordValueWithExpectedInterval(
                        Math.min(MAX_TRACKED_MICROS, TimeUnit.NANOSECONDS.toMicros(lateness)),
                        TimeUnit.NANOSECONDS.toMicros(periodNanos));
            }
        }
        // After a stall, skip the grid points already missed instead of firing a burst of catch-up ticks.
        long now = System.nanoTime();
        while (nextDue < now) {
            nextDue += periodNanos;
        }
        scheduleNext();
    }
}
