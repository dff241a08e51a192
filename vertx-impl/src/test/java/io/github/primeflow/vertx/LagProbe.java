package io.github.primeflow.vertx;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A 10 ms periodic timer on one event loop that records the largest gap between two ticks: an event loop
 * running CPU work misses its ticks for as long as the work lasts.
 */
final class LagProbe implements AutoCloseable {

    static final long PERIOD_MS = 10;

    private final Vertx vertx;
    private final long timerId;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong maxGapNanos = new AtomicLong();
    private volatile long last = System.nanoTime();

    LagProbe(Vertx vertx) {
        this.vertx = vertx;
        this.timerId = vertx.setPeriodic(PERIOD_MS, id -> {
            long now = System.nanoTime();
            maxGapNanos.accumulateAndGet(now - last, Math::max);
            last = now;
            ticks.incrementAndGet();
        });
    }

    long ticks() {
        return ticks.get();
    }

    long maxGapMillis() {
        return maxGapNanos.get() / 1_000_000;
    }

    /** Forgets the gaps so far (the first tick may come late while the loop starts). */
    void reset() {
        maxGapNanos.set(0);
    }

    @Override
    public void close() {
        vertx.cancelTimer(timerId);
    }
}
