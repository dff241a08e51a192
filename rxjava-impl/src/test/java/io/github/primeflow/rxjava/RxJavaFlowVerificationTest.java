package io.github.primeflow.rxjava;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerFlowVerification;

/**
 * The Reactive Streams TCK (§1–§3) against {@link RxJavaPrimeChecker#check(java.util.concurrent.Flow.Publisher)}.
 * Public because TestNG instantiates it; its superclass comes from the kit on the class path, hence the
 * suppressed "exports" lint.
 */
@SuppressWarnings("exports")
public class RxJavaFlowVerificationTest extends PrimeCheckerFlowVerification {

    /** Instantiated by TestNG. */
    public RxJavaFlowVerificationTest() {
    }

    @Override
    protected PrimeCheckerProvider provider() {
        return new RxJavaPrimeCheckerProvider();
    }
}
