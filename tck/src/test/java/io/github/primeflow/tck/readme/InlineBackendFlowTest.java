package io.github.primeflow.tck.readme;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerFlowVerification;

/** The README's Reactive Streams TCK class for the small backend of "How to write a new backend". */
// snippet:flow
// The official Reactive Streams TCK (TestNG; runs on the JUnit Platform through testng-engine).
public class InlineBackendFlowTest extends PrimeCheckerFlowVerification {
    @Override
    protected PrimeCheckerProvider provider() {
        return new InlinePrimeCheckerProvider();
    }
}
// end:flow
