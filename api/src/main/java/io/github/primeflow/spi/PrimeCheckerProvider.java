package io.github.primeflow.spi;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A backend, as {@link java.util.ServiceLoader} finds it. A backend artifact registers its provider both
 * in {@code META-INF/services/io.github.primeflow.spi.PrimeCheckerProvider} (class path) and with
 * {@code provides io.github.primeflow.spi.PrimeCheckerProvider with ...} in its {@code module-info.java}
 * (module path). Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface PrimeCheckerProvider {

    /** What a backend promises beyond the rules every backend keeps; the TCK checks what is claimed. */
    enum Capability {
        /**
         * Kernel calls run on threads the backend owns, never on the caller's thread inside
         * {@code subscribe}/{@code request}/{@code onNext} (rule P11), and {@code cancel()} interrupts
         * in-flight kernel calls (rule P7).
         */
        ASYNCHRONOUS,
        /** Up to {@link CheckerOptions#parallelism()} kernel calls run at the same time (rule P9). */
        PARALLEL
    }

    /**
     * The backend's name, as {@code PrimeCheckers.create(name, options)} and the {@code primeflow.backend}
     * property use it: lower case, stable, unique (for example {@code reactor}).
     *
     * @return the name
     */
    String name();

    /**
     * Creates a checker that owns whatever threads it needs until {@link PrimeChecker#close()}.
     *
     * @param options validated options
     * @return a new checker
     * @throws NullPointerException if {@code options} is null
     */
    PrimeChecker create(CheckerOptions options);

    /**
     * What the backend promises beyond the basic rules. The default claims everything, so a backend that
     * does not override this is held to every rule.
     *
     * @return the claimed capabilities
     */
    default Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /**
     * Recognises the backend's event-loop threads: threads that must never run a kernel call (rule P11)
     * and must keep ticking while workers are busy (rule P12). The default recognises none.
     *
     * @return a predicate over threads; must be cheap and thread-safe
     */
    default Predicate<Thread> eventLoopThreads() {
        return thread -> false;
    }
}
