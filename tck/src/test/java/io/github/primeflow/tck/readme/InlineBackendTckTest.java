package io.github.primeflow.tck.readme;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeCheckers;
import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerTck;
import java.util.EnumSet;
import java.util.Set;

/**
 * The README's "How to write a new backend": the complete small backend it shows, run through every rule of
 * the kit (the rules it does not claim are skipped, with the reason, in the report line).
 */
class InlineBackendTckTest extends PrimeCheckerTck {

    // snippet:inline-backend
    /** A backend that checks each number on the thread that requests it: no threads of its own. */
    public static final class InlinePrimeCheckerProvider implements PrimeCheckerProvider {
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

    @Override
    protected PrimeCheckerProvider provider() {
        return new InlinePrimeCheckerProvider();
    }
}
