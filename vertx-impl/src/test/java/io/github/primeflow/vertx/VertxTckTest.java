package io.github.primeflow.vertx;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerTck;

/** Every pipeline rule of the kit against the {@code vertx} backend. */
class VertxTckTest extends PrimeCheckerTck {
    @Override
    protected PrimeCheckerProvider provider() {
        return new VertxPrimeCheckerProvider();
    }
}
