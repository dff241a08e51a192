package io.github.primeflow.reactor;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerTck;

/** Every pipeline rule against the Reactor backend (BlockHound's Reactor integration is active in P11). */
class ReactorTckTest extends PrimeCheckerTck {

    @Override
    protected PrimeCheckerProvider provider() {
        return new ReactorPrimeCheckerProvider();
    }
}
