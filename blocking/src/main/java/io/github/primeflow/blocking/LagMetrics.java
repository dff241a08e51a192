package io.github.primeflow.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.HdrHistogram.Histogram;

/**
 * Micrometer meters for a {@link LagWatchdog}, tagged {@code loop=<loop name>} (Micrometer is an optional
 * dependency: this is the only class that needs it):
 * <ul>
 *   <li>{@value #LAG} (time gauge), tagged {@code quantile=0.5|0.99|0.999|1.0}: the loop's lag percentiles,
 *       corrected for coordinated omission, over the last completed window (default one minute);</li>
 *   <li>{@value #STALLS} (counter): stalls so far;</li>
 *   <li>{@value #TICKS} (counter): ticks run so far.</li>
 * </ul>
 * The window rolls over when a gauge is read after it ended, so the percentiles describe the minute before
 * the read that rolled it: read every window or more often (any scrape interval up to the window). One
 * instance may be bound to several registries; create one per watchdog (each takes the watchdog's lateness
 * windows). Thread-safe.
 */
public final class LagMetrics implements MeterBinder {

    /** Name of the lag percentile gauges. */
    public static final String LAG = "primeflow.eventloop.lag";
    /** Name of the stall counters. */
    public static final String STALLS = "primeflow.eventloop.stalls";
    /** Name of the tick counters. */
    public static final String TICKS = "primeflow.eventloop.ticks";

    private static final List<Double> QUANTILES = List.of(0.5, 0.99, 0.999, 1.0);

    private final List<Window> windows;

    /**
     * Meters for {@code watchdog}, with percentiles over one-minute windows.
     *
     * @param watchdog the running watchdog
     * @throws NullPointerException if {@code watchdog} is null
     */
    public LagMetrics(LagWatchdog watchdog) {
        this(watchdog, Duration.ofMinutes(1));
    }

    /**
     * Meters for {@code watchdog}, with percentiles over windows of the given length.
     *
     * @param watchdog the running watchdog
     * @param window how long each percentile window lasts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code window} is not positive
     */
    public LagMetrics(LagWatchdog watchdog, Duration window) {
        Objects.requireNonNull(watchdog, "watchdog");
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        List<Window> perLoop = new ArrayList<>();
        for (EventLoopLagMonitor monitor : watchdog.monitors()) {
            perLoop.add(new Window(monitor, window.toNanos()));
        }
        this.windows = List.copyOf(perLoop);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Window window : windows) {
            EventLoopLagMonitor monitor = window.monitor;
            for (double quantile : QUANTILES) {
                TimeGauge.builder(LAG, window, TimeUnit.MICROSECONDS, w -> w.percentile(quantile))
                        .tag("loop", monitor.name())
                        .tag("quantile", Double.toString(quantile))
                        .description("event-loop lag (how late a task ran) over the last window")
                        .register(registry);
            }
            FunctionCounter.builder(STALLS, monitor, EventLoopLagMonitor::stallCount)
                    .tag("loop", monitor.name())
                    .description("ticks that ran later than the stall threshold")
                    .register(registry);
            FunctionCounter.builder(TICKS, monitor, EventLoopLagMonitor::ticks)
                    .tag("loop", monitor.name())
                    .description("lag probes run on the loop")
                    .register(registry);
        }
    }

    /** The percentiles of one loop's last completed window. */
    private static final class Window {
        private final EventLoopLagMonitor monitor;
        private final long lengthNanos;
        private long endsAt; // guarded by this
        private Histogram last = new Histogram(3); // guarded by this

        Window(EventLoopLagMonitor monitor, long lengthNanos) {
            this.monitor = monitor;
            this.lengthNanos = lengthNanos;
            this.endsAt = System.nanoTime() + lengthNanos;
            monitor.takeIntervalLateness(); // the window starts now
        }

        synchronized double percentile(double quantile) {
            long now = System.nanoTime();
            if (now - endsAt >= 0) {
                last = monitor.takeIntervalLateness();
                endsAt = now + lengthNanos;
            }
            return quantile >= 1.0 ? last.getMaxValue() : last.getValueAtPercentile(quantile * 100);
        }
    }
}
