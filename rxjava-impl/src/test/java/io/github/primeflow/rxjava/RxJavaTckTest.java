package io.github.primeflow.rxjava;

import io.github.primeflow.spi.PrimeCheckerProvider;
import io.github.primeflow.tck.PrimeCheckerTck;
import io.reactivex.rxjava3.schedulers.Schedulers;
import org.junit.jupiter.api.BeforeAll;

/** Every pipeline rule of the kit against the {@code rxjava} backend. */
class RxJavaTckTest extends PrimeCheckerTck {

    /**
     * Starts one thread each of RxJava's {@code computation()} and {@code single()} schedulers, the threads the
     * provider names as event loops, so that rule P11's event-loop check runs instead of being skipped.
     */
    @BeforeAll
    static void startRxJavasNonBlockingThreads() {
        Schedulers.computation().scheduleDirect(() -> { });
        Schedulers.single().scheduleDirect(() -> { });
    }

    @Override
    protected PrimeCheckerProvider provider() {
        return new RxJavaPrimeCheckerProvider();
    }
}
