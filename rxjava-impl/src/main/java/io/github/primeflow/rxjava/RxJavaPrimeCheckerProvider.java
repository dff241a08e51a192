package io.github.primeflow.rxjava;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Registers the {@code rxjava} backend with {@link java.util.ServiceLoader}. It claims every capability
 * (asynchronous, parallel), and names RxJava's non-blocking threads as the event loops the kernel must
 * never run on.
 */
public final class RxJavaPrimeCheckerProvider implements PrimeCheckerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public RxJavaPrimeCheckerProvider() {
    }

    /**
     * The backend name.
     *
     * @return {@code "rxjava"}
     */
    @Override
    public String name() {
        return RxJavaPrimeChecker.NAME;
    }

    /**
     * Creates a checker that owns its CPU threads ({@link RxJavaPrimeChecker#create(CheckerOptions)}).
     *
     * @param options validated options
     * @return a new {@link RxJavaPrimeChecker}
     * @throws NullPointerException if {@code options} is null
     */
    @Override
    public PrimeChecker create(CheckerOptions options) {
        return RxJavaPrimeChecker.create(Objects.requireNonNull(options, "options"));
    }

    /**
     * RxJava's non-blocking threads, those of {@code Schedulers.computation()} ({@code RxComputationThreadPool-N})
     * and {@code Schedulers.single()} ({@code RxSingleScheduler-N}): where RxJava code coordinates, so where
     * no kernel call of a default checker ever runs (rule P11). Recognised by name, because their marker
     * interface is internal to RxJava.
     *
     * @return a predicate over thread names
     */
    @Override
    public Predicate<Thread> eventLoopThreads() {
        return thread -> {
            String name = thread.getName();
            return name.startsWith("RxComputationThreadPool-") || name.startsWith("RxSingleScheduler-");
        };
    }

    @Override
    public String toString() {
        return "RxJavaPrimeCheckerProvider{" + name() + '}';
    }
}
