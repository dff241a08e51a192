package io.github.primeflow.loom;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerTck;

/** Every pipeline rule against the virtual-thread backend. */
class LoomTckTest extends PrimeCheckerTck {

    @Override
    protected PrimeCheckerProvider provider() {
        return new LoomPrimeCheckerProvider();
    }
}
