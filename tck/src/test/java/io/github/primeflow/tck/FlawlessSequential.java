package io.github.primeflow.tck;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.EnumSet;
import java.util.Set;

/** The sequential reference as a provider value, for controls that need the flawless counterpart. */
final class FlawlessSequential implements PrimeCheckerProvider {

    @Override
    public String name() {
        return PrimeCheckers.SEQUENTIAL;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    @Override
    public PrimeChecker create(CheckerOptions options) {
        return PrimeCheckers.create(PrimeCheckers.SEQUENTIAL, options);
    }

    @Override
    public String toString() {
        return name();
    }
}
