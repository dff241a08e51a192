package io.github.primeflow.internal;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Registers the {@code sequential} reference backend. */
public final class SequentialPrimeCheckerProvider implements PrimeCheckerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public SequentialPrimeCheckerProvider() {
    }

    @Override
    public String name() {
        return PrimeCheckers.SEQUENTIAL;
    }

    @Override
    public PrimeChecker create(CheckerOptions options) {
        return new SequentialPrimeChecker(Objects.requireNonNull(options, "options"));
    }

    /** Computes on the caller's thread, one number at a time: neither asynchronous nor parallel. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }
}
