package io.github.primeflow.tck.readme;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.EnumSet;
import java.util.Set;

// snippet:inline-backend
/** A backend that checks each number on the thread that requests it: no threads of its own. */
public final class InlinePrimeCheckerProvider implements PrimeCheckerProvider {
    @Override
    public String name() {
        return "inline";
    }

    /** It computes on the caller's thread, so it claims neither ASYNCHRONOUS nor PARALLEL. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    /** The pipeline itself is primeflow's sequential reference, which keeps every rule it claims. */
    @Override
    public PrimeChecker create(CheckerOptions options) {
        return PrimeCheckers.create(PrimeCheckers.SEQUENTIAL, options);
    }
}
// end:inline-backend
