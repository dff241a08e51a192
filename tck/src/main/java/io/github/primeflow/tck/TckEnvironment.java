package io.github.primeflow.tck;

import java.time.Duration;
import java.util.Locale;

/**
 * The kit's time budget, from one scale factor.
 *
 * <p>No rule judges speed: every wait is either "should happen within" (a hang guard; passing rules end it
 * early) or "must not happen during" (a quiet window in which a broken backend would misbehave). The defaults
 * are generous for a loaded 2-core CI machine; multiply them all with the system property
 * {@value #SCALE_PROPERTY} or the environment variable {@value #SCALE_ENV} (for example {@code 3} on a slow
 * machine).
 *
 * @param scale the factor applied to every default (greater than 0)
 */
public record TckEnvironment(double scale) {

    /** System property with the time scale factor. */
    public static final String SCALE_PROPERTY = "primeflow.tck.timeScale";
    /** Environment variable with the time scale factor, used when the property is absent. */
    public static final String SCALE_ENV = "PRIMEFLOW_TCK_TIME_SCALE";

    /**
     * Validates the scale.
     *
     * @throws IllegalArgumentException if {@code scale} is not a positive finite number
     */
    public TckEnvironment {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("TCK time scale must be a positive number, got " + scale);
        }
    }

    /**
     * The environment configured by {@value #SCALE_PROPERTY} / {@value #SCALE_ENV}, default scale 1.
     *
     * @return the configured environment
     * @throws IllegalArgumentException if the configured value is not a positive number
     */
    public static TckEnvironment fromSystem() {
        String value = System.getProperty(SCALE_PROPERTY, System.getenv(SCALE_ENV));
        if (value == null || value.isBlank()) {
            return new TckEnvironment(1);
        }
        try {
            return new TckEnvironment(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s / %s must be a positive number, got '%s'", SCALE_PROPERTY, SCALE_ENV, value), e);
        }
    }

    /**
     * How long the kit waits for something that should happen (a result, a termination, an interrupted
     * kernel call) before calling it a hang: 20 s × scale.
     *
     * @return the hang guard
     */
    public Duration shouldHappenWithin() {
        return scaled(20_000);
    }

    /**
     * How long a thread the checker started may outlive {@code close()} (rule P13): 2 s × scale. A thread ends
     * within milliseconds of its pool's shutdown; one kept by a keep-alive of 10 s holds a user's JVM open.
     *
     * @return the bound on a thread's life after close()
     */
    public Duration threadsEndWithin() {
        return scaled(2_000);
    }

    /**
     * How long the kit watches for something that must not happen (an extra {@code onNext}, a kernel call
     * after {@code cancel()}): 300 ms × scale.
     *
     * @return the quiet window
     */
    public Duration mustNotHappenDuring() {
        return scaled(300);
    }

    /**
     * The largest lateness tolerated for a 10 ms tick on an event loop while the workers are saturated
     * (rule P12): 500 ms × scale, far above scheduling noise on a loaded 2-core machine. A loop that runs
     * one of that rule's kernel calls is late by the whole call (over a second).
     *
     * @return the lateness bound
     */
    public Duration maxTickLateness() {
        return scaled(500);
    }

    /**
     * How long the kit waits for a child JVM it starts (rule P6's heap probe, a few seconds of work) before
     * killing it as hung: 120 s × scale.
     *
     * @return the hang guard for a child JVM
     */
    public Duration childProcessWithin() {
        return scaled(120_000);
    }

    private Duration scaled(long millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000L * scale));
    }
}
