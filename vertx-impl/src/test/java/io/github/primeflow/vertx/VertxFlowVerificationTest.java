package io.github.primeflow.vertx;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerFlowVerification;

/** The Reactive Streams TCK (TestNG, on the JUnit Platform) against the {@code vertx} backend. */
public class VertxFlowVerificationTest extends PrimeCheckerFlowVerification {

    /** Instantiated by TestNG. */
    public VertxFlowVerificationTest() {
    }

    @Override
    protected PrimeCheckerProvider provider() {
        return new VertxPrimeCheckerProvider();
    }
}
