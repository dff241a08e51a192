package io.github.primeflow.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.HdrHistogram.Histogram;

/**
 * A single-threaded event loop with a spinner that ticks every 100 ms, like the seed's asyncio spinner.
 * Each tick records its lateness (how long after its due time it ran) in an HdrHistogram: a loop that
 * runs CPU work stalls, and the lateness shows by how much.
 */
final class EventLoop implements AutoCloseable {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ScheduledThreadPoolExecutor loop;
    private final Histogram lateness = new Histogram(3);
    private final IntConsumer onTick;
    /** (seconds since start, lateness in ms) per tick, for the report's chart; only touched on the loop. */
    private final List<double[]> timeline = new ArrayList<>();
    private long started;
    private long due;
    private int ticks;
    private boolean stopped;

    /**
     * @param onTick called on the loop at each tick with the tick number (to draw a spinner frame)
     */
    EventLoop(IntConsumer onTick) {
        this.onTick = onTick;
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "primeflow-loop");
            t.setDaemon(true);
            return t;
        });
        loop.setRemoveOnCancelPolicy(true);
    }

    ScheduledExecutorService executor() {
        return loop;
    }

    /** Starts ticking. */
    void start() {
        loop.execute(() -> {
            started = System.nanoTime();
            due = started + TICK_NANOS;
            loop.schedule(this::tick, TICK_NANOS, TimeUnit.NANOSECONDS);
        });
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        record(now, Math.max(0, now - due));
        onTick.accept(ticks++);
        due = now + TICK_NANOS;
        loop.schedule(this::tick, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * Stops ticking; a tick that is overdue right now (the loop was busy until a moment ago) still counts.
     *
     * @return the lateness of the ticks, in nanoseconds
     */
    Histogram stop() {
        CompletableFuture<Histogram> result = new CompletableFuture<>();
        loop.execute(() -> {
            long now = System.nanoTime();
            if (!stopped && now > due) {
                record(now, now - due);
            }
            stopped = true;
            result.complete(lateness.copy());
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the event loop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void record(long now, long latenessNanos) {
        lateness.recordValue(latenessNanos);
        timeline.add(new double[] {(now - started) / 1e9, latenessNanos / 1e6});
    }

    /**
     * The lateness of each tick over time; call after {@link #stop()}, which publishes it.
     *
     * @return (seconds since start, lateness in ms) per tick, in order
     */
    List<double[]> timeline() {
        return List.copyOf(timeline);
    }

    int ticks() {
        return ticks;
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
