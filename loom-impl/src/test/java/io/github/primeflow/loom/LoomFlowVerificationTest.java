package io.github.primeflow.loom;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerFlowVerification;

/** The Reactive Streams TCK against the virtual-thread backend's Flow publisher (TestNG, on the JUnit Platform). */
// TestNG needs a public class; the test sources are patched into this module, whose package is exported.
@SuppressWarnings("exports")
public class LoomFlowVerificationTest extends PrimeCheckerFlowVerification {

    /** Created by TestNG. */
    public LoomFlowVerificationTest() {
    }

    @Override
    protected PrimeCheckerProvider provider() {
        return new LoomPrimeCheckerProvider();
    }
}
