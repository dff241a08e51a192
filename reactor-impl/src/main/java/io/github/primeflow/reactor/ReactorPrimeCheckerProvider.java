package io.github.primeflow.reactor;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.spi.PrimeCheckerProvider;

/**
 * Registers the {@code reactor} backend with {@link java.util.ServiceLoader}, so that
 * {@code PrimeCheckers.create("reactor", options)} (or {@code PrimeCheckers.create()} when it is the only
 * backend present) returns a {@link ReactorPrimeChecker}. It claims every capability (asynchronous,
 * parallel) and has no event-loop threads.
 */
public final class ReactorPrimeCheckerProvider implements PrimeCheckerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public ReactorPrimeCheckerProvider() {
    }

    /**
     * The backend's name.
     *
     * @return {@code "reactor"}
     */
    @Override
    public String name() {
        return ReactorPrimeChecker.NAME;
    }

    /**
     * Creates a checker that owns its CPU scheduler, as {@link ReactorPrimeChecker#create(CheckerOptions)}.
     *
     * @param options validated options
     * @return a new {@link ReactorPrimeChecker}; close it when done
     * @throws NullPointerException if {@code options} is null
     */
    @Override
    public PrimeChecker create(CheckerOptions options) {
        return ReactorPrimeChecker.create(options);
    }

    @Override
    public String toString() {
        return "ReactorPrimeCheckerProvider[" + name() + "]";
    }
}
