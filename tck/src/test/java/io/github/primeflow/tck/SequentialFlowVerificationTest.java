package io.github.primeflow.tck;

import io.github.primeflow.spi.PrimeCheckerProvider;

/** The Reactive Streams TCK against the sequential reference (TestNG, via the JUnit Platform). */
public class SequentialFlowVerificationTest extends PrimeCheckerFlowVerification {

    @Override
    protected PrimeCheckerProvider provider() {
        return new FlawlessSequential();
    }
}
