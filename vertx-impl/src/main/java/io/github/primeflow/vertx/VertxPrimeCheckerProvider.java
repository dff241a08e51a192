package io.github.primeflow.vertx;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.spi.PrimeCheckerProvider;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Registers the {@code vertx} backend with {@link java.util.ServiceLoader}: every checker it creates is a
 * {@link VertxPrimeChecker} with its own {@link io.vertx.core.Vertx}. Claims every capability (asynchronous and
 * parallel).
 */
public final class VertxPrimeCheckerProvider implements PrimeCheckerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public VertxPrimeCheckerProvider() {
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code vertx}
     */
    @Override
    public String name() {
        return VertxPrimeChecker.NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@link VertxPrimeChecker#create(CheckerOptions)}
     */
    @Override
    public PrimeChecker create(CheckerOptions options) {
        return VertxPrimeChecker.create(Objects.requireNonNull(options, "options"));
    }

    /**
     * Vert.x event-loop threads: those named {@code vert.x-eventloop-thread-*} (or {@code vert.x-acceptor-thread-*})
     * and any thread seen running a subscription's event-loop context. Worker threads, including the checker's
     * {@code primeflow-cpu-*} pool, do not match.
     *
     * @return the predicate
     */
    @Override
    public Predicate<Thread> eventLoopThreads() {
        return EventLoopThreads::isEventLoop;
    }
}
