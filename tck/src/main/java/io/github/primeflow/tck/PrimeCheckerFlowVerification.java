package io.github.primeflow.tck;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The official Reactive Streams TCK ({@code reactive-streams-tck-flow}, §1–§3) against a backend's
 * {@link PrimeChecker#check(Flow.Publisher)}. It is a TestNG class: run it on the JUnit Platform with
 * {@code org.junit.support:testng-engine} on the test class path. Extend it with one method:
 *
 * <pre>{@code
 * public class MyBackendFlowTest extends PrimeCheckerFlowVerification {
 *     @Override
 *     protected PrimeCheckerProvider provider() {
 *         return new MyBackendProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Its timeouts come from {@link TckEnvironment} (1 s per expected signal, 200 ms of watched silence,
 * both times the scale), far above the Reactive Streams TCK's defaults, for loaded CI machines.
 */
public abstract class PrimeCheckerFlowVerification extends FlowPublisherVerification<PrimeResult> {

    private PrimeChecker checker;

    /** Uses the {@link TckEnvironment#fromSystem()} time scale. */
    protected PrimeCheckerFlowVerification() {
        super(testEnvironment(TckEnvironment.fromSystem()));
    }

    private static TestEnvironment testEnvironment(TckEnvironment env) {
        long timeout = Math.round(1_000 * env.scale());
        long noSignals = Math.round(200 * env.scale());
        return new TestEnvironment(timeout, noSignals, timeout);
    }

    /**
     * The backend under test.
     *
     * @return the provider
     */
    protected abstract PrimeCheckerProvider provider();

    /** Creates the checker the publishers come from: parallelism 2, Miller–Rabin (cheap numbers). */
    @BeforeClass
    public void createChecker() {
        checker = provider().create(CheckerOptions.builder().parallelism(2)
                .primalityTest(PrimalityTest.millerRabin()).build());
    }

    /** Closes the checker. */
    @AfterClass(alwaysRun = true)
    public void closeChecker() {
        if (checker != null) {
            checker.close();
        }
    }

    @Override
    public Flow.Publisher<PrimeResult> createFlowPublisher(long elements) {
        return checker.check(UpstreamProbe.range(0, elements));
    }

    @Override
    public Flow.Publisher<PrimeResult> createFailedFlowPublisher() {
        return checker.check(subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    // fails before any element
                }

                @Override
                public void cancel() {
                    // nothing to stop
                }
            });
            subscriber.onError(new IllegalStateException("deliberately failed upstream"));
        });
    }
}
