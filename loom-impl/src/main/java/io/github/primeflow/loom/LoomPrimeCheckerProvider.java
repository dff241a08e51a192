package io.github.primeflow.loom;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.Objects;

/**
 * Registers the {@code loom} backend with {@link java.util.ServiceLoader}, so that
 * {@code PrimeCheckers.create("loom", options)} (or {@code PrimeCheckers.create()} with only this backend
 * present) returns a {@link LoomPrimeChecker}.
 *
 * <p>It claims every capability (asynchronous and parallel) and has no event-loop threads.
 */
public final class LoomPrimeCheckerProvider implements PrimeCheckerProvider {

    /** The backend's name: {@value}. */
    public static final String NAME = "loom";

    /** Called by {@link java.util.ServiceLoader}. */
    public LoomPrimeCheckerProvider() {
    }

    /**
     * The backend's name.
     *
     * @return {@value #NAME}
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a {@link LoomPrimeChecker}.
     *
     * @param options the options
     * @return a new checker; close it when done
     * @throws NullPointerException if {@code options} is null
     */
    @Override
    public PrimeChecker create(CheckerOptions options) {
        return LoomPrimeChecker.create(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String toString() {
        return "LoomPrimeCheckerProvider{name=" + NAME + '}';
    }
}
